import FoundationEssentials
public import GitSource
internal import JSONCore
public import SystemIO
internal import Workstation

/// Who signed a trusted commit.
public struct VerifiedSigner: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case ssh, gpg }
    public var kind: Kind
    /// The allowed_signers principal, or the OpenPGP key's user id.
    public var signer: String
    /// The key's fingerprint.
    public var key: String

    public var description: String { "\(signer) (\(kind.rawValue) key \(key))" }
}

/// Why a commit is not trusted. No case is a tool failure: those are `SubprocessError`s.
public enum VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unsigned(commit: String)
    /// Signed with a kind of key no trust file is configured for.
    case unsupportedKind(commit: String, kind: String, configured: String)
    /// ssh-keygen found no principal for the signing key in allowed_signers.
    case unknownSSHSigner(commit: String, allowedSigners: String, detail: String)
    /// The signature does not verify (the commit was altered, or the signature is for another key).
    case badSignature(commit: String, detail: String)
    /// gpg found no key for the signature in the keyring.
    case unknownGPGSigner(commit: String, keyring: String, detail: String)

    public var description: String {
        switch self {
        case .unsigned(let commit):
            "commit \(commit.prefix(12)) is not signed, and source.verify asks for signed commits"
        case .unsupportedKind(let commit, let kind, let configured):
            "commit \(commit.prefix(12)) has an \(kind) signature, but only \(configured) is configured to check signatures"
        case .unknownSSHSigner(let commit, let file, let detail):
            "commit \(commit.prefix(12)) is signed by a key that is not in \(file)\(detail.isEmpty ? "" : " (\(detail))")"
        case .badSignature(let commit, let detail):
            "the signature of commit \(commit.prefix(12)) does not verify\(detail.isEmpty ? "" : " (\(detail))")"
        case .unknownGPGSigner(let commit, let keyring, let detail):
            "commit \(commit.prefix(12)) is signed by an OpenPGP key that is not in \(keyring)\(detail.isEmpty ? "" : " (\(detail))")"
        }
    }
}

/// Checks a commit's signature with the tools git itself uses: `ssh-keygen -Y` against an
/// allowed_signers file, or `gpg --verify` against a keyring file. The signature and the
/// signed bytes come from the mirror's object store, never from a work tree.
public struct CommitVerifier: Sendable {
    public var verification: AgentConfig.Verification
    public var environment: [String: String]
    /// For each helper program run.
    public var timeout: Duration

    public init(verification: AgentConfig.Verification, environment: [String: String], timeout: Duration = .seconds(20)) {
        self.verification = verification
        self.environment = environment
        self.timeout = timeout
    }

    /// The signer; or why not: not trusted, or the check could not be made.
    public func verify(_ commit: String, signature: CommitSignature?) throws(CommitCheckError) -> VerifiedSigner {
        guard let signature else { throw .untrusted(.unsigned(commit: commit)) }
        if signature.isSSH {
            guard let allowed = verification.allowedSigners else {
                throw .untrusted(.unsupportedKind(commit: commit, kind: "SSH", configured: "gpgKeyring"))
            }
            return try verifySSH(commit, signature, allowedSigners: allowed)
        }
        guard signature.signature.hasPrefix("-----BEGIN PGP SIGNATURE-----") else {
            throw .untrusted(.badSignature(commit: commit, detail: "the signature is neither SSH nor OpenPGP (X.509 signatures are not supported)"))
        }
        guard let keyring = verification.gpgKeyring else {
            throw .untrusted(.unsupportedKind(commit: commit, kind: "OpenPGP", configured: "allowedSigners"))
        }
        return try verifyGPG(commit, signature, keyring: keyring)
    }

    private func verifySSH(_ commit: String, _ signature: CommitSignature, allowedSigners: String) throws(CommitCheckError) -> VerifiedSigner {
        guard let keygen = Subprocess.find("ssh-keygen", searchPath: environment["PATH"]) else {
            throw .unavailable(.program(.notFound(program: "ssh-keygen", package: "openssh-client")))
        }
        // ssh-keygen would wait on a FIFO until its deadline: only a regular file is handed on.
        try trustFile(allowedSigners)
        let folder = try privateFolder()
        defer { folder.remove() }
        let signatureFile = try folder.file("commit.sig", Array(signature.signature.utf8))
        let found = try run(keygen, ["-Y", "find-principals", "-s", signatureFile, "-f", allowedSigners])
        let principals = found.stdout.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard found.status == 0, let principal = principals.first else {
            throw .untrusted(.unknownSSHSigner(commit: commit, allowedSigners: allowedSigners, detail: Self.lastLine(found.stderr)))
        }
        let checked = try run(keygen, ["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", "git", "-s", signatureFile],
                              stdin: signature.signedData)
        // "Good "git" signature for PRINCIPAL with ED25519 key SHA256:..."
        let said = checked.stdout + checked.stderr
        guard checked.status == 0, said.contains("Good \"git\" signature") else {
            throw .untrusted(.badSignature(commit: commit, detail: Self.lastLine(said)))
        }
        let key = said.split(separator: " ").last.map { String($0).trimming(while: \.isWhitespace) } ?? "?"
        return VerifiedSigner(kind: .ssh, signer: principal, key: key)
    }

