import FoundationEssentials
internal import SystemIO

/// Tells an ssh key's algorithm from its files without decrypting anything, so a refusal
/// of an RSA key can say why.
enum SSHKeyFile {
    static func type(privateKey: String, publicKey: String?) -> String? {
        if let publicKey, let text = read(publicKey), let first = text.split(separator: " ").first {
            return String(first)
        }
        guard let text = read(privateKey) else { return nil }
        if text.contains("BEGIN RSA PRIVATE KEY") { return "ssh-rsa" }
        if text.contains("BEGIN EC PRIVATE KEY") { return "ecdsa" }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return nil }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body, options: .ignoreUnknownCharacters) else { return nil }
        return openSSHPublicKeyType(Array(data))
    }

    /// A key file's text; nil when it is missing, not a regular file, or far larger than a key.
    private static func read(_ path: String) -> String? {
        (try? FileReader.read(path, limit: 1 << 20))?.map { String(decoding: $0, as: UTF8.self) }
    }

    /// openssh-key-v1: magic, cipher, kdf, kdf options, key count, then the public key in
    /// clear even when the private part is encrypted; its first field is the algorithm.
    static func openSSHPublicKeyType(_ bytes: [UInt8]) -> String? {
        var reader = SSHWireReader(bytes)
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard bytes.starts(with: magic) else { return nil }
        reader.offset = magic.count
        guard reader.string() != nil, reader.string() != nil, reader.string() != nil,
              reader.uint32() != nil, let publicBlob = reader.string() else { return nil }
        var inner = SSHWireReader(publicBlob)
        return inner.string().flatMap { String(bytes: $0, encoding: .utf8) }
    }
}

/// Reads the length-prefixed fields of SSH's wire format (RFC 4251).
struct SSHWireReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func uint32() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func string() -> [UInt8]? {
        guard let length = uint32(), offset + Int(length) <= bytes.count else { return nil }
        defer { offset += Int(length) }
        return Array(bytes[offset..<offset + Int(length)])
    }
}
