public import ProviderSpec

/// The `options.baseURL` OpenCode gets for a provider.
///
/// Users type a "Server URL" the way they would open it in a browser. The OpenAI-compatible
/// client appends `/chat/completions` to the base URL, so a bare server root needs the API
/// path of its server software, while a URL that already has a path is what the user meant
/// and is kept (never `/v1/v1`).
public func baseURL(for provider: Provider) -> String {
    baseURL(fromServerURL: provider.url, preset: provider.preset)
}

/// The same rule on a URL and an optional preset, for callers that have no `Provider` yet.
public func baseURL(fromServerURL text: String, preset: Preset?) -> String {
    let trimmed = text.trimmingSpaces()
    guard let url = ServerURL(trimmed) else {
        // Not an http(s) URL: the spec checks report that; keep the text but tidy the end.
        return String(trimmed.dropLastWhile { $0 == "/" })
    }
    let path = String(url.path.dropLastWhile { $0 == "/" })
    if !path.isEmpty {
        return url.root + path + url.suffix
    }
    return url.root + normalizedAPIPath(preset?.info.apiPath ?? "/v1") + url.suffix
}

/// "/v1" from "v1", "/v1/" or "/v1"; "" stays "" (a server whose API sits at its root).
private func normalizedAPIPath(_ path: String) -> String {
    let inner = path.dropFirstWhile { $0 == "/" }.dropLastWhile { $0 == "/" }
    return inner.isEmpty ? "" : "/" + inner
}

extension StringProtocol {
    func dropLastWhile(_ predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard predicate(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }

    func dropFirstWhile(_ predicate: (Character) -> Bool) -> SubSequence {
        var start = startIndex
        while start < endIndex, predicate(self[start]) { start = index(after: start) }
        return self[start..<endIndex]
    }

    func trimmingSpaces() -> String {
        String(dropFirstWhile(\.isWhitespace).dropLastWhile(\.isWhitespace))
    }
}
