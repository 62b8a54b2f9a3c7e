import ArgumentParser
internal import CLICommon
internal import JSONCore
internal import Workstation

struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Print the files of every target on a platform (what each is to OpenCode), and the state folder.",
        discussion: "The app target lists the app's folders that exist (accomplish when neither does); auth.json is written in the auth secrets mode only."
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
                for file in try locations.files(of: .named(name)) where name == .opencode || file.role != .authStore {
                    line(name.rawValue, file.path + StatusCommand.roleText(file.role))
                }
            } catch {
                line(name.rawValue, "(unknown: \(error))")
            }
        }
        line("state", (try? locations.stateLocation().directory) ?? "(unknown)")
    }
}
