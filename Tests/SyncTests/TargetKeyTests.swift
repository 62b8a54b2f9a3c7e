import Testing
import Sync

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
