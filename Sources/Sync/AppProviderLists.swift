#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import JSONCore
internal import SystemIO
internal import Workstation

/// The providers the desktop app enables now, from its files in `<userData>/opencode`: its
/// `opencode.json` and the newest of the per-task `opencode-<taskId>.json` files it writes
/// since April 2026 (accomplish-ai/accomplish bbbd240c, #947). A file that does not parse is
/// read again a few times (the app writes with a plain truncate-and-write), then left out:
/// `AppProviders.emitted` covers every id the app can write anyway.
struct AppProviderLists {
    var rereads: Int
    var delay: Duration

    func current(in folder: String) -> [String] {
        var files = [PathText.join(folder, OpenCodeFileNames.json)]
        if let task = newestTaskFile(in: folder) { files.append(task) }
        return files.flatMap(enabledProviders)
    }

    /// `opencode-*.json` with the latest modification time.
    private func newestTaskFile(in folder: String) -> String? {
        guard let entries = try? FolderListing.entries(folder) else { return nil }
        var newest: (path: String, time: Int64)?
        for entry in entries where entry.type == .regular && entry.name.hasPrefix("opencode-") && entry.name.hasSuffix(".json") {
            let path = PathText.join(folder, entry.name)
            guard let status = (try? FileStatus.of(path)) ?? nil else { continue }
            let time = status.identity.modifiedNanosecondsSinceEpoch
            if newest.map({ time > $0.time || (time == $0.time && path > $0.path) }) ?? true { newest = (path, time) }
        }
        return newest?.path
    }

    private func enabledProviders(in file: String) -> [String] {
        for attempt in 1...max(1, rereads) {
            guard let bytes = (try? FileReader.read(file)) ?? nil else { return [] }
            if let outline = try? JSONOutline.read(bytes, options: .jsonc) {
                return outline.topLevelValue("enabled_providers")?.arrayValue?.compactMap(\.stringValue) ?? []
            }
            if attempt < rereads {
                let (seconds, attoseconds) = delay.components
                usleep(UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
            }
        }
        return []
    }
}
