#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CLICommon
import CLICommon
import FoundationEssentials
import JSONCore
import OpenCodeConfig
import Probe
import ProbeTargets
import ProviderSpec
import Secrets
import SystemIO

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check that each provider of the spec answers as OpenCode needs, and say how to fix what does not.",
        discussion: """
            Per provider: reachable (DNS, TCP, TLS), GET /models with the key; per model: served, \
            a chat completion, a streamed one (SSE ending in [DONE], not held back by a proxy), and \
            a tool call (streamed and not). Providers are probed concurrently. The key is never \
            printed. Exit codes: 0 every check passed (notes allowed), 1 a check failed or the spec \
            is invalid (as for validate and apply), 2 usage or error.
            """
    )

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp("Probe only this provider id; repeat for several.", valueName: "id"))
    var providerIDs: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(help: "Bound of each check, in seconds (the connect bound is the smaller of this and 5).")
    var timeout: Double = 20

    @Option(help: ArgumentHelp("A PEM file of extra CAs to trust (a company CA).", valueName: "path"))
    var caFile: String?

    @Flag(help: "Skip the tool-call check (two requests fewer per model).")
    var noTools = false

    @Option(help: "Providers probed at the same time.")
    var concurrency = 4

    @Flag(help: ArgumentHelp("Read the targets, keys resolved, as JSON from standard input instead of the spec (how the agent runs its health check).", visibility: .hidden))
    var targetsFromStdin = false

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        try CAFileOption.check(caFile)
    }

    func run() throws {
        let targets = try targetsFromStdin ? ProbeTargetsForCommand.fromStandardInput() : ProbeTargetsForCommand.make(specOptions.load().0, only: providerIDs)
        let settings = ProbeSettings(timeout: timeout, concurrency: concurrency, tools: !noTools, caFile: caFile)
        let report = try Blocking.run { try await Prober(settings: settings).probe(targets) }
        switch format {
        case .json: Terminal.stdout(JSONWriter.pretty(report.json) + "\n")
        case .text: Terminal.stdout(ProbeText.render(report))
        }
        if report.failed { throw ExitCode(ExitStatus.failed) }
    }
}

/// The spec's providers with their keys resolved where this workstation keeps them.
enum ProbeTargetsForCommand {
    static func make(_ spec: Spec, only ids: [String]) throws -> [ProbeTarget] {
        let environment = ProcessInfo.processInfo.environment
        let keychain = KeychainSession(environment: environment)
        do {
            return try ProbeTargets.make(spec, only: ids, environment: environment, keychain: keychain.lookup)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// What the agent wrote with `ProbeTarget.json`, its keys registered with the redactor.
    static func fromStandardInput() throws -> [ProbeTarget] {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.readStream(STDIN_FILENO, name: "standard input")
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = try? JSONParser.value(text), let list = value.arrayValue else {
            throw CommandFailure(message: "standard input is not a JSON array of probe targets")
        }
        let targets = list.compactMap(ProbeTarget.init(json:))
        guard targets.count == list.count else { throw CommandFailure(message: "standard input holds an entry that is not a probe target") }
        for key in targets.compactMap(\.apiKey) { SecretRedactor.shared.register(key) }
        return targets
    }
}

/// `--ca-file`: the TLS library reads it; only a regular file of sane size is handed on (a FIFO
/// there would block the probe for good).
enum CAFileOption {
    static func check(_ path: String?) throws {
        guard let path else { return }
        do {
            try FileReader.requireRegularFile(path)
        } catch {
            throw ValidationError("--ca-file: \(error)")
        }
    }
}
