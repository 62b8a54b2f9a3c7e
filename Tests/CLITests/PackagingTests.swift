import Foundation
import JSONCore
import Testing

/// What `make install`, `make deb` and `make dist` produce, checked when it is there: CI
/// (.ci/run) builds it after the suite, then runs `swift test --filter Packaging`. Nothing here
/// installs into the real system: a temporary DESTDIR, `dpkg-deb -x` into a temporary root,
/// and `apt-get install -s` (a simulation).
enum Artifacts {
    static let release = CLI.repository + "/.build-static/release"
    /// Set by .ci/run once it has built them: missing artifacts then fail instead of skipping.
    static let required = ProcessInfo.processInfo.environment["PROVIDER_SYNC_CHECK_ARTIFACTS"] == "1"
    static let share = CLI.repository + "/.build-static/share"

    static var installable: Bool {
        FileManager.default.isExecutableFile(atPath: release + "/provider-sync")
            && FileManager.default.isExecutableFile(atPath: release + "/provider-sync-probe")
            && FileManager.default.fileExists(atPath: share + "/man1/provider-sync.1")
    }

    /// The newest file in the checkout whose name starts and ends so.
    static func built(prefix: String, suffix: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLI.repository)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted().last.map { CLI.repository + "/" + $0 }
    }

    static var deb: String? { AgentTools.find("dpkg-deb") == nil ? nil : built(prefix: "provider-sync_", suffix: ".deb") }
    static var dist: String? { built(prefix: "provider-sync-", suffix: ".tar.gz") }

    /// Runs a program to its end with a plain environment (no Swift toolchain on PATH).
    static func run(_ command: [String], in folder: String = "/", environment: [String: String] = [:]) throws -> CLI.Result {
        var env = ["PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        for (key, value) in environment { env[key] = value }
        return try runProcess(command[0].hasPrefix("/") ? command[0] : AgentTools.find(command[0]) ?? command[0],
                              Array(command.dropFirst()), environment: env, folder: folder)
    }

    /// Every file and symlink under `root`, relative, sorted.
    static func files(under root: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            if let facts = FileFacts(root + "/" + path), !facts.isFolder { found.append(path) }
        }
        return found.sorted()
    }

    /// A man page name per command: provider-sync.1, provider-sync.agent.install.1, ...
    static func manPages(of binary: String) throws -> Set<String> {
        let help = try run([binary, "--experimental-dump-help"])
        let tree = try JSONParser.value(help.stdout)
        var names: Set<String> = []
        func walk(_ command: JSONValue?, _ path: [String]) {
            guard let command else { return }
            let name = command["commandName"]?.stringValue ?? ""
            let here = path + [name]
            names.insert(here.joined(separator: ".") + ".1")
            for sub in command["subcommands"]?.arrayValue ?? [] { walk(sub, here) }
        }
        walk(tree["command"], [])
        return names
    }
}

