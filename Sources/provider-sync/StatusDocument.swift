internal import CLICommon
internal import JSONCore
internal import SystemIO

/// The one object `status --format json` and `agent status --format json` print, a contract
/// (README, "status"): `formatVersion`, the host, the tool's version, then the command's own
/// fields. `formatVersion` goes up only when a field changes meaning or goes away; fields are
/// added without a change.
enum StatusDocument {
    static let formatVersion = 1

    static func json(_ fields: JSONObject) -> JSONValue {
        var o = JSONObject()
        o["formatVersion"] = .number(Double(formatVersion))
        o["host"] = .string(RunningProcess.hostName())
        o["version"] = .string(ToolVersion.string)
        for (key, value) in fields.members { o[key] = value }
        return .object(o)
    }
}
