/// The operating system whose conventions decide where opencode.json lives. A value, not a
/// compile-time check, so that every platform's paths are tested on any machine.
public enum Platform: String, Sendable, CaseIterable {
    case macos, windows, linux

    public static var current: Platform {
        #if os(macOS)
        .macos
        #elseif os(Windows)
        .windows
        #else
        .linux
        #endif
    }

    var separator: Character { self == .windows ? "\\" : "/" }
}
