/// The operating system whose conventions decide where files live. A value, not a compile-time
/// check, so that every platform's paths are worked out and tested on any machine
/// (`--platform`); Linux is the one built and tested today.
public enum Platform: String, Sendable, CaseIterable {
    case macos, windows, linux

    /// The platform this binary was built for (other Unixes follow the XDG conventions).
    public static var current: Platform {
        #if os(macOS)
        .macos
        #elseif os(Windows)
        .windows
        #else
        .linux
        #endif
    }

    /// Between the parts of a path.
    public var separator: Character { self == .windows ? "\\" : "/" }

    /// The variable naming the home folder, which `~` stands for.
    public var homeVariable: Variable { self == .windows ? .userProfile : .home }
}
