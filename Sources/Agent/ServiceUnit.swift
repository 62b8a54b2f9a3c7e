import JSONCore
import Workstation

public enum ServiceUnitError: Error, Sendable, CustomStringConvertible {
    case unsupported(Platform)
    /// Where the file goes cannot be worked out (a variable unset).
    case location(LocationError)

    public var description: String {
        switch self {
        case .unsupported(let platform):
            "agent install knows systemd (linux) and launchd (macos), not \(platform.rawValue); run `provider-sync agent run` from the system's own scheduler"
        case .location(let error):
            error.description
        }
    }
}

/// The user service that keeps `agent run` going: a systemd user unit on Linux, a launchd
/// agent on macOS. The file starts this very binary by its absolute path.
public struct ServiceUnit: Sendable, Equatable {
    public static let systemdName = ServiceLocation.systemdUnitName
    public static let launchdLabel = ServiceLocation.launchdLabel
    /// Marks files this tool wrote, so `uninstall` never removes someone else's.
    public static let marker = "Written by provider-sync agent install"

    public var platform: Platform
    /// Where the file goes.
    public var path: String
    public var text: String
    /// What the user runs to start it (we never call systemctl or launchctl ourselves).
    public var enableCommand: String
    /// What the user runs to stop it before or after `uninstall`.
    public var disableCommand: String

    /// - Parameters:
    ///   - binary: the absolute path of provider-sync.
    ///   - configFile: passed as --config when it is not the default location.
    public static func make(locations: Locations, binary: String, configFile: String?) throws(ServiceUnitError) -> ServiceUnit {
        let platform = locations.platform
        guard platform != .windows else { throw .unsupported(platform) }
        let location: ServiceLocation
        do {
            location = try locations.serviceLocation()
        } catch {
            throw .location(error)
        }
        let arguments = [binary, "agent", "run"] + (configFile.map { ["--config", $0] } ?? [])
        switch platform {
        case .linux:
            // The user manager does not read the shell's profile: pass on the XDG folders that
            // decide where the agent's config, state and targets are, when they are set.
            let passed = Variable.locationVariables.compactMap { variable in
                locations.environment[variable].flatMap {
                    $0.hasPrefix("/") ? "Environment=\(systemdQuoted("\(variable.rawValue)=\($0)"))\n" : nil
                }
            }.joined()
            let text = """
                # \(marker); `provider-sync agent uninstall` removes it.
                [Unit]
                Description=provider-sync agent: applies the team's LLM provider spec to OpenCode
                Documentation=https://provider-sync.dev

                [Service]
                Type=simple
                ExecStart=\(arguments.map(systemdQuoted).joined(separator: " "))
                ExecReload=/bin/kill -HUP $MAINPID
                \(passed)# SIGTERM stops it after the write in progress; a network step ends within its deadline.
                KillSignal=SIGTERM
                TimeoutStopSec=150
                Restart=on-failure
                RestartSec=30

                [Install]
                WantedBy=default.target

                """
            return ServiceUnit(platform: .linux, path: location.file, text: text,
                               enableCommand: "systemctl --user daemon-reload && systemctl --user enable --now \(systemdName)",
                               disableCommand: "systemctl --user disable --now \(systemdName)")
        case .macos:
            let path = location.file
            let text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- \(marker); `provider-sync agent uninstall` removes it. -->
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>\(launchdLabel)</string>
                  <key>ProgramArguments</key>
                  <array>
                \(arguments.map { "    <string>\(xmlEscaped($0))</string>" }.joined(separator: "\n"))
                  </array>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>KeepAlive</key>
                  <dict>
                    <key>SuccessfulExit</key>
                    <false/>
                  </dict>
                  <key>ProcessType</key>
                  <string>Background</string>
                  <key>StandardErrorPath</key>
                  <string>\(xmlEscaped(location.logFile ?? ""))</string>
                </dict>
                </plist>

                """
            return ServiceUnit(platform: .macos, path: path, text: text,
                               enableCommand: "launchctl bootstrap gui/$(id -u) \(shellQuoted(path))",
                               disableCommand: "launchctl bootout gui/$(id -u)/\(launchdLabel)")
        case .windows:
            throw .unsupported(.windows)
        }
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

    static func xmlEscaped(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
    }

    static func shellQuoted(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:@".unicodeScalars.contains($0) } ? text
            : "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}
