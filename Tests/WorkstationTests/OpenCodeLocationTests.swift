import Testing
import Workstation

/// Where OpenCode reads its own files, and where an app keeps the OpenCode it bundles.
@Suite("locations: OpenCode's own files")
struct OpenCodeLocationTests {
    func locations(_ platform: Platform, _ environment: [String: String]) -> Locations {
        Locations(platform: platform, environment: Environment(environment), currentDirectory: "/cwd")
    }

    @Test func authJsonFollowsXdgDataHomeOnEveryPlatform() throws {
        #expect(try locations(.linux, ["HOME": "/home/ana"]).opencodeAuthFile() == "/home/ana/.local/share/opencode/auth.json")
        #expect(try locations(.macos, ["HOME": "/Users/ana"]).opencodeAuthFile() == "/Users/ana/.local/share/opencode/auth.json")
        #expect(try locations(.windows, ["USERPROFILE": #"C:\Users\ana"#]).opencodeAuthFile() == #"C:\Users\ana\.local\share\opencode\auth.json"#)
        #expect(try locations(.linux, ["HOME": "/home/ana", "XDG_DATA_HOME": "/data"]).opencodeAuthFile() == "/data/opencode/auth.json")
        #expect(throws: LocationError.missingVariable(.home, for: .opencodeFiles)) { try locations(.linux, [:]).opencodeAuthFile() }
    }

    @Test func theManagedFolderPerPlatformAndItsOverride() {
        #expect(locations(.linux, [:]).opencodeManagedFolder() == "/etc/opencode")
        #expect(locations(.macos, [:]).opencodeManagedFolder() == "/Library/Application Support/opencode")
        #expect(locations(.windows, [:]).opencodeManagedFolder() == #"C:\ProgramData\opencode"#)
        #expect(locations(.windows, ["ProgramData": #"D:\Data"#]).opencodeManagedFolder() == #"D:\Data\opencode"#)
        #expect(locations(.linux, ["OPENCODE_TEST_MANAGED_CONFIG_DIR": "/tmp/m"]).opencodeManagedFolder() == "/tmp/m")
        #expect(locations(.macos, [:]).opencodeManagedPreferences(user: "ana")
            == ["/Library/Managed Preferences/ana/ai.opencode.managed.plist", "/Library/Managed Preferences/ai.opencode.managed.plist"])
        #expect(locations(.linux, [:]).opencodeManagedPreferences(user: "ana").isEmpty)
    }

    @Test func theAppsResources() {
        #expect(locations(.linux, [:]).appResourceFolders("Accomplish") == ["/opt/Accomplish/resources"])
        #expect(locations(.macos, ["HOME": "/Users/ana"]).appResourceFolders("Accomplish")
            == ["/Applications/Accomplish.app/Contents/Resources", "/Users/ana/Applications/Accomplish.app/Contents/Resources"])
        #expect(locations(.windows, ["LOCALAPPDATA": #"C:\L"#, "ProgramFiles": #"C:\P"#]).appResourceFolders("Accomplish")
            == [#"C:\L\Programs\Accomplish\resources"#, #"C:\P\Accomplish\resources"#])
        #expect(locations(.linux, ["PROVIDER_SYNC_APP_RESOURCES": "/x/resources"]).appResourceFolders("Openwork") == ["/x/resources"])
    }

    @Test func theTemporaryFolder() {
        #expect(locations(.linux, [:]).temporaryFolder() == "/tmp")
        #expect(locations(.macos, ["TMPDIR": "/var/folders/x/T/"]).temporaryFolder() == "/var/folders/x/T")
        #expect(locations(.windows, ["TEMP": #"C:\T"#]).temporaryFolder() == #"C:\T"#)
    }

    @Test func theAppFolders() throws {
        #expect(try locations(.linux, ["HOME": "/home/ana"]).appUserDataFolder("Accomplish") == "/home/ana/.config/Accomplish")
        #expect(TargetName.openwork.appName == "Openwork" && TargetName.opencode.appName == nil)
    }
}
