#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows a chain of symbolic links to the file it finally names.
///
/// People keep opencode.json in a dotfiles repository and link it into place; writing to the
/// link's path with rename would replace the link by a plain file, so we write where it points.
enum SymlinkResolver {
    /// The same bound the Linux kernel uses before it reports ELOOP.
    static let maximumHops = 40

    /// The path after following every final-component symlink. The result may not exist yet
    /// (a link to a file that was never written): the writer then creates it.
    static func resolve(_ path: String) throws -> String {
        var current = path
        for _ in 0..<maximumHops {
            guard try FileSystem.kind(of: current) == .symlink else { return current }
            let destination: String
            do {
                destination = try SymlinkTarget.stored(current)
            } catch {
                throw FileSystemError(.followSymlink, path: current, code: error.code ?? EIO)
            }
            current = PathText.join(PathText.parent(of: current), destination)
        }
        throw FileSystemError(.followSymlink, path: path, code: ELOOP)
    }
}
