internal import Workstation
/// The systemd user unit, hardened as far as a user manager allows without user namespaces.
enum SystemdUnitText {
    /// - Parameters:
    ///   - environment: the XDG folders set here are passed on (the user manager does not read
    ///     the shell's profile); empty for a unit every user runs.
    ///   - writablePaths: nil, or the opt-in read-only system with these paths writable.
    static func make(arguments: [String], environment: Environment, writablePaths: [UnitPath]?, scope: ServiceScope) -> String {
        let passed = Variable.locationVariables.compactMap { variable in
            environment[variable].flatMap { $0.hasPrefix("/") ? "Environment=\(systemdQuoted("\(variable)=\($0)"))\n" : nil }
        }.joined()
        return """
            # \(ServiceUnit.marker); `\(ServiceUnit.uninstallCommand(scope))` removes it.
            [Unit]
            Description=provider-sync agent: applies the team's LLM provider spec to OpenCode
            Documentation=https://provider-sync.dev man:provider-sync.agent.run(1)

            [Service]
            Type=simple
            ExecStart=\(arguments.map(systemdQuoted).joined(separator: " "))
            ExecReload=/bin/kill -HUP $MAINPID
            \(passed)# SIGTERM stops it after the write in progress; a network step ends within its deadline.
            KillSignal=SIGTERM
            TimeoutStopSec=150
            Restart=on-failure
            RestartSec=30
            \(hardening)\(writablePaths.map(protectSystem) ?? "")
            [Install]
            WantedBy=default.target

            """
    }

    /// What a user manager enforces with seccomp and prctl alone: none of it stops the agent
    /// writing the user's config and state, running ssh-keygen, gpg or provider-sync-probe, or
    /// reaching the keyring (AF_UNIX) and the git host. Without AF_NETLINK, glibc's
    /// getaddrinfo cannot list interfaces for AI_ADDRCONFIG and assumes IPv4 and IPv6 both work.
    /// @privileged and @resources denied with EPERM: what the agent calls of them (libdispatch
    /// raising a thread's priority) fails for any user that is not root anyway.
    static let hardening = """
        # Hardening a user manager applies without user namespaces (systemd-analyze security --user).
        NoNewPrivileges=yes
        LockPersonality=yes
        MemoryDenyWriteExecute=yes
        RestrictRealtime=yes
        RestrictSUIDSGID=yes
        RestrictNamespaces=yes
        RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
        SystemCallArchitectures=native
        SystemCallFilter=@system-service
        SystemCallFilter=~@privileged @resources
        SystemCallErrorNumber=EPERM
        UMask=0077
        KeyringMode=private

        """

    /// The opt-in (`agent install --protect-system`): a read-only file system but for the
    /// agent's state and its targets' folders. These need a mount namespace, which a user
    /// manager gets only through an unprivileged user namespace (PrivateUsers= is implied);
    /// Ubuntu 24.04 restricts those by default, and the unit then fails to start.
    static func protectSystem(_ paths: [UnitPath]) -> String {
        """
        # Opt-in: needs unprivileged user namespaces (agent install --protect-system).
        PrivateTmp=yes
        PrivateDevices=yes
        ProtectSystem=strict
        ProtectKernelTunables=yes
        ProtectKernelModules=yes
        ProtectKernelLogs=yes
        ProtectControlGroups=yes
        ProtectHostname=yes
        ReadWritePaths=\(paths.map(optionalPath).joined(separator: " "))

        """
    }

    /// `-PATH`: a folder missing at start is left out instead of failing the unit; the
    /// specifier, if any, outside the escaping so that systemd fills it in.
    static func optionalPath(_ path: UnitPath) -> String {
        let quoted = systemdQuoted("-" + path.path)
        guard let specifier = path.specifier else { return quoted }
        return quoted.hasPrefix("\"") ? "\"-" + specifier + quoted.dropFirst(2) : "-" + specifier + quoted.dropFirst(1)
    }

    /// systemd's quoting: double quotes, with `\`, `"` escaped, `$` doubled, `%` doubled, and
    /// control characters as C escapes (`\x0a`: a raw line break would end the line and start a
    /// directive of its own). By scalars: a quote followed by a combining mark is one Character.
    static func systemdQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7f && !"\"'\\$%;".unicodeScalars.contains(s)
        }
        if plain { return word }
        var out = "\""
        for s in word.unicodeScalars {
            switch s {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "$$"
            case "%": out += "%%"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    let hex = String(s.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
