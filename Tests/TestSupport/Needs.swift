import Foundation
import Testing

/// A tool a test needs (git, sshd, gnome-keyring, systemd's tools...). Where one is missing the
/// test does not run; locally it is skipped and says what it needs. Under `CI=true` a missing
/// tool is a failure instead: CI installs every one (`make test-deps`), and a run that skipped
/// a suite must not look as green as one that ran it.
public struct Needs: TestTrait, SuiteTrait, TestScoping {
    public var available: Bool
    public var what: String
    public var isRecursive: Bool { true }

    /// CI sets `CI=true` (`.ci/run` does, as most CI services do).
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Once per test function, before its cases; never for a suite as a whole.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        !test.isSuite && testCase == nil ? self : nil
    }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        if available { return try await function() }
        if Self.underCI {
            Issue.record("needs \(what), which is missing; under CI=true that is a failure (make test-deps installs it)")
            return
        }
        try Test.cancel("skipped: needs \(what) (make test-deps installs it)")
    }
}

extension Trait where Self == Needs {
    /// Runs the test only when `available`; see `Needs`.
    public static func needs(_ available: Bool, _ what: String) -> Self { Needs(available: available, what: what) }
}
