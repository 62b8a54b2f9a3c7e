import Foundation
import GitSource
import TestSupport
import Testing

/// What the agent's poll costs on the wire: an unchanged branch costs one ref advertisement,
/// a changed one a pack. Prints a table (bytes from the kernel's TCP counters of GitSource's
/// sockets; for http also from the server's log) and checks the poll stays small.
@Suite("Traffic of a poll versus a fetch", .serialized, .needs(Servers.hasGit && Servers.python != nil && Servers.hasSSH, "git, python3 and sshd"))
struct TrafficTests {
    /// A spec repository of some history: 40 commits over a folder of specs, 10 tags.
    static func history(_ repo: TeamRepo) throws {
        let model = String(repeating: "  - id: model-x\n    name: A model\n    context: 8192\n", count: 20)
        for i in 1...40 {
            try repo.commit(["providers.yaml": "version: 1\nrevision: \(i)\n",
                             "providers.d/\(i % 5)-team.yaml": "providers:\n  p\(i):\n    models:\n" + model],
                            message: "spec revision \(i)")
            if i % 4 == 0 { try Shell.run(["git", "-C", repo.work, "tag", "v\(i)"]) }
        }
        try Shell.run(["git", "-C", repo.work, "push", "-q", "origin", "--tags"])
    }

    static func row(_ label: String, _ result: FetchResult) -> String {
        let ms = Double(result.duration.components.attoseconds) / 1e15 + Double(result.duration.components.seconds) * 1000
        return "\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) sent \(result.traffic.bytesSent) B, "
            + "received \(result.traffic.bytesReceived) B, objects \(result.transfer.receivedObjects), "
            + "pack \(result.transfer.receivedPackBytes) B, \(String(format: "%.1f", ms)) ms"
    }

    @Test func pollVersusFetch() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try Self.history(repo)
        let daemon = try Servers.gitDaemon(root: repo.root, folder: folder)
        defer { daemon.stop() }
        let http = try Servers.http(root: repo.root, folder: folder, username: "agent", token: "tok")
        defer { http.stop() }
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }

        let remotes: [(String, String, GitAuth?)] = [
            ("git://", "git://127.0.0.1:\(daemon.port)/team.git", nil),
            ("http://", "http://127.0.0.1:\(http.port)/team.git", .token(username: "agent", token: "tok")),
            ("ssh://", ssh.url(repo.bare), .sshKey(username: nil, privateKey: ssh.clientKey, publicKey: nil, passphrase: nil)),
        ]
        var lines: [String] = []
        for (index, (label, url, auth)) in remotes.enumerated() {
            let config = GitSourceConfig(url: url, auth: auth, knownHosts: ssh.knownHosts)
            let mirror = try GitMirror(path: folder.sub("mirror-\(index)"), config: config)
            http.clearLog()
            let clone = try mirror.fetch()
            let cloneLog = http.requests
            http.clearLog()
            let idle = try mirror.sync()
            let idleLog = http.requests
            try repo.commit(["providers.yaml": "version: 1\nrevision: next-\(index)\n"], message: "one more")
            let update = try mirror.sync()

            #expect(clone.change == .cloned && idle.change == .unchanged && !idle.fetched && update.change == .fastForward)
            #expect(idle.traffic.bytesReceived > 0 && idle.traffic.bytesReceived < clone.traffic.bytesReceived / 3)
            #expect(idle.transfer.receivedObjects == 0)
            #expect(update.transfer.receivedObjects <= 3)
            lines.append(Self.row("\(label) first fetch (clone)", clone))
            lines.append(Self.row("\(label) poll, nothing new", idle))
            lines.append(Self.row("\(label) sync of one new commit", update))
            if label == "http://" {
                func sizes(_ log: [HTTPServer.Request]) -> String {
                    "\(log.count) requests, in \(log.map(\.bytesIn).reduce(0, +)) B, out \(log.map(\.bytesOut).reduce(0, +)) B"
                }
                // libgit2 asks anonymously first and sends the token after the 401: two GETs, no POST.
                #expect(idleLog.map(\.status) == [401, 200] && idleLog.allSatisfy { $0.method == "GET" })
                lines.append("   server log, clone: \(sizes(cloneLog)); poll: \(sizes(idleLog))")
            }
        }

        // The git CLI against the same HTTP server, for comparison (it speaks protocol v2).
        let cli = "http://agent:tok@127.0.0.1:\(http.port)/team.git"
        try Shell.run(["git", "init", "-q", "--bare", folder.sub("cli.git")])
        for (label, arguments) in [
            ("git fetch (v2), clone", ["git", "-C", folder.sub("cli.git"), "fetch", "-q", cli, "+refs/heads/main:refs/remotes/origin/main"]),
            ("git fetch (v2), nothing new", ["git", "-C", folder.sub("cli.git"), "fetch", "-q", cli, "+refs/heads/main:refs/remotes/origin/main"]),
            ("git ls-remote (v2)", ["git", "ls-remote", cli, "refs/heads/main"]),
            ("git ls-remote (v0)", ["git", "-c", "protocol.version=0", "ls-remote", cli, "refs/heads/main"]),
        ] {
            http.clearLog()
            try Shell.run(arguments)
            let log = http.requests.filter { $0.status == 200 }
            lines.append("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) server: \(log.count) requests, "
                + "in \(log.map(\.bytesIn).reduce(0, +)) B, out \(log.map(\.bytesOut).reduce(0, +)) B")
        }
        print("== traffic ==\n" + lines.joined(separator: "\n"))
    }
}
