#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The desktop app as far as its files go: what it writes into `<userData>/opencode` before a
/// task, in the shape of accomplish-ai/accomplish's `config-generator.ts` (`$schema`,
/// `default_agent`, `enabled_providers` from its base list, `permission`, its own `custom`
/// provider, `plugin`, `agent`, `mcp`), pretty-printed by `JSON.stringify(config, null, 2)`
/// with no line break at the end, and written the way `fs.writeFileSync` does it: the file
/// truncated, then written, in place.
enum TheApp {
    static let baseList = ["anthropic", "openai", "openrouter", "google", "xai", "deepseek", "moonshot", "zai-coding-plan",
                           "amazon-bedrock", "minimax", "venice"]

    /// The generated config; `marker` goes into the agent's prompt (to tell writes apart),
    /// `extraEnabled` after the base list (a provider connected in the app).
    static func config(marker: String = "task", extraEnabled: [String] = []) -> String {
        let enabled = (baseList + extraEnabled + ["custom"]).map { "    \"\($0)\"" }.joined(separator: ",\n")
        return """
            {
              "$schema": "https://opencode.ai/config.json",
              "default_agent": "accomplish",
              "enabled_providers": [
            \(enabled)
              ],
              "permission": {
                "*": "allow",
                "todowrite": "allow"
              },
              "provider": {
                "custom": {
                  "npm": "@ai-sdk/openai-compatible",
                  "name": "Custom Endpoint",
                  "options": {
                    "baseURL": "http://localhost:1234/v1"
                  },
                  "models": {
                    "local-model": {
                      "name": "local-model"
                    }
                  }
                }
              },
              "plugin": [
                "@tarquinen/opencode-dcp@^1.2.7"
              ],
              "agent": {
                "accomplish": {
                  "description": "Browser automation assistant using dev-browser",
                  "prompt": "You are Accomplish (\(marker)).",
                  "mode": "primary"
                }
              },
              "mcp": {}
            }
            """
    }

    /// `fs.writeFileSync(path, text)`: open with O_TRUNC, write, close; the folder made first.
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SandboxError("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw SandboxError("write \(path): \(String(cString: strerror(errno)))") }
            done += n
        }
    }
}

/// The ids in the `enabled_providers` of the JSON(C) file at `path`.
func enabledProviders(_ path: String) throws -> [String] {
    let text = try fileText(path) ?? { throw SandboxError("no file at \(path)") }()
    return try parsed(text)["enabled_providers"]?.arrayValue?.compactMap(\.stringValue) ?? []
}
