@testable import Agent
import Foundation
import GitSource
import Secrets
import Testing

/// One way for a cycle to fail, arranged on the fakes, with the stage, reason and exit code
/// it must end with.
enum FailureCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case serverDown, serverSilent, credentialsRefused, hostKeyChanged, branchMissing, tokenMissing, keychainLockedForToken
    case specMissing, specInvalid, folderConflict, keyMissing, keychainLockedForKeys
    case targetNotJSON, handMadeProvider, targetUnwritable

    var testDescription: String { rawValue }

    var expected: (stage: ReconcileStage, reason: FailureReason) {
        switch self {
        case .serverDown, .serverSilent: (.fetch, .sourceUnreachable)
        case .credentialsRefused: (.fetch, .authenticationFailed)
        case .hostKeyChanged: (.fetch, .hostUntrusted)
        case .branchMissing: (.fetch, .branchNotFound)
        case .tokenMissing: (.credentials, .tokenMissing)
        case .keychainLockedForToken: (.credentials, .keychainUnavailable)
        case .specMissing: (.read, .specMissing)
        case .specInvalid, .folderConflict: (.validate, .specInvalid)
        case .keyMissing: (.secrets, .keyMissing)
        case .keychainLockedForKeys: (.secrets, .keychainUnavailable)
        case .targetNotJSON, .handMadeProvider: (.write, .targetConflict)
        case .targetUnwritable: (.write, .writeFailed)
        }
    }

    /// Sets the failure up: a commit, a server, a keychain or a target file as it would be met.
    func arrange(_ rig: ReconcilerRig) throws {
        let url = "https://git.example.com/team/llm.git"
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        switch self {
        case .serverDown: rig.repository.fail(with: .unreachable(url: url, reason: "connection refused"))
        case .serverSilent: rig.repository.fail(with: .timedOut(url: url, step: "listing refs", after: .seconds(120)))
        case .credentialsRefused: rig.repository.fail(with: .authenticationFailed(url: url, reason: "401"))
        case .hostKeyChanged:
            rig.repository.fail(with: .hostKeyMismatch(host: "git.example.com", fingerprint: "SHA256:x", knownHosts: "~/.ssh/known_hosts"))
        case .branchMissing: rig.repository.fail(with: .branchNotFound(branch: "main", url: url, available: ["master"]))
        case .tokenMissing: rig.config.auth = .token(keyring: "team-git", username: nil)
        case .keychainLockedForToken:
            rig.config.auth = .token(keyring: "team-git", username: nil)
            rig.keychain.isLocked = true
        case .specMissing: rig.repository.commit(["docs/README.md": "nothing here"])
        case .specInvalid: rig.repository.commit(["providers.yaml": "version: 1\nproviders: {alpha: {name: A}}\n"])
        case .folderConflict:
            rig.config.path = "providers.d"
            rig.repository.commit(["providers.d/a.yaml": specText(["x"]), "providers.d/b.yaml": specText(["x"])])
        case .keyMissing: rig.repository.commit(["providers.yaml": specText(["alpha"], key: "alpha-key")])
        case .keychainLockedForKeys:
            rig.repository.commit(["providers.yaml": specText(["alpha"], key: "alpha-key")])
            rig.keychain.isLocked = true
        case .targetNotJSON: try write("not json {", to: rig.target)
        case .handMadeProvider:
            try write(#"{"provider": {"alpha": {"name": "Mine", "npm": "@ai-sdk/openai-compatible"}}}"#, to: rig.target)
        case .targetUnwritable:
            // The target's folder is a file: nothing can be created under it, root or not.
            try write("a file", to: rig.folder("targets"))
        }
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

@Suite("agent: typed failure reasons, stalling or retryable")
struct FailureReasonTests {
    @Test("each failure: its stage and reason in the report, the status and the log; stalling exits 1 and does not back off, retryable exits 2 and does",
          arguments: FailureCase.allCases)
    func failure(_ failureCase: FailureCase) throws {
        let rig = try ReconcilerRig()
        try failureCase.arrange(rig)
        let targetBefore = rig.text()
        let report = rig.cycle()
        let failure = try #require(report.outcome.failure, "\(report.outcome)")
        let (stage, reason) = failureCase.expected
        #expect(failure.stage == stage)
        #expect(failure.reason == reason, "\(failure.message)")
        #expect(report.exitCode == (reason.isStalling ? 1 : 2))
        #expect(report.consecutiveErrors == (reason.isStalling ? 0 : 1))
        #expect(rig.text() == targetBefore, "nothing written")
        let record = try #require(rig.saved.lastError)
        #expect(record.reason == reason && record.stage == stage.rawValue && record.kind == reason.kind)
        #expect(record.message == failure.message)
        let event = reason.isStalling ? "revision-rejected" : "cycle-failed"
        #expect(rig.events(event).first?.contains("reason=\(reason.rawValue)") == true, "\(rig.lines.all)")
    }

    @Test("the status file carries the reason as a string; an unknown or absent one reads as nil")
    func statusField() throws {
        var status = AgentStatus()
        status.lastError = .init(kind: .error, stage: "fetch", message: "m", at: Date(timeIntervalSince1970: 0), revision: nil,
                                 reason: .sourceUnreachable)
        let text = String(decoding: try AgentStatusStore.encode(status), as: UTF8.self)
        #expect(text.contains("\"reason\" : \"sourceUnreachable\""))
        for (json, reason) in [("\"sourceUnreachable\"", FailureReason.sourceUnreachable), ("\"fromTheFuture\"", nil), ("null", nil)] {
            let edited = text.replacingOccurrences(of: "\"sourceUnreachable\"", with: json)
            let back = try AgentStatusStore.decoder().decode(AgentStatus.self, from: Data(edited.utf8))
            #expect(back.lastError?.reason == reason)
        }
        // As an agent before reasons wrote it.
        let old = text.split(separator: "\n").filter { !$0.contains("\"reason\"") }.joined(separator: "\n")
        #expect(old != text)
        #expect(try AgentStatusStore.decoder().decode(AgentStatus.self, from: Data(old.utf8)).lastError?.reason == nil)
    }

    @Test("every reason is listed in the README, with whether it stalls")
    func documented() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for reason in FailureReason.allCases {
            let row = "| `\(reason.rawValue)` | \(reason.isStalling ? "stalling" : "retryable") |"
            let listed = text.contains(row)
            #expect(listed, "README lacks the row \(row)")
        }
    }
}
