import FoundationEssentials

/// What crosses between the programs was not what the other side writes.
public enum ProbeWireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input of provider-sync-probe: not a JSON array of targets.
    case notTargets(reason: String)
    /// The probe's standard output: not its JSON report.
    case notReport(reason: String)
    /// Standard input of `provider-sync-probe notify`: not a delivery.
    case notNotification(reason: String)

    public var description: String {
        switch self {
        case .notTargets(let reason): "standard input is not a JSON array of probe targets: \(reason)"
        case .notReport(let reason): "the probe's output is not its JSON report: \(reason)"
        case .notNotification(let reason): "standard input is not a webhook delivery: \(reason)"
        }
    }
}

/// The two messages of the wire, as JSON: targets on the probe's standard input, the report on
/// its standard output. Both programs read and write them here, so a field has one name.
public enum ProbeWireFormat {
    public static func encode(_ targets: [ProbeTarget]) -> [UInt8] {
        // Encoding these plain values cannot fail.
        (try? [UInt8](encoder(pretty: false).encode(targets))) ?? Array("[]".utf8)
    }

    public static func targets(from bytes: [UInt8]) throws(ProbeWireError) -> [ProbeTarget] {
        do {
            return try JSONDecoder().decode([ProbeTarget].self, from: Data(bytes))
        } catch {
            throw .notTargets(reason: reason(error))
        }
    }

    /// The report, pretty and with its keys in a stable order: what `--format json` prints.
    public static func text(_ report: ProbeReport) -> String {
        ((try? encoder(pretty: true).encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    public static func report(from bytes: [UInt8]) throws(ProbeWireError) -> ProbeReport {
        do {
            return try JSONDecoder().decode(ProbeReport.self, from: Data(bytes))
        } catch {
            throw .notReport(reason: reason(error))
        }
    }

    /// The agent's webhook delivery, for `provider-sync-probe notify`'s standard input.
    public static func encode(_ request: NotificationRequest) -> [UInt8] {
        (try? [UInt8](encoder(pretty: false).encode(request))) ?? Array("{}".utf8)
    }

    public static func notification(from bytes: [UInt8]) throws(ProbeWireError) -> NotificationRequest {
        do {
            return try JSONDecoder().decode(NotificationRequest.self, from: Data(bytes))
        } catch {
            throw .notNotification(reason: reason(error))
        }
    }

    /// One line: what `notify` prints.
    public static func line(_ result: NotificationResult) -> String {
        ((try? encoder(pretty: false).encode(result)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    /// The last line of `notify`'s output that is its result; nil when there is none.
    public static func notificationResult(from output: String) -> NotificationResult? {
        for line in output.split(separator: "\n").reversed() {
            if let result = try? JSONDecoder().decode(NotificationResult.self, from: Data(line.utf8)) { return result }
        }
        return nil
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decoding's reason in a line: the field, not Foundation's debug text.
    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: "\(path(context.codingPath + [key])) is missing"
        case .valueNotFound(_, let context)?: "\(path(context.codingPath)) is missing"
        case .typeMismatch(_, let context)?: "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context)?: context.codingPath.isEmpty ? "not JSON" : "\(path(context.codingPath)) is not valid"
        default: "\(error)"
        }
    }

    /// "[0].headers[1]"; "the top level" for none.
    private static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top level" }
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }
}
