import Testing
import Workstation

/// The README's table "Where the targets write", for every platform, from the environment and
/// a stand-in disk only.
@Suite("locations: targets")
struct TargetLocationTests {
    static let mac = ["HOME": "/Users/ana"]
    static let windows = ["APPDATA": #"C:\Users\ana\AppData\Roaming"#, "USERPROFILE": #"C:\Users\ana"#]
    static let linux = ["HOME": "/home/ana"]

    /// The files of `target` with their roles, auth.json left out (`authFile` checks it).
    func files(_ target: Target, _ platform: Platform, _ environment: [String: String], in folder: String = "/cwd",
               existing: Set<String> = []) throws -> [String] {
        let disk = DiskView { existing.contains($0) }
        return try Locations(platform: platform, environment: Environment(environment), currentDirectory: folder)
            .files(of: target, disk: disk).filter { $0.role != .authStore }.map { "\($0.role.rawValue) \($0.path)" }
    }

    /// The one config file of a single-file target.
    func path(_ target: Target, _ platform: Platform, _ environment: [String: String], in folder: String = "/cwd") throws -> String {
        let found = try files(target, platform, environment, in: folder)
        try #require(found.count == 1)
        #expect(found[0].hasPrefix("config "))
        return String(found[0].dropFirst("config ".count))
    }

    @Test("openwork: the sidecar opencode.jsonc and the app's own opencode.json, in <userData>/opencode")
    func openwork() throws {
        #expect(try files(.named(.openwork), .macos, Self.mac) == [
            "sidecar /Users/ana/Library/Application Support/Openwork/opencode/opencode.jsonc",
            "app /Users/ana/Library/Application Support/Openwork/opencode/opencode.json"])
        #expect(try files(.named(.openwork), .windows, Self.windows) == [
            #"sidecar C:\Users\ana\AppData\Roaming\Openwork\opencode\opencode.jsonc"#,
            #"app C:\Users\ana\AppData\Roaming\Openwork\opencode\opencode.json"#])
        #expect(try files(.named(.openwork), .linux, Self.linux) == [
            "sidecar /home/ana/.config/Openwork/opencode/opencode.jsonc", "app /home/ana/.config/Openwork/opencode/opencode.json"])
    }

    @Test func accomplish() throws {
        #expect(try files(.named(.accomplish), .macos, Self.mac) == [
            "sidecar /Users/ana/Library/Application Support/Accomplish/opencode/opencode.jsonc",
            "app /Users/ana/Library/Application Support/Accomplish/opencode/opencode.json"])
        #expect(try files(.named(.accomplish), .linux, Self.linux).last == "app /home/ana/.config/Accomplish/opencode/opencode.json")
    }

    @Test("app: the app folders that exist, both if both, accomplish when neither")
    func app() throws {
        let openwork = "/home/ana/.config/Openwork", accomplish = "/home/ana/.config/Accomplish"
        func folders(_ existing: Set<String>) throws -> [String] {
            try files(.named(.app), .linux, Self.linux, existing: existing).map { String($0.split(separator: "/")[4]) }
        }
        #expect(try folders([]) == ["Accomplish", "Accomplish"])
        #expect(try folders([openwork]) == ["Openwork", "Openwork"])
        #expect(try folders([accomplish]) == ["Accomplish", "Accomplish"])
        #expect(try folders([openwork, accomplish]) == ["Openwork", "Openwork", "Accomplish", "Accomplish"])
        // Each file names the app it belongs to, for messages and state.
        let named = try Locations(platform: .linux, environment: Environment(Self.linux), currentDirectory: "/")
            .files(of: .named(.app), disk: DiskView { $0 == openwork })
        #expect(named.map(\.target) == [.named(.openwork), .named(.openwork), .named(.app)])
        #expect(Target.default == .named(.app))
    }

    @Test("opencode: opencode.jsonc when it is there (the opencode.json then retired), else opencode.json")
    func opencode() throws {
        #expect(try path(.named(.opencode), .macos, Self.mac) == "/Users/ana/.config/opencode/opencode.json")
        #expect(try path(.named(.opencode), .windows, Self.windows) == #"C:\Users\ana\.config\opencode\opencode.json"#)
        #expect(try path(.named(.opencode), .linux, Self.linux) == "/home/ana/.config/opencode/opencode.json")
        #expect(try files(.named(.opencode), .linux, Self.linux, existing: ["/home/ana/.config/opencode/opencode.jsonc"]) == [
            "config /home/ana/.config/opencode/opencode.jsonc", "retired /home/ana/.config/opencode/opencode.json"])
        // config.json alone: opencode.json is made, which OpenCode loads after it.
        #expect(try files(.named(.opencode), .linux, Self.linux, existing: ["/home/ana/.config/opencode/config.json"]) == [
            "config /home/ana/.config/opencode/opencode.json"])
        let locations = Locations(platform: .linux, environment: Environment(Self.linux), currentDirectory: "/")
        #expect(try locations.opencodeGlobalFiles() == ["/home/ana/.config/opencode/config.json",
                                                        "/home/ana/.config/opencode/opencode.json", "/home/ana/.config/opencode/opencode.jsonc"])
    }

    @Test("managed: the system's folder per platform, OPENCODE_TEST_MANAGED_CONFIG_DIR instead (a relative one refused), no auth.json")
    func managed() throws {
        #expect(try files(.named(.managed), .linux, Self.linux) == ["managed /etc/opencode/opencode.json"])
        #expect(try files(.named(.managed), .macos, Self.mac) == ["managed /Library/Application Support/opencode/opencode.json"])
        #expect(try files(.named(.managed), .windows, Self.windows) == [#"managed C:\ProgramData\opencode\opencode.json"#])
        #expect(try files(.named(.managed), .windows, ["ProgramData": #"D:\PD"#]) == [#"managed D:\PD\opencode\opencode.json"#])
        #expect(try files(.named(.managed), .linux, ["OPENCODE_TEST_MANAGED_CONFIG_DIR": "/tmp/m/"]) == ["managed /tmp/m/opencode.json"])
        #expect(try files(.named(.managed), .linux, [:], existing: ["/etc/opencode/opencode.jsonc"]) == [
            "managed /etc/opencode/opencode.jsonc", "retired /etc/opencode/opencode.json"])
        #expect(throws: LocationError.relativeVariable(.opencodeManagedConfigDir, value: "m", for: .target("managed"))) {
            try files(.named(.managed), .linux, ["OPENCODE_TEST_MANAGED_CONFIG_DIR": "m"])
        }
        let all = try Locations(platform: .linux, environment: Environment(Self.linux), currentDirectory: "/").files(of: .named(.managed))
        #expect(!all.contains { $0.role == .authStore })
        #expect(TargetFile.Role.managed.mode == 0o644 && TargetFile.Role.sidecar.mode == 0o600)
    }

    @Test("auth.json: $XDG_DATA_HOME/opencode, else ~/.local/share/opencode, on every platform; named by every user's target")
    func authFile() throws {
        func auth(_ platform: Platform, _ env: [String: String]) throws -> String {
            try Locations(platform: platform, environment: Environment(env), currentDirectory: "/").opencodeAuthFile()
        }
        #expect(try auth(.linux, Self.linux) == "/home/ana/.local/share/opencode/auth.json")
        #expect(try auth(.macos, Self.mac) == "/Users/ana/.local/share/opencode/auth.json")
        #expect(try auth(.windows, Self.windows) == #"C:\Users\ana\.local\share\opencode\auth.json"#)
        #expect(try auth(.linux, ["HOME": "/h", "XDG_DATA_HOME": "/data"]) == "/data/opencode/auth.json")
        let locations = Locations(platform: .linux, environment: Environment(Self.linux), currentDirectory: "/")
        for target in [Target.named(.app), .named(.opencode), .path("/p/opencode.json")] {
            #expect(try locations.files(of: target).last?.role == .authStore)
        }
    }

    @Test func xdgConfigHomeOnLinux() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/data/cfg/"]
        #expect(try files(.named(.openwork), .linux, env).last == "app /data/cfg/Openwork/opencode/opencode.json")
        #expect(try path(.named(.opencode), .linux, env) == "/data/cfg/opencode/opencode.json")
        // Only XDG_CONFIG_HOME is needed when it is set (and an absolute XDG_DATA_HOME for auth.json).
        #expect(try files(.named(.accomplish), .linux, ["XDG_CONFIG_HOME": "/x", "XDG_DATA_HOME": "/d"]).last
                == "app /x/Accomplish/opencode/opencode.json")
    }

    @Test func relativeXDGConfigHomeIsIgnored() throws {
        let env = ["HOME": "/home/ana", "XDG_CONFIG_HOME": "cfg"]
        #expect(try files(.named(.openwork), .linux, env).last == "app /home/ana/.config/Openwork/opencode/opencode.json")
    }

    @Test func appFoldersIgnoreXDGOnMacAndWindows() throws {
        var mac = Self.mac
        mac["XDG_CONFIG_HOME"] = "/elsewhere"
        #expect(try files(.named(.openwork), .macos, mac).last == "app /Users/ana/Library/Application Support/Openwork/opencode/opencode.json")
    }

    /// OpenCode takes its global folder from XDG_CONFIG_HOME on every OS (xdg-basedir).
    @Test func opencodeFollowsXDGConfigHomeEverywhere() throws {
        #expect(try path(.named(.opencode), .macos, ["HOME": "/Users/ana", "XDG_CONFIG_HOME": "/cfg"]) == "/cfg/opencode/opencode.json")
        #expect(try path(.named(.opencode), .windows, ["XDG_CONFIG_HOME": #"D:\cfg"#, "USERPROFILE": #"C:\u"#]) == #"D:\cfg\opencode\opencode.json"#)
    }

    @Test func missingVariablesAreNamed() {
        #expect(throws: LocationError.missingVariable(.home, for: .target("openwork"))) {
            try files(.named(.openwork), .macos, [:])
        }
        #expect(throws: LocationError.missingVariable(.appData, for: .target("accomplish"))) {
            try files(.named(.accomplish), .windows, ["USERPROFILE": #"C:\Users\ana"#])
        }
        #expect(throws: LocationError.missingVariable(.userProfile, for: .target("opencode"))) {
            try path(.named(.opencode), .windows, ["APPDATA": #"C:\x"#])
        }
        #expect(throws: LocationError.missingVariable(.home, for: .target("opencode"))) {
            try path(.named(.opencode), .linux, ["HOME": ""])
        }
        #expect(throws: LocationError.missingVariable(.home, for: .opencodeFiles)) {
            try Locations(platform: .linux, environment: Environment(["XDG_CONFIG_HOME": "/c"]), currentDirectory: "/").files(of: .named(.opencode))
        }
        let message = LocationError.missingVariable(.appData, for: .target("openwork")).description
        #expect(message == "cannot find the openwork config: the environment variable APPDATA is not set; set it, or pass the file's path as the target")
    }

    /// A relative HOME would put the files wherever the command happens to run.
    @Test func relativeHomeIsRefused() {
        #expect(throws: LocationError.relativeVariable(.home, value: "home/ana", for: .target("openwork"))) {
            try files(.named(.openwork), .linux, ["HOME": "home/ana"])
        }
    }

    @Test func pathTargets() throws {
        #expect(try path(.path("~/proj/opencode.json"), .linux, Self.linux) == "/home/ana/proj/opencode.json")
        #expect(try path(.path("opencode.json"), .linux, Self.linux, in: "/work/proj") == "/work/proj/opencode.json")
        #expect(try path(.path("./sub/opencode.json"), .macos, Self.mac, in: "/w/") == "/w/sub/opencode.json")
        #expect(try path(.path("/etc/opencode.json"), .linux, Self.linux) == "/etc/opencode.json")
        #expect(try path(.path(#"~\proj\opencode.json"#), .windows, Self.windows) == #"C:\Users\ana\proj\opencode.json"#)
        #expect(try path(.path(#"D:\cfg\opencode.json"#), .windows, Self.windows) == #"D:\cfg\opencode.json"#)
        #expect(try path(.path("opencode.json"), .windows, Self.windows, in: #"C:\proj"#) == #"C:\proj\opencode.json"#)
        #expect(throws: LocationError.missingVariable(.home, for: .target("~/x.json"))) {
            try path(.path("~/x.json"), .linux, [:])
        }
        #expect(throws: LocationError.emptyPath) { try path(.path(""), .linux, [:]) }
    }

    @Test func relativePathUsesTheProcessDirectory() throws {
        let files = try Locations.current().files(of: .path("opencode.json")).filter { $0.role == .config }
        #expect(files.map(\.path) == [RunningFolder.path + "/opencode.json"])
    }

    @Test func parsingTargets() {
        #expect(Target(parsing: "app") == .named(.app))
        #expect(Target(parsing: "openwork") == .named(.openwork))
        #expect(Target(parsing: "accomplish") == .named(.accomplish))
        #expect(Target(parsing: "opencode") == .named(.opencode))
        #expect(Target(parsing: "managed") == .named(.managed))
        #expect(Target(parsing: "./opencode.json") == .path("./opencode.json"))
        #expect(Target(parsing: "") == nil)
        #expect(Target.path("/a/b.json").description == "/a/b.json")
        #expect(Target.default == .named(.app))
        let apps = [Target.named(.app), .named(.openwork), .named(.accomplish)].filter(\.isApp)
        let others = [Target.named(.opencode), .named(.managed), .path("x")].filter(\.isApp)
        #expect(apps.count == 3 && others.isEmpty)
    }

    /// Help texts and messages list the names from the one list.
    @Test func namesForPeople() {
        #expect(TargetName.choices == "app, openwork, accomplish, opencode or managed")
        #expect(TargetName.choicesMarkingDefault == "app (default), openwork, accomplish, opencode, managed")
        #expect(LocationError.emptyPath.description == "the target path is empty; pass app, openwork, accomplish, opencode or managed or a file path")
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
