import Logging
internal import SystemIO
internal import Workstation

/// Whether stderr goes to the systemd journal, and the priority prefix journald reads there.
/// systemd sets JOURNAL_STREAM to "<device>:<inode>" of the stream it connects (systemd.exec(5));
/// a child whose stderr was redirected inherits the variable, so it is compared with stderr itself.
/// A line that starts with `<3>` is stored at priority 3 (sd-daemon(3)): `journalctl -p err` finds it.
public enum JournalStream {
    /// Decided once: stderr and the variable do not change while the agent runs.
    public static let isStandardError: Bool = matches(Environment.process()[.journalStream], stream: .error)

    static func matches(_ variable: String?, stream: StandardStream) -> Bool {
        guard let variable else { return false }
        let parts = variable.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]),
              let identity = stream.identity else { return false }
        return identity.device == device && identity.inode == inode
    }

    /// syslog's priorities: `<3>` error, `<4>` warning, `<6>` info, `<7>` debug.
    public static func prefix(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "<7>"
        case .info: "<6>"
        case .notice: "<5>"
        case .warning: "<4>"
        case .error: "<3>"
        case .critical: "<2>"
        }
    }
}
