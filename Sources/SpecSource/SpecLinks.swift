/// Following a symbolic link of a spec tree by its text, inside a folder: the rule every tree
/// shares (a link in a git tree has no file system to ask, and a folder on disk is checked the
/// same way so that it gives the same verdict as its commit).
///
/// A link is followed when each step, resolved against the link's own folder, stays inside the
/// spec folder, goes through real folders only, and ends at a file within `maximumHops` links.
public enum SpecLinks {
    /// How many links in a row a spec file may go through.
    public static let maximumHops = 8

    /// The path of the file the link at `link` leads to inside `folder` ("" for the tree's top),
    /// or why it is not read. With `folders`, a link may also lead to a folder (a spec path
    /// named directly).
    public static func follow<Tree: SpecTree>(_ link: String, inside folder: String, of tree: Tree,
                                             folders: Bool = false) throws(Tree.Failure) -> Result<SpecTreeTarget, SpecFileProblem> {
        let root = normalized(folder)
        var current = link
        for _ in 0..<maximumHops {
            let target = try tree.linkTarget(current)
            guard let next = resolve(current, target: target), let inner = relative(next, to: root) else {
                return .failure(.linkLeavesFolder(target: target, folder: folder))
            }
            // Each folder on the way must be a folder, not a link to one elsewhere.
            var walked = root
            for part in inner.dropLast() {
                walked = join(walked, part)
                guard try tree.kind(at: walked) == .folder else { return .failure(.linkThroughLink(target: target)) }
            }
            switch try tree.kind(at: next) {
            case nil: return .failure(.linkDangling(target: target))
            case .file: return .success(SpecTreeTarget(path: next, kind: .file))
            case .folder where folders: return .success(SpecTreeTarget(path: next, kind: .folder))
            case .symlink: current = next
            case let kind?: return .failure(.linkToNonFile(target: target, kind: kind))
            }
        }
        return .failure(.linkChainTooLong(hops: maximumHops))
    }

    /// Where a link at `link` whose stored target is `target` leads, by text: nil when the
    /// target is absolute, holds a NUL, or climbs above an absolute link's root.
    public static func resolve(_ link: String, target: String) -> String? {
        guard !target.hasPrefix("/"), !target.utf8.contains(0) else { return nil }
        var parts = components(link)
        parts.removeLast()
        for part in target.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part == ".." else {
                parts.append(String(part))
                continue
            }
            if let last = parts.last, last != "..", last != "/" {
                parts.removeLast()
            } else if parts.last == "/" {
                return nil
            } else {
                parts.append("..")
            }
        }
        return joined(parts)
    }

    /// `path` without "." parts and repeated slashes ("./a//b/" is "a/b"); "" for the top.
    public static func normalized(_ path: String) -> String { joined(components(path)) }

    /// The parts of `path` below `folder` (both normalized), or nil when it is not below it.
    static func relative(_ path: String, to folder: String) -> [String]? {
        let parts = components(path), base = components(folder)
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base, !parts.dropFirst(base.count).contains("..") else {
            return nil
        }
        return Array(parts.dropFirst(base.count))
    }

    /// A path's parts; an absolute path starts with "/".
    private static func components(_ path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.map(String.init)
        return path.hasPrefix("/") ? ["/"] + parts : parts
    }

    private static func joined(_ parts: [String]) -> String {
        guard parts.first == "/" else { return parts.joined(separator: "/") }
        return "/" + parts.dropFirst().joined(separator: "/")
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty || folder == "." ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
