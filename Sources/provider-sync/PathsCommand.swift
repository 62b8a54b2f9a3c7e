import ArgumentParser
import CLICommon
import JSONCore
import Workstation

struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Print the opencode.json path of every target on a platform, and the state folder."
    )

    @Option(help: "macos, windows or linux. Default: this machine's.")
    var platform: Platform = .current

    func run() throws {
        let locations = ThisWorkstation.locations(platform)
        let width = max(TargetName.allCases.map(\.rawValue.count).max() ?? 0, "state".count) + 1
        func line(_ name: String, _ shown: String) {
            Terminal.stdout("\(name.padded(toWidth: width)) \(shown)\n")
        }
        for name in TargetName.allCases {
            do {
                for file in try locations.files(of: .named(name)) { line(name.rawValue, file.path) }
            } catch {
                line(name.rawValue, "(unknown: \(error))")
            }
        }
        line("state", (try? locations.stateLocation().directory) ?? "(unknown)")
    }
}
