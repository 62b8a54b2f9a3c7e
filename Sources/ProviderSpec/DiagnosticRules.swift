/// What each diagnostic code checks, in one sentence: the rule descriptions of machine-read
/// reports (SARIF's `rules`). A code not listed gets a description from its family.
public enum DiagnosticRules {
    /// The code of a path that could not be read or listed (missing, a folder without specs,
    /// no permission): reported in the chosen format, and the other paths are still checked.
    public static let unreadableCode = "io.unreadable"

    public static func shortDescription(_ code: String) -> String {
        if let known = known[code] { return known }
        if code.hasPrefix("schema.") {
            return "The spec does not match the spec schema (JSON Schema keyword '\(code.dropFirst("schema.".count))')."
        }
        if code.hasPrefix("yaml.") { return "The file is not a YAML document the spec can be read from." }
        return "A provider-sync check (\(code))."
    }

    private static let known: [String: String] = [
        unreadableCode: "A path given could not be read.",
        "schema.additionalProperties": "A property the spec format does not define (often a misspelled name).",
        "schema.required": "A required property is missing.",
        "schema.type": "A value has the wrong type.",
        "schema.enum": "A value is not one of those allowed.",
        "schema.const": "A value is not the one allowed.",
        "schema.pattern": "A value does not have the form required.",
        "schema.propertyNames": "A name (a provider id, a header) does not have the form required.",
        "schema.minItems": "A list has fewer entries than required.",
        "schema.minProperties": "A mapping has fewer entries than required.",
        "schema.minLength": "A string is shorter than allowed.",
        "schema.maxLength": "A string is longer than allowed.",
        "schema.minimum": "A number is below the allowed range.",
        "schema.maximum": "A number is above the allowed range.",
        "schema.format": "A string is not in the format required.",
        "spec.unknown-model": "model or smallModel names no declared provider and model.",
        "spec.duplicate-model": "A provider lists the same model id twice.",
        "spec.endpoint-url": "A server URL ends in an endpoint path instead of the base URL.",
        "spec.insecure-url": "Plain http:// to a host that is not this machine.",
        "spec.literal-secret": "A secret value is written in the spec instead of a reference to it.",
        "spec.duplicate-provider": "Two files of a spec folder declare the same provider id.",
        "spec.duplicate-setting": "Two files of a spec folder set model, smallModel or secrets.",
        "spec.file": "A file of a spec folder was not read: too large, or a link that leads out of the folder.",
        "yaml.syntax": "The file is not valid YAML.",
        "yaml.invalidUTF8": "The file is not UTF-8 text.",
        "yaml.duplicateKey": "A mapping repeats a key.",
        "yaml.nonStringKey": "A key is not a string.",
        "yaml.unknownTag": "A YAML tag outside the YAML 1.2 core schema.",
        "yaml.tagMismatch": "A YAML tag on a value it does not fit.",
        "yaml.unsupportedValue": "A value JSON cannot hold (infinity, NaN, a too large integer).",
        "yaml.undefinedAlias": "An alias names no anchor defined before it.",
        "yaml.aliasBudget": "Aliases expand beyond the allowed size.",
        "yaml.tooDeep": "Nesting deeper than allowed.",
        "yaml.tooLarge": "The file is larger than allowed.",
        "yaml.multipleDocuments": "The file holds more than one YAML document.",
        "yaml.empty": "The file has no content.",
    ]
}
