import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOPosix
import NIOSSL

/// Why a request got no HTTP answer, in the user's terms.
struct TransportFailure: Error, Sendable {
    enum Stage: String, Sendable { case dns, tcp, tls, timeout, closed, body, redirect, other }
    var stage: Stage
    var summary: String
    var fix: String
}

extension TransportFailure {
    /// Maps NIO, NIOSSL and AsyncHTTPClient errors to what failed and what to do.
    /// `progress`: what the response delegate saw before the failure (an answer that began).
    static func classify(_ error: any Error, url: String, timeoutSeconds: Double,
                         progress: ArrivalRecorder.Progress? = nil) -> TransportFailure {
        let place = hostAndPort(url)
        let seconds = timeoutSeconds == timeoutSeconds.rounded() ? "\(Int(timeoutSeconds)) s" : "\(timeoutSeconds) s"
        if let failure = error as? TransportFailure { return failure }
        if let tooLarge = error as? ArrivalRecorder.BodyTooLarge {
            return TransportFailure(
                stage: .body, summary: "\(place) answered\(progress?.status.map { " HTTP \($0)" } ?? ""), but its body went past \(tooLarge.limit >> 20) MiB; stopped reading",
                fix: "no answer of the OpenAI API is that large: the URL may point at something else (a file, a stream that never ends); check `url`")
        }
        if let connection = error as? NIOConnectionError {
            if connection.connectionErrors.isEmpty {
                return TransportFailure(
                    stage: .dns, summary: "DNS: the name \(connection.host) does not resolve",
                    fix: "check the host name in `url`, and the VPN or DNS this workstation needs to see it")
            }
            let first = connection.connectionErrors[0].error
            return tcpFailure(first, place: place)
        }
        if let ioError = error as? IOError { return tcpFailure(ioError, place: place) }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return tlsFailure(error, place: place)
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout:
                return TransportFailure(
                    stage: .tcp, summary: "TCP: connecting to \(place) timed out",
                    fix: "the host drops the connection attempt: check the port, a firewall, or the VPN")
            case .readTimeout, .deadlineExceeded:
                if let status = progress?.status {
                    return TransportFailure(
                        stage: .body, summary: "\(place) answered HTTP \(status), but its body did not end within \(seconds) (\(progress?.bodyBytes ?? 0) bytes read)",
                        fix: "the server (or a proxy in front of it) keeps the answer open without finishing it; check its log, or raise --timeout")
                }
                return TransportFailure(
                    stage: .timeout, summary: "connected to \(place), but no answer within \(seconds)",
                    fix: "the server accepted the connection and did not answer: it may be loading the model, overloaded, or a proxy holds the request; check its log, or raise --timeout")
            case .remoteConnectionClosed:
                return TransportFailure(
                    stage: .closed, summary: "\(place) closed the connection without an HTTP answer",
                    fix: "the port may speak another protocol (https on an http:// URL or the reverse), or the server crashed; check the scheme and port of `url`")
            case .redirectLimitReached, .redirectCycleDetected:
                return TransportFailure(
                    stage: .redirect,
                    summary: http == .redirectCycleDetected ? "\(place) redirects in a circle" : "\(place) redirected more than 5 times",
                    fix: "the API's base URL answers without redirects: a login page or a proxy may redirect every request; check `url`")
            case .tlsHandshakeTimeout:
                return TransportFailure(
                    stage: .tls, summary: "TLS: the handshake with \(place) timed out",
                    fix: "the port may not speak TLS: try http:// instead of https://")
            default:
                break
            }
        }
        let text = String(describing: error)
        if text.contains("NXDOMAIN") || text.contains("unknown host") || text.contains("getaddrinfo") {
            return TransportFailure(stage: .dns, summary: "DNS: the host of \(place) does not resolve",
                                    fix: "check the host name in `url`, and the VPN or DNS this workstation needs")
        }
        return TransportFailure(stage: .other, summary: "request to \(place) failed: \(text)",
                                fix: "check `url` and that the server runs")
    }

    static func tcpFailure(_ error: any Error, place: String) -> TransportFailure {
        let errno = (error as? IOError)?.errnoCode
        if errno == ECONNREFUSED {
            return TransportFailure(stage: .tcp, summary: "TCP: connection to \(place) refused: nothing listens there",
                                    fix: "start the server, or fix the port in `url`")
        }
        if errno == ETIMEDOUT || errno == EHOSTUNREACH || errno == ENETUNREACH {
            return TransportFailure(stage: .tcp, summary: "TCP: \(place) is unreachable (\(error))",
                                    fix: "check the host, a firewall, or the VPN")
        }
        return TransportFailure(stage: .tcp, summary: "TCP: cannot connect to \(place): \(error)",
                                fix: "check the host and port in `url`")
    }

    static func tlsFailure(_ error: any Error, place: String) -> TransportFailure {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
            || text.contains("unable to get local issuer") || text.contains("self signed") || text.contains("self-signed")
        {
            return TransportFailure(
                stage: .tls, summary: "TLS: the certificate of \(place) is not trusted by this workstation",
                fix: "if a company CA signed it, give its PEM file to the probe (--ca-file) and to OpenCode: NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem in the environment Openwork/OpenCode start from")
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return TransportFailure(
                stage: .tls, summary: "TLS: the certificate of \(place) is for another host name",
                fix: "use the host name the certificate names in `url`, or have the certificate reissued")
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("wrong version number") {
            return TransportFailure(stage: .tls, summary: "TLS: \(place) does not speak TLS",
                                    fix: "use http:// instead of https:// in `url`")
        }
        return TransportFailure(stage: .tls, summary: "TLS handshake with \(place) failed: \(text)",
                                fix: "check the certificate of the server and the https port")
    }

    static func hostAndPort(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}