@Suite("packaging: make install/uninstall, the .deb, the tarball")
struct PackagingTests {
    @Test("make install: programs, a man page per command, completions that complete, the unit and plist naming the installed path, schemas; uninstall leaves nothing",
          .enabled(if: Artifacts.installable || Artifacts.required))
    func installLayout() throws {
        try #require(Artifacts.installable, "no release build and share files: make share")
        let destdir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let environment = ["PREFIX": "/usr/local", "DESTDIR": destdir]
        let installed = try Artifacts.run([CLI.repository + "/packaging/install.sh", "install"], in: CLI.repository, environment: environment)
        #expect(installed.status == 0, "\(installed.stderr)")
        let root = destdir + "/usr/local"
        let files = Artifacts.files(under: root)

        let pages = try Artifacts.manPages(of: Artifacts.release + "/provider-sync")
        #expect(pages.contains("provider-sync.agent.install.1") && pages.count > 25)
        #expect(Set(files.filter { $0.hasPrefix("share/man/man1/") }.map { String($0.dropFirst("share/man/man1/".count)) }) == pages)
        var expected = ["bin/provider-sync", "bin/provider-sync-probe", "lib/systemd/user/provider-sync-agent.service",
                        "share/bash-completion/completions/provider-sync", "share/zsh/site-functions/_provider-sync",
                        "share/fish/vendor_completions.d/provider-sync.fish", "share/provider-sync/installed-files",
                        "share/provider-sync/launchd/dev.provider-sync.agent.plist",
                        "share/provider-sync/schemas/agent.schema.json", "share/provider-sync/schemas/provider-spec.schema.json"]
        expected += pages.map { "share/man/man1/" + $0 }
        #expect(files == expected.sorted())

        for file in files {
            let mode = FileFacts(root + "/" + file)?.mode
            #expect(mode == (file.hasPrefix("bin/") ? 0o755 : 0o644), "\(file): \(String(mode ?? 0, radix: 8))")
        }
        // The manifest names exactly what is there.
        let manifest = try #require(fileText(root + "/share/provider-sync/installed-files"))
        let listed = manifest.split(separator: "\n").filter { $0.hasPrefix("f ") }.map { String($0.dropFirst("f /usr/local/".count)) }
        #expect(listed.sorted() == files)

        // The installed programs run, without the Swift toolchain on PATH.
        let version = try Artifacts.run([root + "/bin/provider-sync", "--version"])
        let built = try Artifacts.run([Artifacts.release + "/provider-sync", "--version"])
        #expect(version.status == 0 && version.stdout == built.stdout)
        #expect(try Artifacts.run([root + "/bin/provider-sync-probe", "--version"]).stdout == version.stdout)

        let unit = try #require(fileText(root + "/lib/systemd/user/provider-sync-agent.service"))
        #expect(unit.contains("\nExecStart=/usr/local/bin/provider-sync agent run\n"))
        #expect(unit.contains("\nNoNewPrivileges=yes\n") && !unit.contains("Environment="))
        let plist = try #require(fileText(root + "/share/provider-sync/launchd/dev.provider-sync.agent.plist"))
        #expect(plist.contains("<string>/usr/local/bin/provider-sync</string>"))
        for schema in ["agent.schema.json", "provider-spec.schema.json"] {
            #expect(fileText(root + "/share/provider-sync/schemas/" + schema) == fileText(CLI.repository + "/schemas/" + schema))
        }
        // bash completion, sourced and asked as bash asks it.
        let completion = try Artifacts.run(["/bin/bash", "-c", """
            source "$1"; COMP_WORDS=(provider-sync agent ""); COMP_CWORD=2; COMP_LINE="provider-sync agent "
            COMP_POINT=${#COMP_LINE}; _provider-sync; echo "${COMPREPLY[@]}"
            """, "bash", root + "/share/bash-completion/completions/provider-sync"])
        #expect(completion.stdout.contains("install") && completion.stdout.contains("uninstall"), "\(completion.stdout)\(completion.stderr)")
        #expect(fileText(root + "/share/zsh/site-functions/_provider-sync")?.hasPrefix("#compdef provider-sync") == true)
        #expect(fileText(root + "/share/fish/vendor_completions.d/provider-sync.fish")?.contains("complete -c 'provider-sync'") == true)
        let page = try Artifacts.run(["man", "-l", root + "/share/man/man1/provider-sync.agent.install.1"], environment: ["MANWIDTH": "200"])
        if page.status == 0 { #expect(page.stdout.contains("--global"), "\(page.stdout)") }

        // Into an empty DESTDIR, install then uninstall leaves nothing at all.
        let removed = try Artifacts.run([CLI.repository + "/packaging/install.sh", "uninstall"], in: CLI.repository, environment: environment)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: destdir)) == [])

        // Someone else's file in a folder install also writes to: only what install wrote goes.
        try FileManager.default.createDirectory(atPath: root + "/share/man/man1", withIntermediateDirectories: true)
        try "foreign\n".write(toFile: root + "/share/man/man1/other.1", atomically: true, encoding: .utf8)
        #expect(try Artifacts.run([CLI.repository + "/packaging/install.sh", "install"], in: CLI.repository, environment: environment).status == 0)
        #expect(try Artifacts.run([CLI.repository + "/packaging/install.sh", "uninstall"], in: CLI.repository, environment: environment).status == 0)
        #expect(Artifacts.files(under: destdir) == ["usr/local/share/man/man1/other.1"])
        #expect(FileFacts(root + "/share/provider-sync") == nil && FileFacts(root + "/bin") == nil, "the folders install created are gone")
        let again = try Artifacts.run([CLI.repository + "/packaging/install.sh", "uninstall"], in: CLI.repository, environment: environment)
        #expect(again.status == 2 && again.stderr.contains("nothing installed under this PREFIX and DESTDIR"))
    }

    @Test("the .deb: its control fields and Depends (runtime packages of the libraries it loads, no -dev), its files; extracted, it runs and validates without Swift; apt-get resolves its dependencies",
          .enabled(if: (Artifacts.deb != nil && AgentTools.find("apt-get") != nil) || Artifacts.required))
    func debianPackage() throws {
        let deb = try #require(Artifacts.deb)
        let info = try Artifacts.run(["dpkg-deb", "--info", deb])
        #expect(info.status == 0, "\(info.stderr)")
        func field(_ name: String) throws -> String {
            let r = try Artifacts.run(["dpkg-deb", "--field", deb, name])
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try field("Package") == "provider-sync")
        let architecture = try Artifacts.run(["dpkg", "--print-architecture"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try field("Architecture") == architecture)
        let depends = try field("Depends")
        let packages = depends.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0] }
        #expect(!packages.contains { $0.hasSuffix("-dev") }, "\(depends)")
        #expect(depends.contains("libc6 (>= 2."), "\(depends)")

        let contents = try Artifacts.run(["dpkg-deb", "--contents", deb]).stdout
        for path in ["./usr/bin/provider-sync", "./usr/bin/provider-sync-probe", "./usr/lib/systemd/user/provider-sync-agent.service",
                     "./usr/share/man/man1/provider-sync.agent.install.1.gz", "./usr/share/bash-completion/completions/provider-sync",
                     "./usr/share/zsh/vendor-completions/_provider-sync", "./usr/share/fish/vendor_completions.d/provider-sync.fish",
                     "./usr/share/provider-sync/schemas/provider-spec.schema.json", "./usr/share/doc/provider-sync/README.md"] {
            #expect(contents.contains(" \(path)\n"), "\(path) in the package")
        }
        #expect(!contents.contains("installed-files"), "dpkg keeps the list")
        #expect(!contents.contains(" ./usr/local"))

        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Artifacts.run(["dpkg-deb", "-x", deb, root]).status == 0)
        let program = root + "/usr/bin/provider-sync"
        let version = try Artifacts.run([program, "--version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(try field("Version") == version.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try Artifacts.run([root + "/usr/bin/provider-sync-probe", "--version"]).stdout == version.stdout)
        // No Swift runtime library needed: it is linked in.
        for binary in [program, root + "/usr/bin/provider-sync-probe"] {
            let needed = try Artifacts.run(["readelf", "-d", binary]).stdout
            #expect(needed.contains("(NEEDED)") && !needed.contains("libswift") && !needed.contains("libFoundation"), "\(binary)")
        }
        let good = try Artifacts.run([program, "validate", "examples/providers.yaml"], in: CLI.repository)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let bad = try Artifacts.run([program, "validate", "examples/invalid/misspelled-key.yaml"], in: CLI.repository)
        #expect(bad.status == 1 && bad.stdout.contains("did you mean 'models'?"), "\(bad.stdout)")
        #expect(fileText(root + "/usr/lib/systemd/user/provider-sync-agent.service")?.contains("\nExecStart=/usr/bin/provider-sync agent run\n") == true)

        // Depends names the package of every C library the program runs with.
        let libraries = try Artifacts.run([program, "version"]).stdout.split(separator: "\n").dropFirst(2)
        #expect(libraries.count == 3)
        for line in libraries {
            let file = String(line.split(separator: " ").last ?? "")
            let owner = try Artifacts.run(["dpkg", "-S", file])
            let package = owner.stdout.split(separator: ":").first.map(String.init) ?? ""
            #expect(owner.status == 0 && packages.contains(Substring(package)), "\(file) is in \(package): \(depends)")
        }

        let simulated = try Artifacts.run(["apt-get", "install", "-s", "-y", deb])
        #expect(simulated.status == 0, "\(simulated.stdout)\(simulated.stderr)")
        #expect(simulated.stdout.contains("Inst provider-sync ") || simulated.stdout.contains("provider-sync is already the newest version"),
                "\(simulated.stdout)")
    }

    @Test("make dist: the programs, README, schemas and LIBRARIES.txt naming every library the programs need; extracted, it runs",
          .enabled(if: Artifacts.dist != nil || Artifacts.required))
    func tarball() throws {
        let tarball = try #require(Artifacts.dist)
        let name = String(tarball.split(separator: "/").last!.dropLast(".tar.gz".count))
        let machine = try Artifacts.run(["uname", "-m"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(name.hasSuffix("-linux-\(machine)"))
        let listing = try Artifacts.run(["tar", "-tzf", tarball]).stdout.split(separator: "\n").map(String.init)
        #expect(listing.sorted() == ["\(name)/", "\(name)/LIBRARIES.txt", "\(name)/README.md", "\(name)/bin/", "\(name)/bin/provider-sync",
                                     "\(name)/bin/provider-sync-probe", "\(name)/schemas/", "\(name)/schemas/agent.schema.json",
                                     "\(name)/schemas/provider-spec.schema.json"])
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Artifacts.run(["tar", "-xzf", tarball, "-C", folder]).status == 0)
        let program = "\(folder)/\(name)/bin/provider-sync"
        let version = try Artifacts.run([program, "--version"])
        #expect(version.status == 0 && name.hasPrefix("provider-sync-\(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines))-"))
        let libraries = try #require(fileText("\(folder)/\(name)/LIBRARIES.txt"))
        for binary in ["provider-sync", "provider-sync-probe"] {
            let needed = try Artifacts.run(["readelf", "-d", "\(folder)/\(name)/bin/\(binary)"]).stdout
            for line in needed.split(separator: "\n") where line.contains("(NEEDED)") {
                let soname = line.split(separator: "[").last?.split(separator: "]").first.map(String.init) ?? ""
                #expect(libraries.contains("\t\(soname) => ") || libraries.contains("/\(soname)\n"), "\(soname) of \(binary) in LIBRARIES.txt")
            }
        }
        // The README as it was when the tarball was built (it may be older than the checkout).
        #expect(fileText("\(folder)/\(name)/README.md")?.contains("## Installing it") == true)
    }
}
