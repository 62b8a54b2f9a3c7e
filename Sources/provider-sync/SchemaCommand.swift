import ArgumentParser
internal import CLICommon
internal import ProviderSpec

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the spec format (draft 2020-12), for editors and other tools."
    )

    func run() throws {
        Terminal.stdout(EmbeddedSchemas.providerSpec + "\n")
    }
}
