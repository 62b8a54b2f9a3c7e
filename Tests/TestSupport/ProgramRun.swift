#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a program a test ran to its end printed, and how it ended.
public struct ProgramOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var seconds: Double
    /// Still running at the limit: killed (SIGKILL), and `status` says so.
    public var killed: Bool
    /// It ended, but something it left behind held its output open past the 5 s grace: what
    /// was read by then is above.
    public var outputHeldOpen: Bool

    public var output: String { stdout + stderr }
}

/// The one way tests run a program to its end: exactly `environment`, in `folder`, `stdin`
/// written to a pipe and closed (or /dev/null), both outputs read at once so a full pipe never
/// blocks the child, killed at `limit` seconds. Long-lived children (servers, agents) start
/// with `ProcessSpawn` instead.
public enum ProgramRun {
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                           folder: String? = nil, stdin: String? = nil, limit: Double = 300) throws -> ProgramOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        let started = Date()
        try process.run()
        let outData = Collected(), errData = Collected()
        let outFD = out.fileHandleForReading.fileDescriptor, errFD = err.fileHandleForReading.fileDescriptor
        Thread { outData.set(PipeReading.readToEnd(outFD)) }.start()
        Thread { errData.set(PipeReading.readToEnd(errFD)) }.start()
        if let stdin, let input {
            try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        let finished = Collected(), killed = Collected()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
            guard !finished.isSet else { return }
            killed.set(Data())
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
        finished.set(Data())
        let seconds = Date().timeIntervalSince(started)
        let grace = Date().addingTimeInterval(5)
        while !(outData.isSet && errData.isSet) && Date() < grace { usleep(1000) }
        return ProgramOutput(status: process.terminationStatus, stdout: String(decoding: outData.value, as: UTF8.self),
                             stderr: String(decoding: errData.value, as: UTF8.self), seconds: seconds,
                             killed: killed.isSet, outputHeldOpen: !(outData.isSet && errData.isSet))
    }
}

/// Reading a pipe. FileHandle's readDataToEndOfFile and availableData trap on EINTR (a signal
/// for another child of this process can interrupt the read); here it is retried.
public enum PipeReading {
    /// What one read returns (empty at the end of file).
    public static func readSome(_ fd: Int32) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n >= 0 { return Data(buffer[0..<n]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything until the end of file.
    public static func readToEnd(_ fd: Int32) -> Data {
        var data = Data()
        while true {
            let chunk = readSome(fd)
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }
}

/// Bytes one thread reads and another waits for.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?

    func set(_ data: Data) { lock.lock(); stored = data; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stored != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return stored ?? Data() }
}
