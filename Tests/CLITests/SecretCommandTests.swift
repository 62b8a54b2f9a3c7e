import Foundation
import TestSupport
import Testing

/// The `secret` commands against a real gnome-keyring on a private D-Bus session that each
/// test starts (and kills) itself; the tool runs as a child process pointed at that bus.
@Suite("secret commands against a real gnome-keyring on a private D-Bus session",
       .needs(KeyringTools.available, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool"))
struct SecretCommandTests {
    static let spec = """
        version: 1
        providers:
          gateway-a:
            name: Gateway A
            url: https://a.example.com/v1
            apiKey: { keyring: key-a }
            models: [model-a]
          gateway-b:
            name: Gateway B
            url: https://b.example.com/v1
            apiKey: { keyring: key-a }
            models: [model-b]
          gateway-c:
            name: Gateway C
            url: https://c.example.com/v1
            apiKey: { keyring: key-c }
            models: [model-c]
          local:
            name: Local
            url: http://localhost:8000
            apiKey: { env: LOCAL_KEY }
            models: [m]

        """

    /// Writes the spec above into the sandbox and returns its path.
    static func writeSpec(in sandbox: KeyringSandbox, folder: String? = nil) throws -> String {
        let dir = folder ?? sandbox.folder
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/providers.yaml"
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func timing(_ what: String, _ r: TimedResult) {
        print("timing: \(what): exit \(r.status) in \(String(format: "%.3f", r.seconds)) s")
    }

    @Test("set stores what secret-tool reads; get, list and delete see what secret-tool stored")
    func roundTripWithSecretTool() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }

        let set = try sandbox.cli(["secret", "set", "company-gateway"], stdin: "sk-ours-1234567890\n")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.isEmpty)
        #expect(set.stderr == "stored 'company-gateway' in the keyring (18 characters)\n")
        let lookup = try sandbox.secretTool(["lookup", "name", "company-gateway"])
        #expect(lookup.status == 0)
        #expect(lookup.stdout.trimmingCharacters(in: .newlines) == "sk-ours-1234567890")

        let stored = try sandbox.secretTool(["store", "--label", "stored by secret-tool", "name", "from-tool"], stdin: "tool-value-abcdef")
        #expect(stored.status == 0, "\(stored.stderr)")
        let reveal = try sandbox.cli(["secret", "get", "from-tool", "--reveal"])
        #expect(reveal.status == 0, "\(reveal.stderr)")
        #expect(reveal.stdout == "tool-value-abcdef\n")
        let get = try sandbox.cli(["secret", "get", "from-tool"])
        #expect(get.status == 0)
        #expect(get.stdout.wholeMatch(of: /from-tool: set \(17 characters\), modified \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/) != nil, "\(get.stdout)")
        #expect(!get.output.contains("tool-value"))

        let list = try sandbox.cli(["secret", "list"])
        #expect(list.status == 0)
        #expect(list.stdout == "company-gateway\nfrom-tool\n")

        // Replacing an item secret-tool stored leaves one item, with the new value.
        let replace = try sandbox.cli(["secret", "set", "from-tool"], stdin: "replaced-value-999")
        #expect(replace.status == 0, "\(replace.stderr)")
        #expect(try sandbox.secretTool(["lookup", "name", "from-tool"]).stdout.trimmingCharacters(in: .newlines) == "replaced-value-999")
        let search = try sandbox.secretTool(["search", "--all", "name", "from-tool"])
        #expect(search.stdout.components(separatedBy: "secret = ").count - 1 == 1, "\(search.stdout)")
        // Setting again replaces ours in place.
        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: "sk-second-value-42").status == 0)
        #expect(try sandbox.cli(["secret", "get", "company-gateway", "--reveal"]).stdout == "sk-second-value-42\n")
        let ours = try sandbox.secretTool(["search", "--all", "name", "company-gateway"])
        #expect(ours.stdout.components(separatedBy: "secret = ").count - 1 == 1, "\(ours.stdout)")
        #expect(ours.stdout.contains("schema = dev.provider-sync.ApiKey"))

        let delete = try sandbox.cli(["secret", "delete", "from-tool"])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(delete.stderr == "deleted 'from-tool' from the keyring\n")
        #expect(try sandbox.secretTool(["lookup", "name", "from-tool"]).status != 0)
        let again = try sandbox.cli(["secret", "delete", "from-tool"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("no secret named 'from-tool'"))
        let absent = try sandbox.cli(["secret", "get", "from-tool"])
        #expect(absent.status == 1)
        #expect(absent.stdout.isEmpty)
        #expect(absent.stderr.contains("provider-sync secret set from-tool"))
        #expect(try sandbox.cli(["secret", "get", "from-tool", "--reveal"]).status == 1)

        // Another application's item that happens to have a `name` attribute is not ours: never
        // read, listed, replaced or deleted.
        let foreign = ["xdg:schema", "org.example.Other", "name", "shared"]
        #expect(try sandbox.secretTool(["store", "--label", "another app"] + foreign, stdin: "foreign-value-77").status == 0)
        #expect(try sandbox.cli(["secret", "get", "shared"]).status == 1)
        #expect(try sandbox.cli(["secret", "list"]).stdout == "company-gateway\n")
        #expect(try sandbox.cli(["secret", "delete", "shared"]).status == 1)
        #expect(try sandbox.cli(["secret", "set", "shared"], stdin: "our-shared-value").status == 0)
        #expect(try sandbox.cli(["secret", "delete", "shared"]).status == 0)
        #expect(try sandbox.secretTool(["lookup"] + foreign).stdout.trimmingCharacters(in: .newlines) == "foreign-value-77")
    }

    @Test("set reads standard input or --from-env, never prompts without a terminal, and refuses bad input")
    func setInput() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }

        // One trailing newline ("\n" or "\r\n") is dropped, no more.
        #expect(try sandbox.cli(["secret", "set", "crlf"], stdin: "value-with-crlf\r\n").status == 0)
        #expect(try sandbox.cli(["secret", "get", "crlf", "--reveal"]).stdout == "value-with-crlf\n")
        #expect(try sandbox.cli(["secret", "set", "plain"], stdin: "no-newline-at-all").status == 0)
        #expect(try sandbox.cli(["secret", "get", "plain", "--reveal"]).stdout == "no-newline-at-all\n")

        let env = try sandbox.cli(["secret", "set", "from-env", "--from-env", "MY_KEY"], stdin: "ignored", extra: ["MY_KEY": "env-value-12345"])
        #expect(env.status == 0, "\(env.stderr)")
        #expect(try sandbox.cli(["secret", "get", "from-env", "--reveal"]).stdout == "env-value-12345\n")

        for (input, message) in [("", "empty value"), ("\n", "empty value"), ("two\nlines\n", "line break"), ("a\r\nb", "line break")] {
            let r = try sandbox.cli(["secret", "set", "refused"], stdin: input)
            #expect(r.status == 2, "\(input.debugDescription): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(!r.stderr.contains("typing is not shown"))  // no prompt without a terminal
        }
        #expect(try sandbox.cli(["secret", "get", "refused"]).status == 1)  // nothing was stored

        let unset = try sandbox.cli(["secret", "set", "x", "--from-env", "NOT_SET_ANYWHERE"])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("NOT_SET_ANYWHERE is not set"))
        let empty = try sandbox.cli(["secret", "set", "x", "--from-env", "EMPTY"], extra: ["EMPTY": ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty value"))

        for bad in ["bad name", ".hidden", "a/b", String(repeating: "k", count: 129)] {
            for command in [["set", bad], ["get", bad], ["delete", bad]] {
                let r = try sandbox.cli(["secret"] + command, stdin: "some-value-1234")
                #expect(r.status == 2, "\(command)")
                #expect(r.stderr.contains("is not a valid secret name"), "\(r.stderr)")
            }
        }
        #expect(try sandbox.cli(["secret", "list"]).stdout == "crlf\nfrom-env\nplain\n")
    }

    @Test("set on a terminal prompts on it and does not echo what is typed",
          .needs(KeyringTools.script != nil, "util-linux's script (a pseudo-terminal)"))
    func setOnTerminal() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }
        let typed = "typed-on-a-terminal-42"
        let session = try sandbox.cliOnTerminal(["secret", "set", "typed"], prompt: "(typing is not shown): ", typing: typed)
        #expect(session.status == 0, "\(session.screen)")
        #expect(session.screen.contains("Value of 'typed' (typing is not shown): "))
        #expect(session.screen.contains("stored 'typed' in the keyring (22 characters)"))
        #expect(!session.screen.contains(typed), "\(session.screen)")
        #expect(try sandbox.cli(["secret", "get", "typed", "--reveal"]).stdout == typed + "\n")
    }

    @Test("check and list --spec name each missing secret with the command that stores it")
    func checkAgainstSpec() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }
        _ = try Self.writeSpec(in: sandbox)

        let none = try sandbox.cli(["secret", "check"])
        #expect(none.status == 1)
        #expect(none.stdout == """
            missing  key-a (providers gateway-a, gateway-b): provider-sync secret set key-a
            missing  key-c (provider gateway-c): provider-sync secret set key-c

            """)
        #expect(none.stderr.contains("2 of 2 keyring secrets that providers.yaml needs are missing"))

        #expect(try sandbox.cli(["secret", "set", "key-a"], stdin: "value-of-key-a").status == 0)
        #expect(try sandbox.cli(["secret", "set", "unused"], stdin: "value-of-unused").status == 0)
        let one = try sandbox.cli(["secret", "check", "providers.yaml"])
        #expect(one.status == 1)
        #expect(one.stdout == """
            set      key-a (providers gateway-a, gateway-b)
            missing  key-c (provider gateway-c): provider-sync secret set key-c

            """)
        let list = try sandbox.cli(["secret", "list", "--spec", "providers.yaml"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == """
            key-a   set      used by providers gateway-a, gateway-b
            key-c   missing  used by provider gateway-c; store it with: provider-sync secret set key-c
            unused  set      not used by providers.yaml

            """)

        #expect(try sandbox.cli(["secret", "set", "key-c"], stdin: "value-of-key-c").status == 0)
        let all = try sandbox.cli(["secret", "check"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr == "all 2 keyring secrets that providers.yaml needs are stored\n")

        // A spec that needs no keyring secret needs no keyring either.
        let tgi = try sandbox.cli(["secret", "check", CLI.repository + "/examples/tgi.yaml"], removing: ["DBUS_SESSION_BUS_ADDRESS"])
        #expect(tgi.status == 0, "\(tgi.stderr)")
        #expect(tgi.stderr.contains("needs no keyring secrets"))
        // An unreadable or invalid spec: exit 2, pointing at validate.
        let missingFile = try sandbox.cli(["secret", "check", "nowhere.yaml"])
        #expect(missingFile.status == 2)
        #expect(missingFile.stderr.contains("nowhere.yaml"))
        try "version: 1\nproviders: {}\nbogus: true\n".write(toFile: sandbox.folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let invalid = try sandbox.cli(["secret", "check", "bad.yaml"])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("provider-sync validate bad.yaml"))
    }

    @Test("a locked keyring is reported as locked, not as missing, and nothing is written")
    func lockedKeyring() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }
        _ = try Self.writeSpec(in: sandbox)
        #expect(try sandbox.cli(["secret", "set", "key-a"], stdin: "locked-away-value").status == 0)
        try sandbox.lockKeyring()
        let before = sandbox.keyringFiles()
        #expect(!before.isEmpty)

        let commands: [([String], String?)] = [
            (["secret", "get", "key-a"], nil), (["secret", "get", "key-a", "--reveal"], nil),
            (["secret", "get", "never-stored"], nil), (["secret", "set", "key-a"], "new-value-1234"),
            (["secret", "set", "new-key"], "new-value-1234"), (["secret", "delete", "key-a"], nil),
            (["secret", "list"], nil), (["secret", "list", "--spec", "providers.yaml"], nil), (["secret", "check"], nil),
        ]
        for (arguments, stdin) in commands {
            let r = try sandbox.cli(arguments, stdin: stdin)
            Self.timing("locked: \(arguments.dropFirst().joined(separator: " "))", r)
            #expect(r.status == 2, "\(arguments): \(r.output)")
            #expect(r.stderr.contains("the keyring is locked"), "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("unlock it"))
            #expect(r.stdout.isEmpty, "\(arguments): \(r.stdout)")
            #expect(r.seconds < 5)
        }
        #expect(sandbox.keyringFiles() == before)
    }

    @Test("no session bus: a message that says how to get one, at once")
    func noSessionBus() throws {
        let sandbox = try KeyringSandbox()
        defer { sandbox.stop() }
        _ = try Self.writeSpec(in: sandbox)
        let commands: [([String], String?)] = [
            (["secret", "get", "key-a"], nil), (["secret", "set", "key-a"], "value-1234"), (["secret", "delete", "key-a"], nil),
            (["secret", "list"], nil), (["secret", "check"], nil),
        ]
        for (arguments, stdin) in commands {
            let r = try sandbox.cli(arguments, stdin: stdin)  // no DBUS_SESSION_BUS_ADDRESS, no DISPLAY, empty XDG_RUNTIME_DIR
            Self.timing("no bus: \(arguments.dropFirst().joined(separator: " "))", r)
            #expect(r.status == 2, "\(arguments): \(r.output)")
            #expect(r.stderr.contains("no D-Bus session bus"), "\(r.stderr)")
            #expect(r.stderr.contains("dbus-run-session"))
            #expect(r.stdout.isEmpty)
            #expect(r.seconds < 2)
        }
        let dead = try sandbox.cli(["secret", "get", "key-a"], extra: ["DBUS_SESSION_BUS_ADDRESS": "unix:path=\(sandbox.folder)/no-such-bus"])
        Self.timing("dead bus address: get", dead)
        #expect(dead.status == 2)
        #expect(dead.stderr.contains("no D-Bus session bus"), "\(dead.stderr)")
        #expect(dead.seconds < 2)
        #expect(!FileManager.default.fileExists(atPath: sandbox.keyringFolder))
    }

    @Test("a session bus without a Secret Service: a message that names one to install")
    func noProvider() throws {
        let sandbox = try KeyringSandbox()
        defer { sandbox.stop() }
        try sandbox.startBus()
        _ = try Self.writeSpec(in: sandbox)
        for arguments in [["secret", "get", "key-a"], ["secret", "set", "key-a"], ["secret", "list"], ["secret", "check"]] {
            let r = try sandbox.cli(arguments, stdin: "value-1234")
            Self.timing("no provider: \(arguments.dropFirst().joined(separator: " "))", r)
            #expect(r.status == 2, "\(arguments): \(r.output)")
            #expect(r.stderr.contains("no Secret Service on the session bus"), "\(r.stderr)")
            #expect(r.stderr.contains("install and start gnome-keyring or KeePassXC"))
            #expect(r.stdout.isEmpty)
            #expect(r.seconds < 2)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.keyringFolder))
    }

    @Test("a Secret Service that never answers: the deadline ends every command")
    func neverAnswers() throws {
        let sandbox = try KeyringSandbox()
        defer { sandbox.stop() }
        try sandbox.startBus()
        try sandbox.startSilentSecretService()
        _ = try Self.writeSpec(in: sandbox)
        let deadline = ["PROVIDER_SYNC_SECRET_TIMEOUT_MS": "1500"]
        for arguments in [["secret", "get", "key-a"], ["secret", "set", "key-a"], ["secret", "delete", "key-a"],
                          ["secret", "list"], ["secret", "check"]] {
            let r = try sandbox.cli(arguments, stdin: "value-1234", extra: deadline)
            Self.timing("never answers (1.5 s deadline): \(arguments.dropFirst().joined(separator: " "))", r)
            #expect(r.status == 2, "\(arguments): \(r.output)")
            #expect(r.stderr.contains("the Secret Service did not answer within 1.5 s"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.seconds >= 1.4 && r.seconds < 5, "\(r.seconds) s")
        }
        let bad = try sandbox.cli(["secret", "list"], extra: ["PROVIDER_SYNC_SECRET_TIMEOUT_MS": "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("PROVIDER_SYNC_SECRET_TIMEOUT_MS is not a number of milliseconds"))
    }

    @Test("no output shows a secret value, except get --reveal")
    func redaction() throws {
        let sandbox = try KeyringSandbox.unlocked()
        defer { sandbox.stop() }
        let value = "sk-redact-" + UUID().uuidString
        #expect(try sandbox.secretTool(["store", "--label", "known", "name", "key-a"], stdin: value).status == 0)
        _ = try Self.writeSpec(in: sandbox)

        var results: [(String, TimedResult)] = []
        func run(_ arguments: [String], stdin: String? = nil, extra: [String: String] = [:]) throws {
            results.append((arguments.joined(separator: " "), try sandbox.cli(arguments, stdin: stdin, extra: extra)))
        }
        try run(["secret", "get", "key-a"])
        try run(["secret", "list"])
        try run(["secret", "list", "--spec", "providers.yaml"])
        try run(["secret", "check"])
        try run(["secret", "set", "copy"], stdin: value + "\n")
        try run(["secret", "set", "from-env", "--from-env", "THE_KEY"], extra: ["THE_KEY": value])
        try run(["secret", "set", "refused"], stdin: value + "\n" + value)
        try run(["secret", "set", "bad name"], stdin: value)
        try run(["secret", "get", "key-c"])
        try run(["secret", "delete", "key-c"])
        try run(["secret", "get", "copy"])
        try run(["secret", "delete", "copy"])
        try run(["secret", "list"], extra: ["PROVIDER_SYNC_SECRET_TIMEOUT_MS": value])
        for (command, r) in results {
            #expect(!r.stdout.contains(value) && !r.stderr.contains(value), "\(command) showed the value")
        }
        #expect(try sandbox.cli(["secret", "get", "key-a", "--reveal"]).stdout == value + "\n")
        #expect(try sandbox.cli(["secret", "get", "from-env", "--reveal"]).stdout == value + "\n")

        // The redactor is on the output path: once the value has been read, any text that holds
        // it is masked. `check` names the spec's path after looking the keys up.
        let odd = sandbox.folder + "/" + value
        _ = try Self.writeSpec(in: sandbox, folder: odd)
        #expect(try sandbox.cli(["secret", "set", "key-c"], stdin: "another-value-1").status == 0)
        let check = try sandbox.cli(["secret", "check", odd + "/providers.yaml"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!check.output.contains(value))
        #expect(check.stderr.contains("/********/providers.yaml"), "\(check.stderr)")
    }
}
