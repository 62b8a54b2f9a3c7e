import ArgumentParser

/// `--format` of the commands that print reports.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
