// Runs the JSON-Schema-Test-Suite's draft 2020-12 (or, with --draft 7, draft-07) tests against
// the JSONSchema library.
//
//   json-schema-conformance [--suite DIR] [--draft 2020-12|7] [--include-optional] [--format-assertion] [--verbose]
//
// Always runs DIR/tests/draft2020-12/*.json (the required set; tests/draft7 with --draft 7,
// where a schema without $schema is read as draft-07). --include-optional adds
// optional/*.json and optional/format/*.json; --format-assertion adds optional/format/*.json on
// its own. The format tests always run with format assertion on, since that is what they test.
// DIR/remotes is served to the validator as http://localhost:1234/. Exits 1 when a required
// test fails; optional failures are reported only.
import Foundation
internal import JSONCore
internal import JSONSchema

struct Arguments {
    var suite = "../shared/json-schema-test-suite"
    var includeOptional = false
    var formatAssertion = false
    var verbose = false
    var draft = Draft.draft202012

    enum Draft: String {
        case draft202012 = "2020-12", draft7 = "7"

        var folder: String { self == .draft7 ? "draft7" : "draft2020-12" }
        var metaschema: String? { self == .draft7 ? "http://json-schema.org/draft-07/schema#" : nil }
    }

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let argument = it.next() {
            switch argument {
            case "--suite":
                guard let dir = it.next() else { Self.usage("--suite needs a directory") }
                suite = dir
            case "--draft":
                guard let name = it.next(), let known = Draft(rawValue: name) else { Self.usage("--draft needs 2020-12 or 7") }
                draft = known
            case "--include-optional": includeOptional = true
            case "--format-assertion": formatAssertion = true
            case "--verbose", "-v": verbose = true
            case "--help", "-h": Self.usage(nil)
            default: Self.usage("unknown argument \(argument)")
            }
        }
    }

    static func usage(_ problem: String?) -> Never {
        if let problem { FileHandle.standardError.write(Data("json-schema-conformance: \(problem)\n".utf8)) }
        print("usage: json-schema-conformance [--suite DIR] [--draft 2020-12|7] [--include-optional] [--format-assertion] [--verbose]")
        exit(problem == nil ? 0 : 2)
    }
}

struct Tally {
    var passed = 0
    var failed = 0
}

func readJSON(_ path: String) -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    do {
        return try JSONParser.parse(bytes: Array(data)).0
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        exit(2)
    }
}

func jsonFiles(in directory: String, recursive: Bool) -> [String] {
    let manager = FileManager.default
    let names: [String]
    if recursive {
        names = (manager.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
    } else {
        names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    }
    return names.filter { $0.hasSuffix(".json") }.sorted()
}

func loadRemotes(_ suite: String) -> SchemaRegistry {
    var registry = SchemaRegistry()
    let remotes = suite + "/remotes"
    for relative in jsonFiles(in: remotes, recursive: true) {
        registry.add(readJSON(remotes + "/" + relative), uri: "http://localhost:1234/" + relative)
    }
    return registry
}

func run(set name: String, directory: String, formatAssertion: Bool, registry: SchemaRegistry, verbose: Bool,
    metaschema: String?) -> Tally {
    var tally = Tally()
    let files = jsonFiles(in: directory, recursive: false)
    if files.isEmpty { print("\(name): no test files in \(directory)") }
    for file in files {
        guard case .array(let groups) = readJSON(directory + "/" + file) else { continue }
        for group in groups {
            let description = group["description"]?.stringValue ?? "?"
            let tests = group["tests"]?.arrayValue ?? []
            let schema = group["schema"] ?? .bool(true)
            let validator: SchemaValidator
            do {
                validator = try SchemaValidator(schema: schema, options: ValidationOptions(formatAssertion: formatAssertion, defaultMetaschema: metaschema),
                    registry: registry)
            } catch {
                tally.failed += tests.count
                if verbose { print("FAIL \(name)/\(file): \(description): schema does not compile: \(error)") }
                continue
            }
            var failures: [String] = []
            for test in tests {
                let expected = test["valid"]?.boolValue ?? true
                let data = test["data"] ?? .null
                let errors = validator.validate(data)
                let quick = validator.isValid(data)
                if errors.isEmpty == expected && quick == expected {
                    tally.passed += 1
                } else {
                    tally.failed += 1
                    let got = errors.isEmpty ? "valid" : "invalid (\(errors.map(\.message).joined(separator: "; ")))"
                    failures.append("  \(test["description"]?.stringValue ?? "?"): expected \(expected ? "valid" : "invalid"), got \(got)"
                        + (quick != errors.isEmpty ? " [quick and detailed runs disagree]" : ""))
                }
            }
            if verbose && !failures.isEmpty {
                print("FAIL \(name)/\(file): \(description)")
                for line in failures { print(line) }
            }
        }
    }
    print("\(name): \(tally.passed) passed, \(tally.failed) failed")
    return tally
}

let arguments = Arguments(CommandLine.arguments)
let testsDirectory = arguments.suite + "/tests/" + arguments.draft.folder
guard FileManager.default.fileExists(atPath: testsDirectory) else {
    FileHandle.standardError.write(Data("json-schema-conformance: no test suite at \(testsDirectory)\n".utf8))
    exit(2)
}
let registry = loadRemotes(arguments.suite)
let required = run(set: "required", directory: testsDirectory, formatAssertion: false, registry: registry,
    verbose: arguments.verbose, metaschema: arguments.draft.metaschema)
var total = required
if arguments.includeOptional {
    let optional = run(set: "optional", directory: testsDirectory + "/optional", formatAssertion: false, registry: registry,
        verbose: arguments.verbose, metaschema: arguments.draft.metaschema)
    total.passed += optional.passed
    total.failed += optional.failed
}
if arguments.includeOptional || arguments.formatAssertion {
    let formats = run(set: "optional/format", directory: testsDirectory + "/optional/format", formatAssertion: true,
        registry: registry, verbose: arguments.verbose, metaschema: arguments.draft.metaschema)
    total.passed += formats.passed
    total.failed += formats.failed
}
print("overall: \(total.passed) passed, \(total.failed) failed")
exit(required.failed > 0 ? 1 : 0)
