// schema-check: validates JSON or JSONC documents against a JSON Schema with this project's
// validator. Used by .ci/run to check rendered opencode.json files against OpenCode's schema.
//   schema-check --schema S.json [--stub URI=FILE]... INSTANCE...
import Foundation
internal import JSONCore
internal import JSONSchema

func fail(_ message: String, _ code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("schema-check: \(message)\n".utf8))
    exit(code)
}

func readJSON(_ path: String) -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read") }
    do {
        return try JSONParser.parse(bytes: [UInt8](data), options: .jsonc).0
    } catch {
        fail("\(path):\(error)")
    }
}

var schemaPath: String?
var registry = SchemaRegistry()
var instances: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--schema":
        schemaPath = arguments.popFirst()
    case "--stub":
        guard let pair = arguments.popFirst(), let eq = pair.firstIndex(of: "=") else { fail("--stub needs URI=FILE") }
        registry.add(readJSON(String(pair[pair.index(after: eq)...])), uri: String(pair[..<eq]))
    case "-h", "--help":
        print("usage: schema-check --schema SCHEMA [--stub URI=FILE]... INSTANCE...")
        exit(0)
    default:
        instances.append(argument)
    }
}
guard let schemaPath, !instances.isEmpty else { fail("usage: schema-check --schema SCHEMA [--stub URI=FILE]... INSTANCE...") }
let validator: SchemaValidator
do {
    validator = try SchemaValidator(schema: readJSON(schemaPath), registry: registry)
} catch {
    fail("\(schemaPath): \(error)")
}
var invalid = 0
for path in instances {
    let errors = validator.validate(readJSON(path))
    if errors.isEmpty {
        print("\(path): valid")
    } else {
        invalid += 1
        for e in errors { print("\(path): \(e.instanceLocation.description.isEmpty ? "/" : e.instanceLocation.description): \(e.message) [\(e.keywordLocation)]") }
    }
}
print("\(instances.count - invalid) valid, \(invalid) invalid")
exit(invalid == 0 ? 0 : 1)