    private func verifyGPG(_ commit: String, _ signature: CommitSignature, keyring: String) throws(CommitCheckError) -> VerifiedSigner {
        guard let gpg = Subprocess.find("gpg", searchPath: environment["PATH"]) else {
            throw .unavailable(.program(.notFound(program: "gpg", package: "gnupg")))
        }
        try trustFile(keyring)
        // A home of its own: the user's trust database and agent are not involved, and nothing
        // of the user's is written.
        let folder = try privateFolder()
        defer { folder.remove() }
        let signatureFile = try folder.file("commit.asc", Array(signature.signature.utf8))
        let result = try run(gpg, ["--homedir", folder.path, "--batch", "--no-tty", "--no-default-keyring",
                                   "--keyring", keyring, "--status-fd", "1", "--verify", signatureFile, "-"],
                             stdin: signature.signedData)
        var good: String?, valid: String?, problem: String?
        for line in result.stdout.split(whereSeparator: \.isNewline) where line.hasPrefix("[GNUPG:] ") {
            let fields = line.dropFirst("[GNUPG:] ".count).split(separator: " ", maxSplits: 2).map(String.init)
            switch fields.first {
            case "GOODSIG": good = fields.count > 2 ? fields[2] : fields.dropFirst().first
            case "VALIDSIG": valid = fields.dropFirst().first
            case "BADSIG": problem = "bad signature"
            case "EXPKEYSIG": problem = "the key has expired"
            case "REVKEYSIG": problem = "the key was revoked"
            case "ERRSIG": problem = problem ?? "no public key"
            default: break
            }
        }
        if let problem, problem == "no public key" {
            throw .untrusted(.unknownGPGSigner(commit: commit, keyring: keyring, detail: Self.lastLine(result.stderr)))
        }
        guard problem == nil, let good, let valid else {
            throw .untrusted(.badSignature(commit: commit, detail: problem ?? Self.lastLine(result.stderr)))
        }
        return VerifiedSigner(kind: .gpg, signer: good, key: valid)
    }

    private static func lastLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map { String($0).trimming(while: \.isWhitespace) } ?? ""
    }
}

extension CommitVerifier {
    /// ssh-keygen or gpg, bounded by the verifier's timeout.
    func run(_ program: String, _ arguments: [String], stdin: [UInt8] = []) throws(CommitCheckError) -> Subprocess.Result {
        do {
            return try Subprocess.run(program, arguments, stdin: stdin, environment: environment, timeout: timeout)
        } catch {
            throw .unavailable(.program(error))
        }
    }

    /// allowed_signers or the keyring: a regular file of a sane size, or the check cannot run.
    func trustFile(_ path: String) throws(CommitCheckError) {
        do {
            try FileReader.requireRegularFile(path)
        } catch {
            throw .unavailable(.trustFile(error))
        }
    }

    /// A 0700 temporary folder for the files handed to ssh-keygen and gpg; a folder or file that
    /// cannot be made is a check that could not run.
    func privateFolder() throws(CommitCheckError) -> PrivateFolder {
        do {
            return try PrivateFolder(in: Environment(environment).temporaryFolder, label: "verify")
        } catch {
            throw .unavailable(.workspace(error))
        }
    }
}

extension PrivateFolder {
    func file(_ name: String, _ bytes: [UInt8]) throws(CommitCheckError) -> String {
        do {
            return try write(name, bytes)
        } catch {
            throw .unavailable(.workspace(error))
        }
    }
}

/// Why a commit's signature was not accepted: not trusted, or the check could not be made.
public enum CommitCheckError: Error, Sendable {
    case untrusted(VerificationFailure)
    case unavailable(VerifierUnavailable)
}

/// The signature check could not be made (the commit is neither trusted nor refused).
public enum VerifierUnavailable: Error, Sendable, CustomStringConvertible {
    /// ssh-keygen or gpg is missing, did not start or did not finish.
    case program(SubprocessError)
    /// allowed_signers or the gpg keyring is not a regular file that can be read.
    case trustFile(FileAccessError)
    /// The private folder for the files handed to the program could not be made.
    case workspace(FileSystemError)

    public var description: String {
        switch self {
        case .program(let error): "\(error)"
        case .trustFile(let error): "cannot run the signature check: \(error)"
        case .workspace(let error): "cannot run the signature check: cannot prepare its files: \(error)"
        }
    }
}
