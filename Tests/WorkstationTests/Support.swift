import Foundation

/// This process's working folder, from Foundation: the oracle `Locations.current()` is checked against.
enum RunningFolder {
    static var path: String { FileManager.default.currentDirectoryPath }
}
