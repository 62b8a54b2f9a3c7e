import FoundationEssentials
internal import JSONCore
import NIOHTTP1
public import ProbeWire

/// Runs the checks of `provider-sync probe`.
public struct Prober: Sendable {
    public var settings: ProbeSettings

    public init(settings: ProbeSettings) { self.settings = settings }

    /// Probes every target, `settings.concurrency` at a time; results in the order given.
    public func probe(_ targets: [ProbeTarget]) async throws -> ProbeReport {
        let transport = try makeTransport()
        let results = await withTaskGroup(of: (Int, ProviderResult).self) { group in
            var results = [ProviderResult?](repeating: nil, count: targets.count)
            var next = 0
            func add() {
                let index = next, target = targets[index]
                next += 1
                group.addTask { (index, await self.probe(target, transport: transport)) }
            }
            while next < min(settings.concurrency, targets.count) { add() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < targets.count { add() }
            }
            return results.compactMap { $0 }
        }
        await transport.shutdown()
        return ProbeReport(providers: results)
    }

    /// `GET /models` only: the served ids, or the failure that kept them from being listed.
    public func listModels(_ target: ProbeTarget) async throws -> ProviderResult {
        let transport = try makeTransport()
        var session = Session(target: target, transport: transport, settings: settings)
        let checks = await session.reachAndList()
        await transport.shutdown()
        return ProviderResult(id: target.id, baseURL: target.baseURL, checks: checks, served: session.served, models: [])
    }

    func makeTransport() throws -> HTTPTransport {
        try HTTPTransport(timeoutSeconds: settings.timeout, connectTimeoutSeconds: settings.connectTimeout, caFile: settings.caFile)
    }

    func probe(_ target: ProbeTarget, transport: HTTPTransport) async -> ProviderResult {
        var session = Session(target: target, transport: transport, settings: settings)
        let checks = await session.reachAndList()
        var models: [ModelResult] = []
        for model in target.models {
            models.append(ModelResult(id: model, checks: await session.modelChecks(model)))
        }
        return ProviderResult(id: target.id, baseURL: target.baseURL, checks: checks, served: session.served, models: models)
    }
}
