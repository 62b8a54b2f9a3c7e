#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import Testing

/// `apply` killed at random moments, and many `apply`s at once: the file is never torn, the
/// state never disagrees with it for long.
@Suite("apply: kill -9 and concurrent runs", .serialized)
struct ApplyCrashTests {
    /// A spec's full output: what `render` prints is what apply writes into an empty place.
    static func rendered(_ box: Sandbox, _ spec: String) throws -> String {
        let r = try box.run(["render", spec])
        guard r.status == 0 else { throw SandboxError("render \(spec) failed: \(r.stderr)") }
        return r.stdout
    }

    @Test("kill -9 at random moments (200+ kills): the file is always the old or the new version, whole")
    func killedApply() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // Two large specs whose ids overlap in part, so every apply rewrites every provider and
        // also adds and removes some: the ownership kept in the state matters after each kill.
        let specA = try box.write(bigSpecText(ids: numberedIDs("p", 200), models: 2, variant: "a"), to: "a.yaml")
        let specB = try box.write(bigSpecText(ids: numberedIDs("p", 190) + numberedIDs("q", 10), models: 2, variant: "b"),
                                  to: "b.yaml")
        let texts = [try Self.rendered(box, specA), try Self.rendered(box, specB)]
        let values = try texts.map { try parsed($0) }
        #expect(texts[0] != texts[1])
        // A plain opencode.json (what render prints is then what apply writes).
        let targetFolder = box.work + "/project"
        let target = targetFolder + "/opencode.json"

        // Warm up, and time a real apply (one that rewrites the file) to aim the kills.
        var durations: [Duration] = []
        for spec in [specA, specB, specA] {
            let start = ContinuousClock.now
            let r = try box.run(["apply", spec, "--target", target])
            durations.append(ContinuousClock.now - start)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(fileText(target) == texts[0])
        let typical = durations.dropFirst().max()!

        var current = 0  // which of `texts` the file holds
        var applied: [Int: Int] = [:]  // run -> the spec it applied
        var landed = (old: 0, new: 0)
        let stderrFile = box.root + "/stderr"
        func command(_ run: Int) -> [String] {
            let spec = current == 0 ? 1 : 0  // always the other one: every run changes the file
            applied[run] = spec
            return [CLI.binary, "apply", spec == 0 ? specA : specB, "--target", target]
        }
        func check(_ run: Int, _ termination: ChildProcess.Termination) throws {
            let spec = applied[run]!
            let bytes = try #require(fileBytes(target), "the file is gone")
            let text = try #require(String(validating: bytes, as: UTF8.self), "not UTF-8")
            let value = try JSONParser.value(text, options: .jsonc)  // throws when torn
            guard text == texts[current] || text == texts[spec] else {
                throw SandboxError("run \(run) (\(termination)) left a file that is neither version (\(bytes.count) bytes)")
            }
            #expect(value == values[text == texts[0] ? 0 : 1])
            if termination == .signaled(SIGKILL) {
                if text == texts[current] { landed.old += 1 } else { landed.new += 1 }
            } else {
                // A run that ended on its own must have succeeded and cleaned up after the killed ones.
                guard termination == .exited(0) else {
                    throw SandboxError("run \(run) failed (\(termination)): \(fileText(stderrFile) ?? "")")
                }
                guard text == texts[spec] else { throw SandboxError("run \(run) succeeded but wrote the wrong version") }
                let leftovers = temporaryFiles(under: targetFolder) + temporaryFiles(under: box.stateFolder)
                guard leftovers.isEmpty else { throw SandboxError("temporary files after a successful apply: \(leftovers)") }
            }
            current = text == texts[0] ? 0 : 1
        }

        let clock = ContinuousClock()
        let started = clock.now
        // Half the kills at any moment of a run; half while it writes (history, file, state),
        // a short stretch at the end of a run that uniform kills seldom hit. Without inotify
        // (not Linux), all at any moment.
        let anywhere = CrashHarness(command: command, environment: box.environment,
                                    minimumKills: FolderWatch.isAvailable ? 100 : 200, maximumRuns: 600,
                                    killAfter: (typical * 0.1)...(typical * 0.9), stderrFile: stderrFile)
        let uniform = try anywhere.run(check: check)
        let uniformLanded = landed
        var targeted = CrashHarness.Outcome()
        var seeds = [anywhere.seed]
        if FolderWatch.isAvailable {
            let history = box.stateFolder + "/history/" + (try #require(
                try FileManager.default.contentsOfDirectory(atPath: box.stateFolder + "/history").first))
            let watch = try FolderWatch([targetFolder, box.stateFolder + "/targets", history])
            let whileWriting = CrashHarness(command: command, environment: box.environment, minimumKills: 100,
                                            maximumRuns: 300, killAfter: .zero...(.milliseconds(10)),
                                            stderrFile: stderrFile, writesStartIn: watch)
            seeds.append(whileWriting.seed)
            targeted = try whileWriting.run(check: check)
        }
        let elapsed = clock.now - started
        print("crash test: \(uniform.killed) kills at random moments (file left old: \(uniformLanded.old), new: "
              + "\(uniformLanded.new)), \(targeted.killed) kills while writing (old: \(landed.old - uniformLanded.old), "
              + "new: \(landed.new - uniformLanded.new)); \(uniform.finishedCount + targeted.finishedCount) runs ended "
              + "on their own, exit codes \(uniform.finished.merging(targeted.finished, uniquingKeysWith: +)); \(elapsed); "
              + "typical apply \(typical); seeds \(seeds)")
        #expect(uniform.killed + targeted.killed >= 200)
        #expect(landed.new > 0)  // some kills came after the file was replaced
        #expect((Array(uniform.finished.keys) + Array(targeted.finished.keys)).allSatisfy { $0 == 0 })

