import Testing
import Workstation

/// The README's table "Where opencode.json goes", for every platform, from the environment only.
@Suite("locations: targets")
struct TargetLocationTests {
    static let mac = ["HOME": "/Users/ana"]
    static let windows = ["APPDATA": #"C:\Users\ana\AppData\Roaming"#, "USERPROFILE": #"C:\Users\ana"#]
    static let linux = ["HOME": "/home/ana"]

    func path(_ target: Target, _ platform: Platform, _ environment: [String: String], in folder: String = "/cwd") throws -> String {
        let files = try Locations(platform: platform, environment: Environment(environment), currentDirectory: folder).files(of: target)
        try #require(files.count == 1)
        #expect(files[0].role == .config && files[0].target == target)
        return files[0].path
    }

    @Test func openwork() throws {
        #expect(try path(.named(.openwork), .macos, Self.mac) == "/Users/ana/Library/Application Support/Openwork/opencode/opencode.json")
        #expect(try path(.named(.openwork), .windows, Self.windows) == #"C:\Users\ana\AppData\Roaming\Openwork\opencode\opencode.json"#)
        #expect(try path(.named(.openwork), .linux, Self.linux) == "/home/ana/.config/Openwork/opencode/opencode.json")
    }

    @Test func accomplish() throws {
        #expect(try path(.named(.accomplish), .macos, Self.mac) == "/Users/ana/Library/Application Support/Accomplish/opencode/opencode.json")
        #expect(try path(.named(.accomplish), .windows, Self.windows) == #"C:\Users\ana\AppData\Roaming\Accomplish\opencode\opencode.json"#)
        #expect(try path(.named(.accomplish), .linux, Self.linux) == "/home/ana/.config/Accomplish/opencode/opencode.json")
    }

    @Test func opencode() throws {
        #expect(try path(.named(.opencode), .macos, Self.mac) == "/Users/ana/.config/opencode/opencode.json")
        #expect(try path(.named(.opencode), .windows, Self.windows) == #"C:\Users\ana\.config\opencode\opencode.json"#)
        #expect(try path(.named(.opencode), .linux, Self.linux) == "/home/ana/.config/opencode/opencode.json")
    }

    @Test func xdgConfigHomeOnLinux() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/data/cfg/"]
        #expect(try path(.named(.openwork), .linux, env) == "/data/cfg/Openwork/opencode/opencode.json")
        #expect(try path(.named(.opencode), .linux, env) == "/data/cfg/opencode/opencode.json")
        // Only XDG_CONFIG_HOME is needed when it is set.
        #expect(try path(.named(.accomplish), .linux, ["XDG_CONFIG_HOME": "/x"]) == "/x/Accomplish/opencode/opencode.json")
    }

