import Foundation
import Testing

/// provider-sync, provider-sync-probe and the hooks' provider-sync-validate use
/// FoundationEssentials only: Foundation proper pulls in CoreFoundation and ICU with its 30 MB
/// of data (85 MB binaries instead of 38 MB) and 1,800 more protocol conformances that every
/// dynamic cast scans at start-up (README, "Measurements"). A single
/// `trimmingCharacters(in:)` or `String(format:)` brings it all back, and so does an
/// `import Foundation` that makes `contains` or `range(of:)` resolve to Foundation's overloads.
@Suite("What the programs link")
struct LinkedFoundationTests {
    /// The test build links Foundation as shared libraries, so every symbol the program takes
    /// from them is an undefined dynamic symbol (the static `make release` binary has none:
    /// there this test checks nothing, and the size in bench/run.sh shows it).
    @Test("no symbol from Foundation proper or FoundationInternationalization",
          arguments: ["provider-sync", "provider-sync-probe", "provider-sync-validate"])
    func foundationEssentialsOnly(program: String) throws {
        let binary = (CLI.binary as NSString).deletingLastPathComponent + "/" + program
        let r = try runProcess("/usr/bin/nm", ["-D", "--undefined-only", binary], environment: ["PATH": "/usr/bin:/bin"],
                               folder: "/")
        #expect(r.status == 0, "\(r.stderr)")
        let symbols = r.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").last }
        #expect(!symbols.isEmpty, "nm listed no undefined symbol at all")
        let foundation = symbols.filter { $0.contains("10Foundation") || $0.contains("30FoundationInternationalization") }
        #expect(foundation.isEmpty, "from Foundation: \(foundation.joined(separator: ", "))")
    }
}
