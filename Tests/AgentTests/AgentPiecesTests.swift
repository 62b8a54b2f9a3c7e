import Foundation
import Logging
import Redaction
import Workstation
@testable import Agent
import ProviderSpec
import Redaction
import Secrets
import Testing

@Suite("agent: merging a folder of specs, log lines, service files")
struct AgentPiecesTests {
    func spec(_ ids: [String], model: String? = nil, secrets: SecretsMode? = nil) -> Spec {
        Spec(providers: ids.map { Provider(id: $0, name: $0, url: "http://localhost:8000", models: [Model(id: "m")]) },
             model: model.flatMap(ModelReference.init(parsing:)), secrets: secrets)
    }

    @Test("providers united in file order; model from the one file that sets it")
    func merge() throws {
        let merged = try SpecMerge.merge([("a.yaml", spec(["a1", "a2"])), ("b.yaml", spec(["b1"], model: "b1/m"))])
        #expect(merged.providers.map(\.id) == ["a1", "a2", "b1"])
        #expect(merged.model?.description == "b1/m")
    }

    @Test("a provider in two files, or model set twice: an error naming both files")
    func mergeConflicts() {
        #expect(throws: SpecMergeError.duplicateProvider(id: "x", files: ["t@1:a.yaml", "t@1:b.yaml"])) {
            try SpecMerge.merge([("t@1:a.yaml", spec(["x"])), ("t@1:b.yaml", spec(["y", "x"]))])
        }
        #expect(throws: SpecMergeError.duplicateSetting(name: "model", files: ["a", "b"])) {
            try SpecMerge.merge([("a", spec(["x"], model: "x/m")), ("b", spec(["y"], model: "y/m"))])
        }
        #expect(throws: SpecMergeError.duplicateSetting(name: "secrets", files: ["a", "b"])) {
            try SpecMerge.merge([("a", spec(["x"], secrets: .file)), ("b", spec(["y"], secrets: .inline))])
        }
        #expect(SpecMergeError.duplicateProvider(id: "x", files: ["a", "b"]).description == "provider 'x' is declared in both a and b; keep it in one file")
    }

    @Test("the repository's short name in diagnostics", arguments: [
        ("https://git.example.com/team/llm.git", "llm"), ("git@host:team/llm.git", "llm"), ("file:///srv/git/team.git/", "team"),
        ("ssh://git@host:2222/team/specs", "specs"), ("/srv/repo", "repo"),
    ])
    func repositoryName(url: String, name: String) {
        #expect(RevisionSpec.repositoryName(of: url) == name)
    }

    @Test("one line per event: time, level, event, sorted key=value, quoted when needed, secrets masked")
    func logLine() throws {
        SecretRedactor.shared.register("sk-very-secret-value")
        let line = AgentLogHandler.line(
            time: Date(timeIntervalSince1970: 1_767_225_600.25), level: .warning, event: "drift-detected",
            fields: ["target": "openwork", "findings": "provider a was edited by hand\nand more", "key": "sk-very-secret-value"])
        #expect(line == "2026-01-01T00:00:00.250Z warning drift-detected findings=\"provider a was edited by hand\\nand more\" key=******** target=openwork\n")
    }

    @Test("the handler writes through its sink at its level")
    func handler() {
        let lines = LockedLines()
        var log = Logger(label: "t") { _ in AgentLogHandler(level: .info) { lines.append($0) } }
        log.debug("hidden")
        log.info("shown", metadata: ["n": "1"])
        log.logLevel = .debug
        log.debug("now shown")
        #expect(lines.all.count == 2)
        #expect(lines.all.first?.contains(" info shown n=1\n") == true)
    }

    @Test("systemd unit: this binary by absolute path, quoted; XDG folders passed on")
    func systemd() throws {
        let unit = try ServiceUnit.make(locations: locations(.linux, ["HOME": "/home/u", "XDG_STATE_HOME": "/data/state"]),
                                        binary: "/opt/my tools/provider-sync", configFile: nil)
        #expect(unit.path == "/home/u/.config/systemd/user/provider-sync-agent.service")
        #expect(unit.text.contains("\nExecStart=\"/opt/my tools/provider-sync\" agent run\n"))
        #expect(unit.text.contains("\nEnvironment=XDG_STATE_HOME=/data/state\n"))
        #expect(unit.text.contains("WantedBy=default.target"))
        #expect(unit.enableCommand.contains("systemctl --user enable --now provider-sync-agent.service"))
        let withConfig = try ServiceUnit.make(locations: locations(.linux, ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"]),
                                              binary: "/b/provider-sync", configFile: "/etc/ps/agent.yaml")
        #expect(withConfig.path == "/cfg/systemd/user/provider-sync-agent.service")
        #expect(withConfig.text.contains("ExecStart=/b/provider-sync agent run --config /etc/ps/agent.yaml\n"))
        #expect(SystemdUnitText.systemdQuoted("100%$x") == "\"100%%$$x\"")
    }

    @Test("systemd unit: hardened with what a user manager enforces without user namespaces; the read-only system only on request")
    func systemdHardening() throws {
        let unit = try ServiceUnit.make(locations: locations(.linux, ["HOME": "/home/u"]), binary: "/usr/bin/provider-sync", configFile: nil)
        for line in ["NoNewPrivileges=yes", "LockPersonality=yes", "MemoryDenyWriteExecute=yes", "RestrictRealtime=yes",
                     "RestrictSUIDSGID=yes", "RestrictNamespaces=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                     "SystemCallArchitectures=native", "SystemCallFilter=@system-service", "SystemCallErrorNumber=EPERM",
                     "UMask=0077", "KeyringMode=private"] {
            #expect(unit.text.contains("\n\(line)\n"), "\(line)")
        }
        for option in ["ProtectSystem=", "PrivateTmp=", "ProtectHome=", "PrivateUsers=", "ReadWritePaths="] {
            #expect(!unit.text.contains(option), "\(option) needs user namespaces: opt-in only")
        }
        let strict = try ServiceUnit.make(locations: locations(.linux, ["HOME": "/home/u"]), binary: "/usr/bin/provider-sync", configFile: nil,
                                          scope: .global(root: "/"),
                                          writablePaths: [UnitPath(specifier: "%S", path: "/provider-sync"), UnitPath(path: "/srv/my app")])
        #expect(strict.path == "/etc/systemd/user/provider-sync-agent.service")
        #expect(strict.text.contains("\nReadWritePaths=-%S/provider-sync \"-/srv/my app\"\n"), "\(strict.text)")
        #expect(strict.text.contains("\nProtectSystem=strict\n"))
        #expect(SystemdUnitText.optionalPath(UnitPath(specifier: "%E", path: "/My App")) == "\"-%E/My App\"")
        #expect(SystemdUnitText.optionalPath(UnitPath(path: "/100%")) == "\"-/100%%\"")
    }

    @Test("launchd agent on macOS; no service manager known on Windows")
    func launchd() throws {
        let unit = try ServiceUnit.make(locations: locations(.macos, ["HOME": "/Users/u"]), binary: "/usr/local/bin/provider-sync",
                                        configFile: nil)
        #expect(unit.path == "/Users/u/Library/LaunchAgents/dev.provider-sync.agent.plist")
        #expect(unit.text.contains("<string>/usr/local/bin/provider-sync</string>\n    <string>agent</string>\n    <string>run</string>"))
        #expect(unit.enableCommand.hasPrefix("launchctl bootstrap gui/$(id -u) "))
        #expect(unit.text.contains("<key>StandardErrorPath</key>\n  <string>/Users/u/Library/Logs/provider-sync-agent.log</string>"))
        let global = try ServiceUnit.make(locations: locations(.macos, [:]), binary: "/usr/local/bin/provider-sync", configFile: nil,
                                          scope: .global(root: "/tmp/r/"))
        #expect(global.path == "/tmp/r/Library/LaunchAgents/dev.provider-sync.agent.plist")
        #expect(global.enableCommand == "launchctl bootstrap gui/$(id -u) /Library/LaunchAgents/dev.provider-sync.agent.plist")
        #expect(throws: ServiceUnitError.self) { try ServiceUnit.make(locations: locations(.windows, ["HOME": "/h"]), binary: "x", configFile: nil) }
    }

    func locations(_ platform: Platform, _ environment: [String: String]) -> Locations {
        Locations(platform: platform, environment: Environment(environment), currentDirectory: "/")
    }

    @Test("the status file round-trips, nulls written out")
    func status() throws {
        var status = AgentStatus()
        status.lastAppliedRevision = "abc"
        status.lastError = .init(kind: .rejected, stage: "validate", message: "bad", at: Date(timeIntervalSince1970: 1000.5), revision: "def")
        let bytes = try AgentStatusStore.encode(status)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"lastAttemptedRevision\" : null"))
        #expect(text.contains("\"at\" : \"1970-01-01T00:16:40.500Z\""))
        let back = try AgentStatusStore.decoder().decode(AgentStatus.self, from: Data(bytes))
        #expect(back == status)
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }

    @Test("a log value is bare when it is one plain word, else one quoted line with every control character escaped")
    func logValueQuoting() {
        #expect(AgentLogHandler.quoted("e23f9c6e09ca") == "e23f9c6e09ca")
        #expect(AgentLogHandler.quoted("a b") == "\"a b\"")
        #expect(AgentLogHandler.quoted("k=v") == "\"k=v\"")
        #expect(AgentLogHandler.quoted("say \"hi\"\\\n\t") == #""say \"hi\"\\\n\t""#)
        #expect(AgentLogHandler.quoted("bell\u{07}") == #""bell\u0007""#)
        #expect(AgentLogHandler.quoted("") == "\"\"")
    }
}
