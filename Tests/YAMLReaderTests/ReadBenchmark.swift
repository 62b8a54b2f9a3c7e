import Testing
import YAMLReader

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Times YAMLDocumentReader.read on a file, to compare with bench/libyaml-floor.c. Off unless
/// YAML_BENCH_FILE names a file; run it in release:
///   python3 bench/gen-spec.py 5000 5 > /tmp/spec.yaml
///   YAML_BENCH_FILE=/tmp/spec.yaml swift test -c release --filter ReadBenchmark
@Suite("ReadBenchmark", .enabled(if: getenv("YAML_BENCH_FILE") != nil))
struct ReadBenchmark {
    @Test("read time, best of 10")
    func readTime() throws {
        let path = String(cString: getenv("YAML_BENCH_FILE"))
        let bytes = try #require(contents(of: path))
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        var nodes = 0
        for _ in 0..<10 {
            let start = clock.now
            let doc = try YAMLDocumentReader.read(bytes, limits: YAMLLimits(maxBytes: 1 << 30))
            best = min(best, clock.now - start)
            nodes = doc.sourceMap.count
        }
        print("YAMLDocumentReader.read: \(bytes.count) bytes, \(nodes) nodes, best of 10: \(best)")
    }

    private func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }
}
