#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workstation
@testable import Agent
import Foundation
import JSONCore
import Logging
import Secrets
import Sync
import TestSupport

/// A reconciler on fakes: the repository, keychain, status, probe and clock in memory; the
/// targets and the state folder real files in a temporary folder, written by the real
/// transaction. Nothing here sleeps.
final class ReconcilerRig {
    let folder: TemporaryFolder
    let repository = FakeRepository()
    let opener: FakeOpener
    let keychain = InMemorySecretStore()
    let status = MemoryStatusStore()
    let health = FakeHealth()
    let clock = FakeClock()
    let lines = LockedLines()
    var config: AgentConfig
    private var current: Reconciler?

    init(_ configure: (inout AgentConfig) -> Void = { _ in }) throws {
        folder = try TemporaryFolder(prefix: "provider-sync-reconciler")
        opener = FakeOpener(repository)
        config = AgentConfig(url: "https://git.example.com/team/llm.git", interval: .seconds(300), driftInterval: .seconds(1800),
                             targets: [.path(folder("targets/opencode.json"))])
        configure(&config)
    }

    deinit { folder.remove() }

    /// The first target's path.
    var target: String { config.targets[0].description }

    var parts: ReconcilerParts {
        let keychain = keychain
        return ReconcilerParts(sources: opener, keychain: { keychain }, status: status, health: health, clock: clock)
    }

    /// The reconciler for `config`, made again when the config changed (as `agent run` starts anew).
    var reconciler: Reconciler {
        if let current, current.config == config { return current }
        let locations = Locations(platform: .linux, environment: Environment(["HOME": folder("home"), "PATH": "/usr/bin:/bin"]),
                                  currentDirectory: folder("home"))
        let context = AgentContext(files: AgentFiles(state: StateLocation(directory: folder("state"))), locations: locations,
                                   toolVersion: "test")
        let lines = lines
        let log = Logger(label: "test") { _ in AgentLogHandler(level: .debug) { lines.append($0) } }
        let made = Reconciler(config: config, context: context, log: log, parts: parts)
        current = made
        return made
    }

    @discardableResult
    func cycle(poll: Bool = true, stopBeforeWrite: Bool = false) -> CycleReport {
        reconciler.cycle(poll: poll) { stopBeforeWrite }
    }

    /// The loop until the inbox says stop, jitter fixed at 0.
    func runLoop(_ inbox: ScriptedInbox) -> Int32 {
        AgentLoop(reconciler: reconciler, inbox: inbox, log: Logger(label: "test") { _ in AgentLogHandler(level: .debug) { _ in } },
                  jitter: { 0 }).run()
    }

    var saved: AgentStatus { (try? status.read()) ?? AgentStatus() }

    /// The log lines naming `event`.
    func events(_ event: String) -> [String] {
        lines.all.filter { $0.split(separator: " ", maxSplits: 3).dropFirst(2).first.map(String.init) == event }
    }

    func text(_ path: String? = nil) -> String? {
        FileManager.default.contents(atPath: path ?? target).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The provider ids in a target, in file order.
    func providerIDs(_ path: String? = nil) -> [String] {
        guard let text = text(path), let value = try? JSONParser.value(text) else { return [] }
        return value["provider"]?.objectValue?.keys ?? []
    }

    /// Inode and modification time: equal when the file was not written.
    func identity(_ path: String? = nil) -> [Int] {
        var info = stat()
        guard stat(path ?? target, &info) == 0 else { return [] }
        return [Int(info.st_ino), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    }
}

/// A spec with one model per provider; `key` puts the providers' API key in the keychain.
func specText(_ ids: [String], name: String = "Server", key: String? = nil) -> String {
    var text = "version: 1\nproviders:\n"
    for id in ids {
        text += "  \(id):\n    name: \(name) \(id)\n    url: http://localhost:8000\n    models: [m-\(id)]\n"
        if let key { text += "    apiKey: { keyring: \(key) }\n" }
    }
    return text
}

extension CycleOutcome {
    var failure: ReconcileFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }

    var appliedRevision: String? {
        if case .applied(let revision) = self { return revision }
        return nil
    }

    var isUpToDate: Bool {
        if case .upToDate = self { return true }
        return false
    }
}
