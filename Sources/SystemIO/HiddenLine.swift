#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a line could not be read with echo off.
public struct HiddenLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable { case readSettings, echoOff }

    public var step: Step
    public var reason: String

    public var description: String {
        switch step {
        case .readSettings: "cannot read the terminal settings (\(reason))"
        case .echoOff: "cannot turn off echo on the terminal (\(reason))"
        }
    }
}

/// The terminal state to put back if a signal ends the read (read by the signal handler).
nonisolated(unsafe) private var terminalBeforeRead = termios()

/// Reads one line from the terminal on standard input with echo off, and always puts the
/// terminal back, also when a signal ends the process meanwhile.
public enum HiddenLine {
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// `prompt` is called once echo is about to go off (the caller prints through its own path).
    /// The line's bytes without its line break (and a carriage return before it).
    public static func read(prompt: () -> Void) throws(HiddenLineError) -> [UInt8] {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            throw HiddenLineError(step: .readSettings, reason: String(cString: strerror(errno)))
        }
        terminalBeforeRead = original
        var hidden = original
        hidden.c_lflag &= ~tcflag_t(ECHO)
        hidden.c_lflag |= tcflag_t(ECHONL)  // the Enter still shows as a new line
        for signal in signals {
            _ = installHandler(signal) { received in
                tcsetattr(STDIN_FILENO, TCSANOW, &terminalBeforeRead)
                _ = installHandler(received, SIG_DFL)
                raise(received)
            }
        }
        prompt()
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden) == 0 else {
            throw HiddenLineError(step: .echoOff, reason: String(cString: strerror(errno)))
        }
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            for signal in signals { _ = installHandler(signal, SIG_DFL) }
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = systemRead(STDIN_FILENO, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }
}

#if canImport(Glibc)
private let installHandler = Glibc.signal
#elseif canImport(Darwin)
private let installHandler = Darwin.signal
#endif
