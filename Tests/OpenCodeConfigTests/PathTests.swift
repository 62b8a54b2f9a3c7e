import OpenCodeConfig
import Testing

@Suite("paths")
struct PathTests {
    static let mac = ["HOME": "/Users/ana"]
    static let windows = ["APPDATA": #"C:\Users\ana\AppData\Roaming"#, "USERPROFILE": #"C:\Users\ana"#]
    static let linux = ["HOME": "/home/ana"]

    @Test func openwork() throws {
        #expect(try path(for: .openwork, platform: .macos, environment: Self.mac)
            == "/Users/ana/Library/Application Support/Openwork/opencode/opencode.json")
        #expect(try path(for: .openwork, platform: .windows, environment: Self.windows)
            == #"C:\Users\ana\AppData\Roaming\Openwork\opencode\opencode.json"#)
        #expect(try path(for: .openwork, platform: .linux, environment: Self.linux)
            == "/home/ana/.config/Openwork/opencode/opencode.json")
    }

    @Test func accomplish() throws {
        #expect(try path(for: .accomplish, platform: .macos, environment: Self.mac)
            == "/Users/ana/Library/Application Support/Accomplish/opencode/opencode.json")
        #expect(try path(for: .accomplish, platform: .windows, environment: Self.windows)
            == #"C:\Users\ana\AppData\Roaming\Accomplish\opencode\opencode.json"#)
        #expect(try path(for: .accomplish, platform: .linux, environment: Self.linux)
            == "/home/ana/.config/Accomplish/opencode/opencode.json")
    }

    @Test func opencode() throws {
        #expect(try path(for: .opencode, platform: .macos, environment: Self.mac) == "/Users/ana/.config/opencode/opencode.json")
        #expect(try path(for: .opencode, platform: .windows, environment: Self.windows)
            == #"C:\Users\ana\.config\opencode\opencode.json"#)
        #expect(try path(for: .opencode, platform: .linux, environment: Self.linux) == "/home/ana/.config/opencode/opencode.json")
    }

    @Test func xdgConfigHomeOnLinux() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/data/cfg/"]
        #expect(try path(for: .openwork, platform: .linux, environment: env) == "/data/cfg/Openwork/opencode/opencode.json")
        #expect(try path(for: .opencode, platform: .linux, environment: env) == "/data/cfg/opencode/opencode.json")
        // Only HOME is needed when XDG_CONFIG_HOME is set.
        #expect(try path(for: .accomplish, platform: .linux, environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/Accomplish/opencode/opencode.json")
    }

    @Test func relativeXDGConfigHomeIsIgnored() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "cfg"]
        #expect(try path(for: .openwork, platform: .linux, environment: env) == "/home/ana/.config/Openwork/opencode/opencode.json")
    }

    @Test func appFoldersIgnoreXDGOnMacAndWindows() throws {
        var mac = Self.mac
        mac["XDG_CONFIG_HOME"] = "/elsewhere"
        #expect(try path(for: .openwork, platform: .macos, environment: mac)
            == "/Users/ana/Library/Application Support/Openwork/opencode/opencode.json")
    }

    /// OpenCode takes its global folder from XDG_CONFIG_HOME on every OS (xdg-basedir).
    @Test func opencodeFollowsXDGConfigHomeEverywhere() throws {
        #expect(try path(for: .opencode, platform: .macos, environment: ["HOME": "/Users/ana", "XDG_CONFIG_HOME": "/cfg"])
            == "/cfg/opencode/opencode.json")
        #expect(try path(for: .opencode, platform: .windows, environment: ["XDG_CONFIG_HOME": #"D:\cfg"#])
            == #"D:\cfg\opencode\opencode.json"#)
    }

    @Test func missingVariablesAreNamed() {
        #expect(throws: ConfigPathError.missingVariable("HOME", target: "openwork")) {
            try path(for: .openwork, platform: .macos, environment: [:])
        }
        #expect(throws: ConfigPathError.missingVariable("APPDATA", target: "accomplish")) {
            try path(for: .accomplish, platform: .windows, environment: ["USERPROFILE": #"C:\Users\ana"#])
        }
        #expect(throws: ConfigPathError.missingVariable("USERPROFILE", target: "opencode")) {
            try path(for: .opencode, platform: .windows, environment: ["APPDATA": #"C:\x"#])
        }
        #expect(throws: ConfigPathError.missingVariable("HOME", target: "opencode")) {
            try path(for: .opencode, platform: .linux, environment: ["HOME": ""])
        }
        let message = ConfigPathError.missingVariable("APPDATA", target: "openwork").description
        #expect(message.contains("APPDATA"))
    }

    @Test func pathTargets() throws {
        #expect(try path(for: .path("~/proj/opencode.json"), platform: .linux, environment: Self.linux)
            == "/home/ana/proj/opencode.json")
        #expect(try path(for: .path("opencode.json"), platform: .linux, environment: [:], currentDirectory: "/work/proj")
            == "/work/proj/opencode.json")
        #expect(try path(for: .path("./sub/opencode.json"), platform: .macos, environment: [:], currentDirectory: "/w/")
            == "/w/sub/opencode.json")
        #expect(try path(for: .path("/etc/opencode.json"), platform: .linux, environment: [:]) == "/etc/opencode.json")
        #expect(try path(for: .path(#"~\proj\opencode.json"#), platform: .windows, environment: Self.windows)
            == #"C:\Users\ana\proj\opencode.json"#)
        #expect(try path(for: .path(#"D:\cfg\opencode.json"#), platform: .windows, environment: [:]) == #"D:\cfg\opencode.json"#)
        #expect(try path(for: .path("opencode.json"), platform: .windows, environment: [:], currentDirectory: #"C:\proj"#)
            == #"C:\proj\opencode.json"#)
        #expect(throws: ConfigPathError.missingVariable("HOME", target: "~/x.json")) {
            try path(for: .path("~/x.json"), platform: .linux, environment: [:])
        }
    }

    @Test func relativePathUsesTheProcessDirectory() throws {
        let resolved = try path(for: .path("opencode.json"), platform: .linux, environment: [:])
        #expect(resolved.hasPrefix("/"))
        #expect(resolved.hasSuffix("/opencode.json"))
    }

    @Test func parsingTargets() {
        #expect(Target(parsing: "openwork") == .openwork)
        #expect(Target(parsing: "accomplish") == .accomplish)
        #expect(Target(parsing: "opencode") == .opencode)
        #expect(Target(parsing: "./opencode.json") == .path("./opencode.json"))
        #expect(Target(parsing: "") == nil)
        #expect(Target.path("/a/b.json").description == "/a/b.json")
    }

    @Test func currentPlatform() {
        #if os(Linux)
        #expect(Platform.current == .linux)
        #elseif os(macOS)
        #expect(Platform.current == .macos)
        #endif
    }
}
