public import Secrets
internal import Workstation

/// The parts of the reconciler that reach outside the process, each behind a protocol so the
/// reconciler's rules can be tested in-process with fakes and a fake clock.
public struct ReconcilerParts: Sendable {
    /// The team repository.
    public var sources: any RevisionSourceOpener
    /// The keychain for one cycle (repository token, the spec's keys): asked for once a cycle,
    /// so a keyring daemon that restarted is reached afresh.
    public var keychain: @Sendable () -> any SecretStore
    public var status: any StatusStore
    public var health: any HealthChecker
    public var clock: any AgentClock
    /// Where `notify.webhook`'s events go.
    public var notifier: any EventNotifier

    public init(sources: any RevisionSourceOpener, keychain: @escaping @Sendable () -> any SecretStore,
                status: any StatusStore, health: any HealthChecker, clock: any AgentClock, notifier: any EventNotifier) {
        self.sources = sources
        self.keychain = keychain
        self.status = status
        self.health = health
        self.clock = clock
        self.notifier = notifier
    }

    /// The real ones: the mirror in the state folder, the OS keychain, agent-status.json, the
    /// probe program, the system clock, webhook deliveries through the probe program.
    public static func system(_ context: AgentContext) -> ReconcilerParts {
        let environment = context.environment
        return ReconcilerParts(sources: GitMirrorOpener(path: context.files.mirror),
                               keychain: { KeychainSession(environment: environment) },
                               status: AgentStatusStore(files: context.files), health: ProviderHealth(locations: context.locations),
                               clock: SystemClock(), notifier: WebhookNotifier(locations: context.locations))
    }
}