    @Test func relativeXDGConfigHomeIsIgnored() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "cfg"]
        #expect(try path(.named(.openwork), .linux, env) == "/home/ana/.config/Openwork/opencode/opencode.json")
    }

    @Test func appFoldersIgnoreXDGOnMacAndWindows() throws {
        var mac = Self.mac
        mac["XDG_CONFIG_HOME"] = "/elsewhere"
        #expect(try path(.named(.openwork), .macos, mac) == "/Users/ana/Library/Application Support/Openwork/opencode/opencode.json")
    }

    /// OpenCode takes its global folder from XDG_CONFIG_HOME on every OS (xdg-basedir).
    @Test func opencodeFollowsXDGConfigHomeEverywhere() throws {
        #expect(try path(.named(.opencode), .macos, ["HOME": "/Users/ana", "XDG_CONFIG_HOME": "/cfg"]) == "/cfg/opencode/opencode.json")
        #expect(try path(.named(.opencode), .windows, ["XDG_CONFIG_HOME": #"D:\cfg"#]) == #"D:\cfg\opencode\opencode.json"#)
    }

    @Test func missingVariablesAreNamed() {
        #expect(throws: LocationError.missingVariable(.home, for: .target("openwork"))) {
            try path(.named(.openwork), .macos, [:])
        }
        #expect(throws: LocationError.missingVariable(.appData, for: .target("accomplish"))) {
            try path(.named(.accomplish), .windows, ["USERPROFILE": #"C:\Users\ana"#])
        }
        #expect(throws: LocationError.missingVariable(.userProfile, for: .target("opencode"))) {
            try path(.named(.opencode), .windows, ["APPDATA": #"C:\x"#])
        }
        #expect(throws: LocationError.missingVariable(.home, for: .target("opencode"))) {
            try path(.named(.opencode), .linux, ["HOME": ""])
        }
        let message = LocationError.missingVariable(.appData, for: .target("openwork")).description
        #expect(message == "cannot find the openwork config: the environment variable APPDATA is not set; set it, or pass the file's path as the target")
    }

    /// A relative HOME would put the files wherever the command happens to run.
    @Test func relativeHomeIsRefused() {
        #expect(throws: LocationError.relativeVariable(.home, value: "home/ana", for: .target("openwork"))) {
            try path(.named(.openwork), .linux, ["HOME": "home/ana"])
        }
    }

    @Test func pathTargets() throws {
        #expect(try path(.path("~/proj/opencode.json"), .linux, Self.linux) == "/home/ana/proj/opencode.json")
        #expect(try path(.path("opencode.json"), .linux, [:], in: "/work/proj") == "/work/proj/opencode.json")
        #expect(try path(.path("./sub/opencode.json"), .macos, [:], in: "/w/") == "/w/sub/opencode.json")
        #expect(try path(.path("/etc/opencode.json"), .linux, [:]) == "/etc/opencode.json")
        #expect(try path(.path(#"~\proj\opencode.json"#), .windows, Self.windows) == #"C:\Users\ana\proj\opencode.json"#)
        #expect(try path(.path(#"D:\cfg\opencode.json"#), .windows, [:]) == #"D:\cfg\opencode.json"#)
        #expect(try path(.path("opencode.json"), .windows, [:], in: #"C:\proj"#) == #"C:\proj\opencode.json"#)
        #expect(throws: LocationError.missingVariable(.home, for: .target("~/x.json"))) {
            try path(.path("~/x.json"), .linux, [:])
        }
        #expect(throws: LocationError.emptyPath) { try path(.path(""), .linux, [:]) }
    }

    @Test func relativePathUsesTheProcessDirectory() throws {
        let files = try Locations.current().files(of: .path("opencode.json"))
        #expect(files.map(\.path) == [RunningFolder.path + "/opencode.json"])
    }

    @Test func parsingTargets() {
        #expect(Target(parsing: "openwork") == .named(.openwork))
        #expect(Target(parsing: "accomplish") == .named(.accomplish))
        #expect(Target(parsing: "opencode") == .named(.opencode))
        #expect(Target(parsing: "./opencode.json") == .path("./opencode.json"))
        #expect(Target(parsing: "") == nil)
        #expect(Target.path("/a/b.json").description == "/a/b.json")
        #expect(Target.default == .named(.openwork))
    }

    /// Help texts and messages list the names from the one list.
    @Test func namesForPeople() {
        #expect(TargetName.choices == "openwork, accomplish or opencode")
        #expect(TargetName.choicesMarkingDefault == "openwork (default), accomplish, opencode")
        #expect(LocationError.emptyPath.description == "the target path is empty; pass openwork, accomplish or opencode or a file path")
    }

    /// agent.yaml keeps names as they are and paths absolute, relative to its own folder.
    @Test func resolvingForAgentConfig() throws {
        let locations = Locations(platform: .linux, environment: Environment(Self.linux), currentDirectory: "/cwd")
        #expect(try locations.resolving(.named(.opencode), from: "/cfg") == .named(.opencode))
        #expect(try locations.resolving(.path("./p/opencode.json"), from: "/cfg") == .path("/cfg/p/opencode.json"))
        #expect(try locations.resolving(.path("~/opencode.json"), from: "/cfg") == .path("/home/ana/opencode.json"))
        #expect(try locations.resolving(.path("opencode.json")) == .path("/cwd/opencode.json"))
    }

    @Test func currentPlatform() {
        #if os(Linux)
        #expect(Platform.current == .linux)
        #elseif os(macOS)
        #expect(Platform.current == .macos)
        #endif
        #expect(Platform(rawValue: "beos") == nil)
    }
}
