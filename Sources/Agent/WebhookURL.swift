/// What may be shown of a webhook's URL: its origin. Many services (Slack, Teams, Discord)
/// carry the secret in the path, so the rest never reaches a log or the status.
public enum WebhookURL {
    /// `https://hooks.example.com/services/T0/B0/XYZ` -> `https://hooks.example.com`; a URL
    /// with credentials before the host loses them too.
    public static func origin(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "(not a URL)" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        return url[..<schemeEnd.upperBound] + host
    }
}