        // The next apply succeeds, is exact, and leaves no temporary file anywhere.
        let spec = current == 0 ? specB : specA
        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileText(target) == texts[current == 0 ? 1 : 0])
        #expect(temporaryFiles(under: targetFolder).isEmpty)
        #expect(temporaryFiles(under: box.stateFolder) == [])
        #expect(FileFacts(target)?.mode == 0o600)
        let status = try parsed(try box.run(["status", "--format", "json", "--target", target]).stdout, options: .json)
        #expect(status["targets"]?[0]?["drift"] == [])
        #expect(try box.run(["apply", spec, "--target", target]).stdout.hasSuffix(": up to date\n"))
    }

    @Test("8 applies of different specs at once: all succeed, the file is exactly one spec's output, the state agrees")
    func concurrentApplies() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let count = 8
        let specs = try (0..<count).map { k in
            try box.write(bigSpecText(ids: numberedIDs("c\(k)-p", 25), models: 2, variant: "v\(k)"), to: "spec\(k).yaml")
        }
        let texts = try specs.map { try Self.rendered(box, $0) }
        #expect(Set(texts).count == count)
        let target = box.work + "/opencode.json"

        var winners: [Int] = []
        var lockWaits = 0
        for pass in 1...4 {
            let children = try (0..<count).map { k in
                try ChildProcess([CLI.binary, "apply", specs[k], "--target", target], environment: box.environment,
                                 stdout: box.root + "/out\(k)", stderr: box.root + "/err\(k)")
            }
            let ends = children.map { $0.wait() }
            for k in 0..<count {
                let stderr = fileText(box.root + "/err\(k)") ?? ""
                if ends[k] == .exited(0) { continue }
                // Allowed: a clear lock timeout naming the holder.
                #expect(stderr.contains("is writing; waited") && stderr.contains("(pid "),
                        "round \(pass), spec \(k): \(ends[k]): \(stderr)")
                lockWaits += 1
            }
            let text = try #require(fileText(target))
            _ = try parsed(text)
            let matches = texts.indices.filter { texts[$0] == text }
            #expect(matches.count == 1, "round \(pass): the file is not exactly one spec's output")
            guard let winner = matches.first else { return }
            winners.append(winner)

            // The state agrees with the file: no drift, it owns exactly the winner's providers,
            // and applying the winner again changes nothing.
            let status = try parsed(try box.run(["status", "--format", "json", "--target", target]).stdout, options: .json)
            #expect(status["targets"]?[0]?["drift"] == [], "round \(pass)")
            #expect(status["targets"]?[0]?["ownedProviders"] == .array(numberedIDs("c\(winner)-p", 25).map { .string($0) }))
            let again = try box.run(["apply", specs[winner], "--target", target])
            #expect(again.stdout.hasSuffix(": up to date\n"), "round \(pass): \(again.stdout)")
            #expect(temporaryFiles(under: box.home) == [])
        }
        print("concurrency test: 4 rounds of \(count) applies at once; winners \(winners), lock timeouts \(lockWaits)")
    }
}
