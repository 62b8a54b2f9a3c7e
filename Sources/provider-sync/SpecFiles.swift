import CLICommon
import Foundation

/// Expands command-line paths: a folder stands for its *.yaml and *.yml files, in name order.
enum SpecFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CommandFailure(message: "\(path): no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw CommandFailure(message: "\(path): cannot list the folder (\(error.localizedDescription))")
            }
            let specs = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            if specs.isEmpty { throw CommandFailure(message: "\(path): the folder has no *.yaml or *.yml files") }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += specs.map { "\(base)/\($0)" }
        }
        return files
    }
}

enum StandardInput {
    static func readAll() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}
