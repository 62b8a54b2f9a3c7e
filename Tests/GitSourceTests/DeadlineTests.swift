import Foundation
import GitSource
import TestSupport
import Testing

/// Every network step has a deadline: a server that accepts and never answers must not hang
/// the agent, and a server that is down must fail at once.
@Suite("Deadlines and unreachable servers", .serialized, .needs(Servers.python != nil, "python3"))
struct DeadlineTests {
    static let timeouts = GitTimeouts(connect: .seconds(2), operation: .seconds(2))

    static func failure(_ url: String, auth: GitAuth? = nil, folder: TempFolder,
                        _ call: (GitMirror) throws -> Void) throws -> (GitSourceError, Double) {
        let config = GitSourceConfig(url: url, auth: auth, knownHosts: folder.sub("known_hosts"), timeouts: timeouts)
        let mirror = try GitMirror(path: folder.sub("mirror-\(UUID().uuidString.prefix(6))"), config: config)
        let start = Date()
        let error = try #require(throws: GitSourceError.self) { try call(mirror) }
        return (error, Date().timeIntervalSince(start))
    }

    @Test(arguments: ["git", "http", "ssh"])
    func silentServerTimesOut(scheme: String) throws {
        let folder = try TempFolder()
        let silent = try Servers.silent(folder: folder)
        defer { silent.stop() }
        let url = scheme == "ssh" ? "ssh://git@127.0.0.1:\(silent.port)/team.git" : "\(scheme)://127.0.0.1:\(silent.port)/team.git"
        let auth: GitAuth? = scheme == "ssh" ? .sshAgent(username: nil) : nil
        for call in [{ (m: GitMirror) in _ = try m.remoteHead() }, { (m: GitMirror) in _ = try m.fetch() }] {
            let (error, seconds) = try Self.failure(url, auth: auth, folder: folder, call)
            guard case .timedOut = error else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
            #expect(seconds >= 1.9 && seconds < 3.5, "took \(seconds) s with a 2 s deadline")
            #expect(error.description.contains("did not finish within 2 s"))
        }
    }

    @Test(arguments: ["git", "http", "ssh"])
    func serverDownFailsQuickly(scheme: String) throws {
        let folder = try TempFolder()
        let port = closedPort()
        let (error, seconds) = try Self.failure("\(scheme)://127.0.0.1:\(port)/team.git", folder: folder) { _ = try $0.sync() }
        guard case .unreachable(_, let reason) = error else {
            Issue.record("expected unreachable, got \(error)")
            return
        }
        #expect(reason.contains("Connection refused"))
        #expect(seconds < 1)
    }

    @Test func connectThatNeverCompletesHitsTheConnectTimeout() throws {
        let folder = try TempFolder()
        let server = try Servers.unanswered(folder: folder)
        defer { server.stop() }
        let config = GitSourceConfig(url: "http://127.0.0.1:\(server.port)/team.git",
                                     timeouts: GitTimeouts(connect: .seconds(1), operation: .seconds(10)))
        let mirror = try GitMirror(path: folder.sub("mirror"), config: config)
        let start = Date()
        let error = try #require(throws: GitSourceError.self) { try mirror.remoteHead() }
        let seconds = Date().timeIntervalSince(start)
        #expect(error == .unreachable(url: config.url, reason: "127.0.0.1:\(server.port): no answer to connect within 1000 ms"))
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s with a 1 s connect timeout")
    }

    @Test func unresolvableHostIsUnreachable() throws {
        let folder = try TempFolder()
        let (error, _) = try Self.failure("http://no-such-host.invalid/team.git", folder: folder) { _ = try $0.remoteHead() }
        guard case .unreachable(_, let reason) = error else {
            Issue.record("expected unreachable, got \(error)")
            return
        }
        #expect(reason.contains("cannot resolve no-such-host.invalid"))
    }
}
