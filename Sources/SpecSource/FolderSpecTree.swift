public import SystemIO

/// Specs in folders on disk (a checkout), paths as given: relative to the current folder, or
/// absolute. Listings use the types the folder records (d_type) and a file listed as regular
/// is opened without a stat first (`FileReader`), so a folder of 10,000 specs costs one
/// listing and one open per file.
public final class FolderSpecTree: SpecTree {
    public typealias Failure = FileAccessError

    /// Per folder, the names its last listing gave as regular files.
    private var regular: [String: Set<String>] = [:]

    public init() {}

    public func kind(at path: String) throws(FileAccessError) -> SpecTreeKind? {
        try FileStatus.of(path.isEmpty ? "." : path, followingSymlinks: false).map { Self.kind($0.type) }
    }

    public func entries(in folder: String) throws(FileAccessError) -> [SpecTreeEntry] {
        let listing = try FolderListing.entries(folder.isEmpty ? "." : folder)
        regular[folder] = Set(listing.lazy.filter { $0.type == .regular }.map(\.name))
        return listing.map { SpecTreeEntry(name: $0.name, kind: Self.kind($0.type)) }
    }

    public func contents(of names: [String], in folder: String, limit: Int) throws(FileAccessError) -> [Result<[UInt8], SpecFileProblem>] {
        let listed = regular[folder] ?? []
        return names.map { name -> Result<[UInt8], SpecFileProblem> in
            do throws(FileAccessError) {
                return .success(try FileReader.readExisting(SpecLinks.join(folder, name), limit: limit, listedAsRegular: listed.contains(name)))
            } catch {
                return .failure(SpecFileProblem(error))
            }
        }
    }

    public func linkTarget(_ path: String) throws(FileAccessError) -> String {
        try SymlinkTarget.stored(path)
    }

    /// A path the user named is followed as the system follows it; a link to nothing is a path
    /// with nothing there.
    public func followNamedLink(_ path: String) throws(FileAccessError) -> Result<SpecTreeTarget, SpecFileProblem> {
        guard let status = try FileStatus.of(path) else {
            return .failure(.unreadable(.missing(path)))
        }
        return .success(SpecTreeTarget(path: path, kind: Self.kind(status.type)))
    }

    private static func kind(_ type: FileType) -> SpecTreeKind {
        switch type {
        case .regular: .file
        case .folder: .folder
        case .symlink: .symlink
        default: .other(type.description)
        }
    }
}
