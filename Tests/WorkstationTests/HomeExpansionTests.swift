import Foundation
import Testing
import Workstation

/// `~` and relative paths, for every place that takes a path from a person (agent.yaml, key
/// files, CA files, options): one rule.
@Suite("locations: ~ and relative paths")
struct HomeExpansionTests {
    let linux = Locations(platform: .linux, environment: Environment(["HOME": "/home/ana"]), currentDirectory: "/work")

    @Test func homeIsExpanded() throws {
        #expect(try linux.expandingHome("~") == "/home/ana")
        #expect(try linux.expandingHome("~/key") == "/home/ana/key")
        #expect(try linux.expandingHome("~bob/key") == "~bob/key")
        #expect(try linux.expandingHome("key") == "key")
        #expect(try linux.expandingHome("/a/~/b") == "/a/~/b")
        let windows = Locations(platform: .windows, environment: Environment(["USERPROFILE": #"C:\Users\ana"#]), currentDirectory: #"C:\w"#)
        #expect(try windows.expandingHome(#"~\key"#) == #"C:\Users\ana\key"#)
    }

    @Test func withoutHomeTheErrorNamesThePath() throws {
        let bare = Locations(platform: .linux, environment: Environment([:]), currentDirectory: "/work")
        #expect(throws: LocationError.missingVariable(.home, for: .path("~/key"))) { try bare.expandingHome("~/key") }
        #expect(LocationError.missingVariable(.home, for: .path("~/key")).description
            == "cannot find the home folder in ~/key: the environment variable HOME is not set")
        #expect(try bare.expandingHome("/abs") == "/abs")
    }

    @Test func absolutePaths() throws {
        #expect(try linux.absolute("key") == "/work/key")
        #expect(try linux.absolute("./././key") == "/work/key")
        #expect(try linux.absolute("../key") == "/work/../key")
        #expect(try linux.absolute("key", from: "/cfg/") == "/cfg/key")
        #expect(try linux.absolute("~/key", from: "/cfg") == "/home/ana/key")
        #expect(try linux.absolute("/k") == "/k")
    }

    @Test func displayedUnderHome() {
        #expect(linux.displayed("/home/ana/.config/x") == "~/.config/x")
        #expect(linux.displayed("/home/anabel/x") == "/home/anabel/x")
        #expect(linux.displayed("/etc/x") == "/etc/x")
        #expect(linux.parent(of: "/a/b/c") == "/a/b")
        #expect(linux.parent(of: "/c") == "/")
        #expect(linux.parent(of: "c") == ".")
    }

    /// The process's own environment, read from `environ` without Foundation.
    @Test func processEnvironment() {
        let environment = Environment.process()
        let foundation = ProcessInfo.processInfo.environment
        #expect(environment.values == foundation)
        #expect(environment[.path] == foundation["PATH"].flatMap { $0.isEmpty ? nil : $0 })
        #expect(Environment(["EMPTY": ""])["EMPTY"] == nil)
    }
}
