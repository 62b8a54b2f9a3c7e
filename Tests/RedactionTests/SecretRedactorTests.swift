import Foundation
import Redaction
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one redactor, on its own registry (not the process's shared one).
@Suite("SecretRedactor")
struct SecretRedactorTests {
    @Test("whole keys, their JSON form, and runs of 8+ bytes of a key of 16+ characters are masked")
    func partialRuns() {
        let r = SecretRedactor()
        r.register("sk-LEAKCANARY-0123456789")
        r.register("not-needed")  // short: masked whole only
        #expect(r.redact("key sk-LEAKCANARY-0123456789 end") == "key ******** end")
        #expect(r.redact("Incorrect API key provided: sk-LEAKC...6789") == "Incorrect API key provided: ********...6789")
        #expect(r.redact("tail 0123456789!") == "tail ********!")
        #expect(r.redact("seven sk-LEAK ok") == "seven sk-LEAK ok", "7 bytes are not a run")
        #expect(r.redact("placeholder not-needed, not-need") == "placeholder ********, not-need")
    }

    @Test("a key followed by a combining mark is still masked (bytes, not Characters)")
    func combiningMark() {
        let r = SecretRedactor()
        r.register("abcd-short")
        r.register("sk-LEAKCANARY-0123456789")
        #expect(r.redact("x abcd-short\u{301} y").unicodeScalars.elementsEqual("x ********\u{301} y".unicodeScalars))
        #expect(r.redact("sk-LEAKCANARY-0123456789\u{301}").unicodeScalars.elementsEqual("********\u{301}".unicodeScalars))
    }

    @Test("a URL's password and token-like query values are masked; other parameters stay")
    func urlCredentials() {
        let r = SecretRedactor()
        #expect(r.redact("see https://bob:hunter2@h.example/v1 now") == "see https://bob:********@h.example/v1 now")
        #expect(r.redact("GET /v1?api-version=2024&api_key=SECRET1&x=1") == "GET /v1?api-version=2024&api_key=********&x=1")
        #expect(r.redact("\"url\": \"https://h/v1?sig=abc%2F&sv=1\"") == "\"url\": \"https://h/v1?sig=********&sv=1\"")
        #expect(r.redact("did you mean 'models'? and a=b") == "did you mean 'models'? and a=b")
    }

    @Test("masks never split a UTF-8 sequence")
    func scalarBoundaries() {
        let r = SecretRedactor()
        r.register("ключ-секрет-очень-длинный")
        let out = r.redact("x ключ-секрет y")
        #expect(out.utf8.count == Array(out.utf8).count)
        #expect(!out.contains("секрет"), "\(out)")
        #expect(String(validating: Array(out.utf8), as: UTF8.self) != nil)
    }
}

/// The redactor's cost over long text with many keys. Off unless REDACT_BENCH is set; run it
/// in release with bench/redact.sh.
@Suite("RedactBenchmark", .enabled(if: getenv("REDACT_BENCH") != nil))
struct RedactBenchmark {
    @Test("48 keys over 4 MiB of text, best of 5")
    func throughput() {
        let r = SecretRedactor()
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let keys = (0..<48).map { _ in "sk-" + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! }) }
        for key in keys { r.register(key) }
        // JSON-like lines, with a whole key and a partial echo every 1,000 lines.
        var lines: [String] = []
        for i in 0..<60_000 {
            if i % 1000 == 0 {
                lines.append("  \"message\": \"Incorrect API key provided: \(keys[i / 1000 % keys.count].prefix(12))...\",")
            } else if i % 1000 == 500 {
                lines.append("  \"apiKey\": \"\(keys[i / 1000 % keys.count])\",")
            } else {
                lines.append("  \"line-\(i)\": \"some ordinary text of a configuration file, \(i * 7919 % 100_003)\",")
            }
        }
        let text = lines.joined(separator: "\n")
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        var masked = 0
        for _ in 0..<5 {
            let start = clock.now
            let out = r.redact(text)
            best = min(best, clock.now - start)
            masked = out.components(separatedBy: SecretRedactor.mask).count - 1
        }
        let mib = Double(text.utf8.count) / 1_048_576
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("SecretRedactor.redact: \(keys.count) keys, \(String(format: "%.1f", mib)) MiB, \(masked) masks, best of 5: \(best) (\(String(format: "%.0f", mib / seconds)) MiB/s)")
    }
}
