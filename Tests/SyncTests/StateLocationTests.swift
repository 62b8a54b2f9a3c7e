import Testing
import Sync

@Suite struct StateLocationTests {
    @Test func linuxUsesAbsoluteXDGStateHome() throws {
        let location = try StateLocation(platform: .linux, environment: ["XDG_STATE_HOME": "/var/lib/u/state/", "HOME": "/home/u"])
        #expect(location.directory == "/var/lib/u/state/provider-sync")
    }

    @Test func linuxIgnoresRelativeXDGStateHome() throws {
        let location = try StateLocation(platform: .linux, environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"])
        #expect(location.directory == "/home/u/.local/state/provider-sync")
    }

    @Test func linuxDefaultsToLocalState() throws {
        let location = try StateLocation(platform: .linux, environment: ["HOME": "/home/u"])
        #expect(location.directory == "/home/u/.local/state/provider-sync")
    }

    @Test func linuxWithXDGStateHomeNeedsNoHome() throws {
        let location = try StateLocation(platform: .linux, environment: ["XDG_STATE_HOME": "/s"])
        #expect(location.directory == "/s/provider-sync")
    }

    @Test func macOSUsesApplicationSupport() throws {
        let location = try StateLocation(platform: .macos, environment: ["HOME": "/Users/u"])
        #expect(location.directory == "/Users/u/Library/Application Support/provider-sync")
        #expect(location.lockPath == "/Users/u/Library/Application Support/provider-sync/lock")
    }

    @Test func windowsUsesLocalAppData() throws {
        let location = try StateLocation(platform: .windows, environment: ["LOCALAPPDATA": #"C:\Users\u\AppData\Local"#])
        #expect(location.directory == #"C:\Users\u\AppData\Local\provider-sync"#)
        #expect(location.historyDirectory == #"C:\Users\u\AppData\Local\provider-sync\history"#)
    }

    @Test(arguments: [
        (StatePlatform.linux, [String: String](), "HOME"),
        (.linux, ["HOME": ""], "HOME"),
        (.macos, ["LOCALAPPDATA": #"C:\x"#], "HOME"),
        (.windows, ["HOME": "/home/u"], "LOCALAPPDATA"),
    ])
    func missingVariableIsNamed(platform: StatePlatform, environment: [String: String], variable: String) {
        let error = #expect(throws: StateLocationError.self) {
            try StateLocation(platform: platform, environment: environment)
        }
        #expect(error == .missingVariable(variable, platform: platform))
        #expect(error?.description.contains("environment variable \(variable) is not set") == true)
    }

    @Test func relativeHomeIsRefused() {
        let error = #expect(throws: StateLocationError.self) {
            try StateLocation(platform: .linux, environment: ["HOME": "home/u"])
        }
        #expect(error == .relativeVariable("HOME", value: "home/u"))
    }

    @Test func subpaths() {
        let location = StateLocation(directory: "/s/provider-sync", platform: .linux)
        #expect(location.lockPath == "/s/provider-sync/lock")
        #expect(location.historyDirectory == "/s/provider-sync/history")
        #expect(location.targetsDirectory == "/s/provider-sync/targets")
    }

    @Test func platformFromString() {
        #expect(StatePlatform(rawValue: "linux") == .linux)
        #expect(StatePlatform(rawValue: "macos") == .macos)
        #expect(StatePlatform(rawValue: "windows") == .windows)
        #expect(StatePlatform(rawValue: "beos") == nil)
        #if os(Linux)
        #expect(StatePlatform.current == .linux)
        #endif
    }
}

@Suite struct TargetKeyTests {
    @Test func stableAndReadable() {
        let key = TargetKey(targetPath: "/home/u/.config/opencode/opencode.json")
        #expect(key == TargetKey(targetPath: "/home/u/.config/opencode/opencode.json"))
        #expect(key.value.hasPrefix("opencode_opencode.json-"))
        #expect(key.value.count == "opencode_opencode.json-".count + 16)
    }

    @Test func spellingsOfOnePathShareAKey() {
        #expect(TargetKey(targetPath: "/a//b/./c.json") == TargetKey(targetPath: "/a/b/c.json"))
    }

    @Test func sameFileNameInOtherFoldersDiffers() {
        let openwork = TargetKey(targetPath: "/home/u/.config/Openwork/opencode/opencode.json")
        let accomplish = TargetKey(targetPath: "/home/u/.config/Accomplish/opencode/opencode.json")
        #expect(openwork != accomplish)
        #expect(openwork.value.hasPrefix("opencode_opencode.json-"))
    }

    @Test func onlySafeCharactersAndBoundedLength() {
        let key = TargetKey(targetPath: "/tmp/.hidden dir/" + String(repeating: "é", count: 300) + " ✓.json")
        #expect(key.value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        #expect(!key.value.hasPrefix("."))
        #expect(key.value.count <= 48 + 1 + 16)
    }
}
