import ArgumentParser
internal import CLICommon
internal import Probe
internal import ProbeWire
internal import Redaction
internal import SystemIO

/// The agent's webhook deliveries: the one program with an HTTP stack sends them, so that
/// `provider-sync` links none. Hidden: only the agent runs it, with the delivery (headers
/// included) on standard input, never in the arguments.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "POST the agent's event given on standard input to its webhook, with retries.",
        discussion: "Prints one line of JSON: delivered, attempts, status, error. Exit codes: 0 delivered, 1 not delivered, 2 usage or error.",
        shouldDisplay: false
    )

    func run() async throws {
        let request: NotificationRequest
        do {
            request = try ProbeWireFormat.notification(from: try StandardStream.input.readAll())
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        // Neither a header's value nor the URL (Slack's carries its secret in the path) may
        // show in what is printed.
        for header in request.headers { SecretRedactor.shared.register(header.value) }
        SecretRedactor.shared.register(request.url)
        let result = await WebhookDelivery.deliver(request, userAgent: "provider-sync/\(ToolVersion.string)")
        Terminal.stdout(ProbeWireFormat.line(result))
        if !result.delivered { throw ExitCode(ExitStatus.failed) }
    }
}
