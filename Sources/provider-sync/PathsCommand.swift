import ArgumentParser
import CLICommon
import JSONCore
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
            Terminal.stdout("\(target.description.padded(toWidth: 11)) \(shown)\n")
        }
        let state = (try? Workstation.stateLocation(platform).directory) ?? "(unknown)"
        Terminal.stdout("\("state".padded(toWidth: 11)) \(state)\n")
    }
}
