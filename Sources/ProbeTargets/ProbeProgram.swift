#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `provider-sync-probe`: the probe's own program, installed next to `provider-sync`. The HTTP
/// stack (SwiftNIO, BoringSSL) lives there alone: linked into `provider-sync` it cost every
/// command, `validate` in a pre-commit hook included, about 1.5 ms and 16% more instructions.
public enum ProbeProgram {
    public static let name = "provider-sync-probe"

    /// Next to the running program, else the first in PATH; nil when neither has it.
    public static func path(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let own = runningProgram() {
            candidates.append(String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/" + name)
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append("\(folder)/\(name)")
        }
        return candidates.first { access($0, X_OK) == 0 }
    }

    private static func runningProgram() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static let missing = "\(name) is not installed next to provider-sync or in PATH; it comes with provider-sync (make release builds both)"
}
