import CLICommon
import FoundationEssentials
import SystemIO

/// Expands command-line paths: a folder stands for its *.yaml and *.yml files, in name order.
enum SpecFiles {
    /// One file to check, or why it is not read (a link that leaves its folder), said after
    /// its path.
    struct Entry {
        var path: String
        var refusal: String?
        /// The folder listing said it is a regular file.
        var listedAsRegular = false
    }

    static func expand(_ paths: [String]) throws -> [Entry] {
        var files: [Entry] = []
        for path in paths {
            if path == "-" {
                files.append(Entry(path: path))
                continue
            }
            var isFolder = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CommandFailure(message: "\(path): no such file or folder")
            }
            guard isFolder else {
                files.append(Entry(path: path))
                continue
            }
            let entries: [FolderListing.Entry]
            do {
                entries = try FolderListing.entries(path)
            } catch {
                throw CommandFailure(message: "\(path): cannot list the folder (\(error))")
            }
            let specs = entries.filter { $0.name.hasSuffix(".yaml") || $0.name.hasSuffix(".yml") }.sorted { $0.name < $1.name }
            if specs.isEmpty { throw CommandFailure(message: "\(path): the folder has no *.yaml or *.yml files") }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += specs.map { spec in
                let file = "\(base)/\(spec.name)"
                return Entry(path: file, refusal: spec.type == .symlink ? linkRefusal(file, folder: base) : nil,
                             listedAsRegular: spec.type == .regular)
            }
        }
        return files
    }

    /// A symlinked spec in a folder is read when it leads to a file inside the folder's tree (a
    /// shared file under another name); one that leads outside is refused, never skipped.
    /// Where it leads to something that is not a regular file, the reader says so.
    static func linkRefusal(_ file: String, folder: String) -> String? {
        guard let target = FileSystem.realPath(file) else { return nil }  // dangling: the reader names it
        guard let root = FileSystem.realPath(folder), target.hasPrefix(root == "/" ? "/" : root + "/") else {
            return "is a link to \(target), outside the folder \(folder); not read (copy the file into the folder, or link to one inside it)"
        }
        return nil
    }

}

enum StandardInput {
    /// All of standard input; more than `limit` bytes is an error as soon as they arrive
    /// (`validate - < /dev/zero` must not fill memory).
    static func readAll(limit: Int) throws(FileAccessError) -> [UInt8] {
        try StandardStream.input.readAll(limit: limit)
    }
}
