import Foundation
import Sync
import SystemIO
import Testing
import Workstation

@Suite struct TargetStateTests {
    private func sample(_ target: String) -> TargetState {
        TargetState(
            targetPath: target,
            ownedProviderIDs: ["vllm-local", "company-gateway"],
            ownedTopLevelKeys: ["model"],
            ownedValueHashes: ["/provider/vllm-local": "h1", "/model": "h2"],
            lastAppliedSpecHash: "spec-hash",
            appliedAt: Date(timeIntervalSince1970: 1_750_000_000),
            toolVersion: "0.1.0")
    }

    @Test func missingStateIsEmpty() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = try TargetState.load(for: tmp("x/../opencode.json"), in: StateLocation(directory: tmp("state")))
        #expect(state.isEmpty)
        #expect(state.targetPath == tmp("x/../opencode.json"))
        #expect(state.appliedAt == nil)
    }

    @Test func roundTripsPrivately() throws {
        let (tmp, location, target) = try stateFixture(target: "config/opencode.json")
        defer { tmp.remove() }
        let saved = sample(target)
        try saved.save(in: location)

        let file = TargetState.file(for: target, in: location)
        #expect(file.hasPrefix(tmp("state/targets/config_opencode.json-")) && file.hasSuffix(".json"))
        #expect(permissions(file) == 0o600)
        #expect(permissions(tmp("state/targets")) == 0o700)
        let loaded = try TargetState.load(for: target, in: location)
        #expect(loaded == saved)
        #expect(!loaded.isEmpty)

        let text = String(decoding: contents(file) ?? [], as: UTF8.self)
        #expect(text.contains(#""appliedAt" : "2025-06-15T15:06:40Z""#))
        #expect(text.contains(#""ownedProviderIDs" : [\#n    "company-gateway",\#n    "vllm-local"\#n  ]"#))
        #expect(text.contains(#""targetPath" : "\#(target)""#))
    }

    @Test func savingTheSameStateGivesTheSameBytes() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        let ids = (1...20).map { "provider-\($0)" }
        var state = sample(target)
        state.ownedProviderIDs = Set(ids)
        try state.save(in: location)
        let first = contents(TargetState.file(for: target, in: location))
        state.ownedProviderIDs = Set(ids.reversed())
        try state.save(in: location)
        #expect(contents(TargetState.file(for: target, in: location)) == first)
    }

    @Test func corruptFileIsAClearErrorNamingIt() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        let file = TargetState.file(for: target, in: location)
        let error = try loadError(writing: "{\"format\": 1, \"targetPa", for: target, in: location)
        #expect(error == .corrupt(file: file, reason: "not valid JSON"))
        #expect(error?.description == "the state file \(file) is damaged (not valid JSON); delete it and run apply again")

        // Deleting it, as the message says, gets the user going again.
        try FileManager.default.removeItem(atPath: file)
        #expect(try TargetState.load(for: target, in: location).isEmpty)
    }

    @Test func wrongFieldTypeNamesTheField() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        let file = TargetState.file(for: target, in: location)
        let error = try loadError(writing: #"{"format": 1, "targetPath": "\#(target)", "ownedProviderIDs": 3}"#,
                                  for: target, in: location)
        #expect(error == .corrupt(file: file, reason: #""ownedProviderIDs" has the wrong type"#))

        let missing = try loadError(writing: #"{"format": 1}"#, for: target, in: location)
        #expect(missing == .corrupt(file: file, reason: #""targetPath" is missing"#))
    }

    @Test func minimalFileMeansNothingOwned() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        try AtomicFileWriter.write(bytes(#"{"format": 1, "targetPath": "\#(target)"}"#), to: TargetState.file(for: target, in: location))
        #expect(try TargetState.load(for: target, in: location).isEmpty)
    }

    @Test func newerFormatIsRefused() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        let file = TargetState.file(for: target, in: location)
        let error = try loadError(writing: #"{"format": 2, "targetPath": "\#(target)"}"#, for: target, in: location)
        #expect(error == .unsupportedFormat(file: file, format: 2))
    }

    @Test func stateOfAnotherTargetIsRefused() throws {
        let (tmp, location, target) = try stateFixture()
        defer { tmp.remove() }
        let file = TargetState.file(for: target, in: location)
        let error = try loadError(writing: #"{"format": 1, "targetPath": "/elsewhere/opencode.json"}"#, for: target, in: location)
        #expect(error == .otherTarget(file: file, recorded: "/elsewhere/opencode.json", expected: target))
    }
}

/// A fresh folder (the caller removes it), a state location in its `state` folder, and the
/// path of `target` in it.
private func stateFixture(target relative: String = "opencode.json") throws -> (TemporaryFolder, StateLocation, String) {
    let tmp = try TemporaryFolder()
    return (tmp, StateLocation(directory: tmp("state")), tmp(relative))
}

/// Writes `text` as the state file of `target`, loads the state, and returns the error that
/// gives; a failed expectation (at the caller) and nil when it loads.
private func loadError(writing text: String, for target: String, in location: StateLocation,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> TargetStateError? {
    try AtomicFileWriter.write(bytes(text), to: TargetState.file(for: target, in: location))
    return #expect(throws: TargetStateError.self, sourceLocation: sourceLocation) {
        try TargetState.load(for: target, in: location)
    }
}
