import Foundation
import TestSupport

/// OpenSSH's sshd on a high port of 127.0.0.1, with its own ed25519 host key and an
/// authorized_keys file in a temp folder that admits an ed25519 and an RSA client key.
final class SSHServer {
    let folder: String
    let server: ServerProcess
    let hostKey: String
    let clientKey: String
    let rsaKey: String
    /// A known_hosts file that trusts this server's host key under `[127.0.0.1]:port`.
    let knownHosts: String
    let user: String

    var port: Int { server.port }

    init(in temp: TempFolder) throws {
        folder = temp.sub("ssh")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        hostKey = folder + "/host_ed25519"
        clientKey = folder + "/client_ed25519"
        rsaKey = folder + "/client_rsa"
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", hostKey])
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f", clientKey])
        try Shell.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "client-rsa", "-f", rsaKey])
        let authorized = try String(contentsOfFile: clientKey + ".pub", encoding: .utf8)
            + String(contentsOfFile: rsaKey + ".pub", encoding: .utf8)
        try authorized.write(toFile: folder + "/authorized_keys", atomically: true, encoding: .utf8)
        user = try Shell.run(["id", "-un"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // sshd insists on its privilege separation folder.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let port = closedPort()
        let config = """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(hostKey)
        PidFile \(folder)/sshd.pid
        AuthorizedKeysFile \(folder)/authorized_keys
        StrictModes no
        UsePAM no
        PermitRootLogin prohibit-password
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        AllowUsers \(user)
        LogLevel VERBOSE
        """
        try config.write(toFile: folder + "/sshd_config", atomically: true, encoding: .utf8)
        server = try ServerProcess(name: "sshd", port: port,
                                   arguments: [Servers.sshd ?? "sshd", "-D", "-e", "-f", folder + "/sshd_config"],
                                   logPath: folder + "/sshd.log")
        knownHosts = folder + "/known_hosts"
        let hostPublic = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).split(separator: " ")
        try "[127.0.0.1]:\(port) \(hostPublic[0]) \(hostPublic[1])\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    func url(_ repository: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(repository)" }

    /// `SHA256:…` as `ssh-keygen -lf` prints it for the host key.
    func hostFingerprint() throws -> String {
        let line = try Shell.run(["ssh-keygen", "-lf", hostKey + ".pub"])
        return String(line.split(separator: " ")[1])
    }

    func stop() { server.stop() }
}
