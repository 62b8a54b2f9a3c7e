#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Logging
internal import OpenCodeConfig
public import Sync
internal import SystemIO
public import Workstation

/// `agent run` with an app target: watches the app's `<userData>/opencode` folders and, when
/// the app rewrites its `opencode.json` (early versions regenerate it before every task, without
/// reading it) or writes a per-task file, merges the last applied render back at once: the
/// spec's providers into the app's file, its ids into the file's `enabled_providers`, and the
/// sidecar's list brought up to date. The app starts OpenCode right after writing its file,
/// and OpenCode takes far longer to start than this merge: a race this is expected to win,
/// not a guarantee (`bench/app-watch.sh` measures it).
///
/// The watch runs on a thread of its own; the loop hands it each render it applies. Both
/// write under the write lock, so they never interleave.
public final class AppFileFollower: @unchecked Sendable {
    public let targets: [Target]
    private let state: StateLocation
    private let locations: Locations
    private let toolVersion: String
    private let log: Logger
    private let pollingInterval: Duration?
    /// The render last applied, and its spec hash; read and set on `guardQueue` only.
    private var last: (render: KeyedRender, specHash: String)?
    private let guardQueue = DispatchQueue(label: "provider-sync.app-files.state")
    private var changes: FolderChanges?
    private let done = DispatchSemaphore(value: 0)

    /// nil when no target in `targets` is the app's.
    public init?(targets: [Target], context: AgentContext, log: Logger) {
        let own = targets.filter(\.isApp)
        guard !own.isEmpty else { return nil }
        self.targets = own
        state = context.files.state
        locations = context.locations
        toolVersion = context.toolVersion
        self.log = log
        pollingInterval = context.locations.environment[.watchPollingMilliseconds].flatMap(Int64.init).map { .milliseconds(max(1, $0)) }
    }

    /// The app folders watched: both apps' for `app`, whichever exists now or later.
    var folders: [String] {
        let apps: [OpenCodeApp] = targets.contains(.named(.app)) ? OpenCodeApp.allCases
            : OpenCodeApp.allCases.filter { targets.contains($0.target) }
        return apps.compactMap { try? locations.appOpenCodeFolder($0) }
    }

    public var hasRender: Bool { guardQueue.sync { last != nil } }

    /// Notes what the agent just applied (or rendered again for the drift check). The first
    /// one also merges at once: the app may have written its file since the watch started.
    public func remember(_ render: KeyedRender, specHash: String) {
        let first = guardQueue.sync {
            defer { last = (render, specHash) }
            return last == nil
        }
        if first, changes != nil { remerge(after: []) }
    }

    /// Starts watching, on a thread of its own.
    public func start() {
        let changes = FolderChanges(folders: folders, pollingInterval: pollingInterval ?? .milliseconds(250),
                                    forcePolling: pollingInterval != nil)
        self.changes = changes
        log.info("app-files-watched", metadata: ["folders": .string(changes.folders.joined(separator: ",")),
                                                 "mechanism": .string(changes.mechanism.rawValue)])
        DispatchQueue(label: "provider-sync.app-files").async { [self] in
            defer { done.signal() }
            var lastRefresh = ContinuousClock.now
            while !changes.isCancelled {
                let changed = changes.wait(timeout: .seconds(1))
                if ContinuousClock.now - lastRefresh >= .seconds(1) {
                    changes.refresh()  // a folder made since (the app's first start)
                    lastRefresh = ContinuousClock.now
                }
                let relevant = changed.filter(Self.isAppWrite)
                if !relevant.isEmpty { remerge(after: relevant) }
            }
        }
    }

    /// Stops watching; waits for a merge in progress to end.
    public func stop() {
        guard let changes else { return }
        changes.cancel()
        done.wait()
        self.changes = nil
    }

    /// The app's own file or a per-task one; the sidecar is ours, and our temporary files are not the app's.
    static func isAppWrite(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == OpenCodeFileNames.json || (name.hasPrefix("opencode-") && name.hasSuffix(".json"))
    }

    /// Merges the last render into the app targets' files as they are now.
    func remerge(after changed: [String]) {
        guard let last = guardQueue.sync(execute: { self.last }) else { return }
        let written = changed.compactMap { path in ((try? FileStatus.of(path)) ?? nil).map { (path, $0.identity) } }
        let planner = Planner(state: state, locations: locations, options: MergeOptions())
        let transaction = ApplyTransaction(state: state, planner: planner, targets: targets, toolVersion: toolVersion)
        do {
            let outcome = try transaction.commit(last.render.config, keyFileValues: last.render.keyFileValues, specHash: last.specHash)
            let now = Self.realtimeNanoseconds()
            for plan in outcome.plans where plan.changesFile {
                var fields: Logger.Metadata = ["target": .string(plan.target.description), "path": .string(plan.path),
                                               "changes": .string(plan.result.changes.map(\.description).joined(separator: ", "))]
                // From the app's write (its file's modification time) to the rename just done.
                if let appWrite = written.first(where: { $0.0 == plan.path }) ?? written.first {
                    let micros = (now - appWrite.1.modifiedNanosecondsSinceEpoch) / 1000
                    fields["ms"] = .string(Self.milliseconds(micros))
                }
                log.info("app-file-remerged", metadata: fields)
            }
        } catch {
            log.warning("app-file-remerge-failed", metadata: ["detail": .string("\(error)")])
        }
    }

    private static func realtimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// "3.217" from microseconds.
    private static func milliseconds(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let value = abs(micros)
        let fraction = String(value % 1000)
        return sign + String(value / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
