/// The `format` values this library can assert. Unknown formats are ignored, as the
/// specification asks.
enum FormatKind: String, Sendable {
    case dateTime = "date-time"
    case date
    case time
    case duration
    case email
    case idnEmail = "idn-email"
    case hostname
    case idnHostname = "idn-hostname"
    case ipv4
    case ipv6
    case uri
    case uriReference = "uri-reference"
    case iri
    case iriReference = "iri-reference"
    case uriTemplate = "uri-template"
    case jsonPointer = "json-pointer"
    case relativeJSONPointer = "relative-json-pointer"
    case regex
    case uuid

    /// Checks a string; every other kind of value passes any format.
    func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return DateTimeFormat.isDateTime(bytes)
        case .date: return DateTimeFormat.isDate(bytes)
        case .time: return DateTimeFormat.isTime(bytes[...])
        case .duration: return DateTimeFormat.isDuration(bytes)
        case .email: return EmailFormat.isEmail(text, international: false)
        case .idnEmail: return EmailFormat.isEmail(text, international: true)
        case .hostname: return HostnameFormat.isHostname(text)
        case .idnHostname: return HostnameFormat.isIDNHostname(text)
        case .ipv4: return IPAddressFormat.isIPv4(bytes[...])
        case .ipv6: return IPAddressFormat.isIPv6(bytes[...])
        case .uri: return URIFormat.isValid(text, allowRelative: false, international: false)
        case .uriReference: return URIFormat.isValid(text, allowRelative: true, international: false)
        case .iri: return URIFormat.isValid(text, allowRelative: false, international: true)
        case .iriReference: return URIFormat.isValid(text, allowRelative: true, international: true)
        case .uriTemplate: return URIFormat.isTemplate(text)
        case .jsonPointer: return PointerFormat.isJSONPointer(bytes[...])
        case .relativeJSONPointer: return PointerFormat.isRelativeJSONPointer(bytes)
        case .regex: return (try? ECMARegex(text)) != nil
        case .uuid: return UUIDFormat.isUUID(bytes)
        }
    }
}

@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isASCIIAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isASCIIHex(_ b: UInt8) -> Bool { hexValue(b) != nil }

/// Reads exactly `count` ASCII digits at `i` as a number.
func digits(_ bytes: ArraySlice<UInt8>, _ i: Int, _ count: Int) -> Int? {
    guard i >= bytes.startIndex, i + count <= bytes.endIndex else { return nil }
    var value = 0
    for j in i..<(i + count) {
        guard isASCIIDigit(bytes[j]) else { return nil }
        value = value * 10 + Int(bytes[j] - 0x30)
    }
    return value
}

/// Simple formats: UUIDs and JSON pointers.
enum UUIDFormat {
    /// RFC 4122 text form: 8-4-4-4-12 hex digits.
    static func isUUID(_ b: [UInt8]) -> Bool {
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else if !isASCIIHex(c) {
                return false
            }
        }
        return true
    }
}

enum PointerFormat {
    /// RFC 6901: empty, or "/"-separated tokens where "~" is followed by 0 or 1.
    static func isJSONPointer(_ b: ArraySlice<UInt8>) -> Bool {
        guard let first = b.first else { return true }
        guard first == UInt8(ascii: "/") else { return false }
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "~") {
                guard i + 1 < b.endIndex, b[i + 1] == UInt8(ascii: "0") || b[i + 1] == UInt8(ascii: "1") else { return false }
                i += 1
            }
            i += 1
        }
        return true
    }

    /// draft-handrews-relative-json-pointer: a non-negative integer, then "#" or a JSON pointer.
    static func isRelativeJSONPointer(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, isASCIIDigit(b[i]) { i += 1 }
        guard i > 0, !(b[0] == UInt8(ascii: "0") && i > 1) else { return false }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "#") { return i + 1 == b.count }
        return isJSONPointer(b[i...])
    }
}
