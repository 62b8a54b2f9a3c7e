import ArgumentParser
import CLICommon
import OpenCodeConfig

struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Print the opencode.json path of every target on a platform, and the state folder."
    )

    @Option(help: "macos, windows or linux. Default: this machine's.")
    var platform: Platform = .current

    func run() throws {
        let env = Workstation.environment
        for target in [Target.openwork, .accomplish, .opencode] {
            let shown: String
            do {
                shown = try path(for: target, platform: platform, environment: env)
            } catch {
                shown = "(unknown: \(error))"
            }
            Terminal.stdout("\(target.description.padding(toLength: 11, withPad: " ", startingAt: 0)) \(shown)\n")
        }
        let state = (try? Workstation.stateLocation(platform).directory) ?? "(unknown)"
        Terminal.stdout("\("state".padding(toLength: 11, withPad: " ", startingAt: 0)) \(state)\n")
    }
}
