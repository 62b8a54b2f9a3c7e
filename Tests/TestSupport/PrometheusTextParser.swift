import Foundation

/// Prometheus' own parser of the text exposition format (`prometheus_client.parser`, pinned in
/// the `prometheus` venv by scripts/install-test-servers.sh), run on a file: the families it
/// reads as JSON, `[{name, type, help, samples: [{name, labels, value}]}]`, or its error.
public enum PrometheusTextParser {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let venvs = ProcessInfo.processInfo.environment["PROVIDER_SYNC_TEST_VENVS"] ?? packageRoot + "/.build-venvs"
    public static var python: String { venvs + "/prometheus/bin/python" }
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: python) }

    static let script = #"""
    import json, sys
    from prometheus_client.parser import text_string_to_metric_families
    families = [{"name": f.name, "type": f.type, "help": f.documentation,
                 "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]}
                for f in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read())]
    print(json.dumps(families))
    """#

    /// The JSON text of the families in `file`; throws with the parser's error when it refuses it.
    public static func families(of file: String) throws -> String {
        guard isInstalled else { throw SpawnError(description: "\(python) is missing: run `make test-deps`") }
        let run = try ProgramRun.run(python, ["-c", script, file], environment: ProcessInfo.processInfo.environment, limit: 60)
        guard run.status == 0 else {
            throw SpawnError(description: "the Prometheus parser refused \(file): \(run.stderr)")
        }
        return run.stdout
    }
}
