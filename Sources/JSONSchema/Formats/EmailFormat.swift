/// RFC 5321 mailboxes (RFC 6531 for idn-email): a dot-atom or quoted local part, then a host
/// name or an address literal.
enum EmailFormat {
    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = String(text[text.index(after: at)...])
        guard !local.isEmpty, !domain.isEmpty, isLocalPart(local, international: international) else { return false }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let literal = Array(domain.utf8.dropFirst().dropLast())
            let ipv6Tag = Array("IPv6:".utf8)
            if literal.starts(with: ipv6Tag) { return IPAddressFormat.isIPv6(literal[ipv6Tag.count...]) }
            return IPAddressFormat.isIPv4(literal[...])
        }
        return international ? HostnameFormat.isIDNHostname(domain) : HostnameFormat.isHostname(domain)
    }

    private static func isLocalPart(_ local: Substring, international: Bool) -> Bool {
        let scalars = Array(local.unicodeScalars)
        if scalars.first == "\"" {
            guard scalars.count >= 2, scalars.last == "\"" else { return false }
            var i = 1
            while i < scalars.count - 1 {
                let c = scalars[i]
                if c == "\\" {
                    guard i + 1 < scalars.count - 1 else { return false }
                    i += 2
                    continue
                }
                guard c != "\"", c.value >= 0x20 || c == "\t", c.value != 0x7F, international || c.value < 0x80 else { return false }
                i += 1
            }
            return true
        }
        var previousWasDot = true  // also rejects a leading dot
        for c in scalars {
            if c == "." {
                if previousWasDot { return false }
                previousWasDot = true
                continue
            }
            previousWasDot = false
            if c.value >= 0x80 {
                if !international { return false }
                continue
            }
            let ok = (c.value >= 0x30 && c.value <= 0x39) || (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A)
                || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(c)
            if !ok { return false }
        }
        return !previousWasDot
    }
}
