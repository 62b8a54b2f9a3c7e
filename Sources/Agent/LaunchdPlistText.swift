/// The launchd agent's property list.
enum LaunchdPlistText {
    /// - Parameter logFile: stderr's file; nil for a LaunchAgent every user loads, where a fixed
    ///   path cannot name each user's home: a shell then appends to `$HOME/Library/Logs/...`.
    static func make(arguments: [String], logFile: String?, scope: ServiceScope) -> String {
        let program = logFile == nil
            ? ["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>>\"$HOME/Library/Logs/provider-sync-agent.log\""] + arguments
            : arguments
        let log = logFile.map { "\n  <key>StandardErrorPath</key>\n  <string>\(xmlEscaped($0))</string>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- \(ServiceUnit.marker); `\(ServiceUnit.uninstallCommand(scope))` removes it. -->
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
              <key>Label</key>
              <string>\(ServiceUnit.launchdLabel)</string>
              <key>ProgramArguments</key>
              <array>
            \(program.map { "    <string>\(xmlEscaped($0))</string>" }.joined(separator: "\n"))
              </array>
              <key>RunAtLoad</key>
              <true/>
              <key>KeepAlive</key>
              <dict>
                <key>SuccessfulExit</key>
                <false/>
              </dict>
              <key>ProcessType</key>
              <string>Background</string>\(log)
            </dict>
            </plist>

            """
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
    }
}
