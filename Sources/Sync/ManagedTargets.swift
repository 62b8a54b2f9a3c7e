internal import SystemIO
internal import Workstation

/// The target files this tool has written on this workstation: one state file each in
/// `<state>/targets`, which records the target's path.
struct ManagedTargets {
    var state: StateLocation

    /// The recorded target paths, in the order of their state files' names.
    func paths() throws -> [String] {
        try FileSystem.listFolder(state.targetsDirectory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .compactMap { name -> String? in
                guard let bytes = try FileReader.read(PathText.join(state.targetsDirectory, name)) else { return nil }
                return try TargetState.decode(bytes, file: name).targetPath
            }
    }
}
