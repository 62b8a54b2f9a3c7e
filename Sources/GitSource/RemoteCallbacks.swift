internal import CGit2
import FoundationEssentials

/// The C callbacks of one network operation. None captures anything: each finds its
/// NetworkSession through libgit2's payload pointer.
enum RemoteCallbacks {
    static func make(for session: NetworkSession) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.credentials = Credentials.acquire
        callbacks.certificate_check = certificateCheck
        callbacks.transfer_progress = transferProgress
        callbacks.sideband_progress = sideband
        callbacks.payload = Unmanaged.passUnretained(session).toOpaque()
        return callbacks
    }

    private static func session(_ payload: UnsafeMutableRawPointer?) -> NetworkSession {
        Unmanaged<NetworkSession>.fromOpaque(payload!).takeUnretainedValue()
    }

    /// Progress callbacks only run while data flows; they end a slow transfer at the deadline.
    private static func checkDeadline(_ session: NetworkSession) -> Int32 {
        guard session.expired else { return 0 }
        let error = GitSourceError.timedOut(url: session.url.redacted, step: session.step, after: session.config.timeouts.operation)
        session.fail(error)
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), error.description)
        return -1
    }

    static let transferProgress: git_indexer_progress_cb = { _, payload in
        checkDeadline(session(payload))
    }

    static let sideband: git_transport_message_cb = { _, _, payload in
        checkDeadline(session(payload))
    }

    static let certificateCheck: git_transport_certificate_check_cb = { cert, valid, host, payload in
        let session = session(payload)
        guard let cert else { return -1 }
        switch cert.pointee.cert_type {
        case GIT_CERT_HOSTKEY_LIBSSH2:
            let hostkey = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
            return HostKeyCheck.check(hostkey, session: session)
        case GIT_CERT_X509:
            if valid != 0 { return 0 }
            let name = host.map { String(cString: $0) } ?? session.url.host ?? "?"
            let reason = "it is not signed by a trusted CA, or not issued for \(name)"
            session.fail(.certificateRejected(host: name, reason: reason))
            git_error_set_str(Int32(GIT_ERROR_SSL.rawValue), reason)
            return GIT_ECERTIFICATE.rawValue
        default:
            return valid != 0 ? 0 : GIT_ECERTIFICATE.rawValue
        }
    }
}
