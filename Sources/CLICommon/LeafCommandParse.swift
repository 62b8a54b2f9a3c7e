import ArgumentParser

/// A command line that starts with a leaf subcommand of the root (`provider-sync validate ...`)
/// is parsed by that subcommand alone. ArgumentParser's parse from the root builds the tree of
/// every command and reflects the root on the way; at its first use in a process that is a
/// good part of a short command's start-up (README, "Start-up": 1.45 M of the 16.1 M
/// instructions `validate` of one spec took). The leaf's own parse gives the same command.
///
/// Only a plain success counts: an error, `--help`, `--version`, a completion-script or
/// dump-help request gives nil, and the caller parses from the root, so that every message,
/// usage line and help text is the root's, word for word (the help golden files and the exit
/// code tests hold that).
public enum LeafCommandParse {
    public static func command<Root: ParsableCommand>(of root: Root.Type, arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first,
              let leaf = root.configuration.subcommands.first(where: { $0._commandName == name }),
              leaf.configuration.subcommands.isEmpty
        else { return nil }
        // `--help` parses to ArgumentParser's own HelpCommand, which would describe the leaf as
        // a program of its own: only the leaf itself is a success.
        guard let command = try? leaf.parseAsRoot(Array(arguments.dropFirst())), type(of: command) == leaf else { return nil }
        return command
    }
}
