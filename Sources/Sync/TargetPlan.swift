import Foundation
import OpenCodeConfig

/// What applying the spec would do to one target file, worked out before anything is written.
public struct TargetPlan: Sendable {
    public var target: Target
    public var path: String
    /// The file's text now; nil when there is no file.
    public var currentText: String?
    public var state: TargetState
    public var result: MergeResult

    /// True when the file would change; the state may still need saving (first run on a
    /// file that already matched).
    public var changesFile: Bool { result.changed }
}

/// A target that could not be planned; the whole apply stops and writes nothing.
public struct TargetPlanError: Error, Sendable, CustomStringConvertible {
    /// Kept typed, so that a caller can tell a file a person must fix from a failed read.
    public enum Problem: Sendable {
        /// The target's path cannot be worked out (a variable unset).
        case location(ConfigPathError)
        /// The file or its state file could not be read.
        case unreadable(any Error)
        /// The target's state file is damaged, from a newer version, or another target's.
        case state(TargetStateError)
        case notUTF8
        /// The file cannot be merged into (not JSON, hand-made providers with the spec's ids...).
        case merge(MergeError)
    }

    public var target: String
    public var path: String
    public var problem: Problem

    public var reason: String {
        switch problem {
        case .location(let error): error.description
        case .unreadable(let error): "\(error)"
        case .state(let error): error.description
        case .notUTF8: "the file is not UTF-8 text; nothing was written"
        case .merge(let error): error.description
        }
    }

    /// Trying again cannot help until a person changes the file, its state or the environment.
    public var needsPerson: Bool {
        if case .unreadable = problem { return false }
        return true
    }

    public var description: String { "\(target) (\(path)): \(reason)" }
}

/// Merges a rendered config into every target's file, in memory.
public struct Planner: Sendable {
    public var state: StateLocation
    public var platform: Platform
    public var environment: [String: String]
    public var options: MergeOptions

    public init(state: StateLocation, platform: Platform, environment: [String: String], options: MergeOptions) {
        self.state = state
        self.platform = platform
        self.environment = environment
        self.options = options
    }

    public func resolvePath(_ target: Target) throws -> String {
        do {
            return try path(for: target, platform: platform, environment: environment,
                            currentDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            throw TargetPlanError(target: target.description, path: "?", problem: .location(error))
        }
    }

    public func plan(_ desired: RenderedConfig, targets: [Target]) throws -> [TargetPlan] {
        var plans: [TargetPlan] = []
        for target in targets {
            let file = try resolvePath(target)
            guard !plans.contains(where: { $0.path == file }) else { continue }  // two names for one file
            plans.append(try plan(desired, target: target, path: file))
        }
        return plans
    }

    private func plan(_ desired: RenderedConfig, target: Target, path file: String) throws -> TargetPlan {
        func failure(_ problem: TargetPlanError.Problem) -> TargetPlanError {
            TargetPlanError(target: target.description, path: file, problem: problem)
        }
        let bytes: [UInt8]?
        let targetState: TargetState
        do {
            bytes = try AtomicFileWriter.read(file)
            targetState = try TargetState.load(for: file, in: state)
        } catch let error as TargetStateError {
            throw failure(.state(error))
        } catch {
            throw failure(.unreadable(error))
        }
        var text: String?
        if let bytes {
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw failure(.notUTF8) }
            text = decoded
        }
        do {
            let result = try merge(existingText: text, desired: desired, ownership: targetState.ownership, options: options)
            return TargetPlan(target: target, path: file, currentText: text, state: targetState, result: result)
        } catch {
            throw failure(.merge(error))
        }
    }
}
