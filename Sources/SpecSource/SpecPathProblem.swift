public import SystemIO

/// Why a spec path given on the command line could not be read at all, said after the path
/// (`validate` in both programs, and the commands that load a spec).
public enum SpecPathProblem {
    public static func reason(_ error: SpecPathError<FileAccessError>) -> String {
        switch error {
        case .missing: "no such file or folder"
        case .noSpecFiles: SpecPathError<FileAccessError>.noSpecFilesReason
        case .tree(let problem): problem.reason
        }
    }

    public static func reason(_ error: SpecPathError<GitCommandError>) -> String {
        switch error {
        case .missing: "is not in the git index (nothing staged there)"
        case .noSpecFiles: SpecPathError<GitCommandError>.noSpecFilesReason
        case .tree(let problem): "\(problem)"
        }
    }
}
