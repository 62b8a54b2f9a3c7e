internal import SystemIO

/// A small file a command looks at before replacing it (a git hook, a service file): its text,
/// nil when there is none; anything but a regular file of sane size ends the command (exit 2).
public enum OwnFile {
    public static func text(_ path: String, limit: Int = 1 << 20) throws(CommandFailure) -> String? {
        do {
            return try FileReader.read(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }
}
