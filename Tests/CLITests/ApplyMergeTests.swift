import Foundation
import JSONCore
import Testing

/// `apply` into files that already hold things: what is the user's stays theirs.
@Suite("apply: merge, conflicts, pruning")
struct ApplyMergeTests {
    /// A hand-written JSONC file: comments, a hand-made provider, keys provider-sync does not
    /// know, trailing commas, and enabled/disabled lists.
    static let handWritten = """
        // my OpenCode settings
        {
          /* the theme I like */
          "theme": "tokyonight",   // keep this
          "provider": {
            // made by hand
            "mine": {
              "npm": "@ai-sdk/openai-compatible",
              "options": { "baseURL": "http://mine.local/v1" }
            },
          },
          "enabled_providers": ["mine"],
          "disabled_providers": ["beta"],
          "experimental": {"someFutureFlag": [1, 2, 3]},
        }

        """

    /// What apply must make of it: the original text with our spans added, nothing else changed.
    static let merged = """
        // my OpenCode settings
        {
          "$schema": "https://opencode.ai/config.json",
          /* the theme I like */
          "theme": "tokyonight",   // keep this
          "provider": {
            // made by hand
            "mine": {
              "npm": "@ai-sdk/openai-compatible",
              "options": { "baseURL": "http://mine.local/v1" }
            },
            "alpha": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Alpha",
              "options": {
                "baseURL": "http://localhost:9001/v1",
                "apiKey": "{env:ALPHA_KEY}"
              },
              "models": {
                "m1": {}
              }
            },
            "beta": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Beta",
              "options": {
                "baseURL": "http://localhost:9002/v1",
                "apiKey": "{file:/run/keys/beta}"
              },
              "models": {
                "m2": {}
              }
            },
          },
          "enabled_providers": ["mine", "alpha", "beta"],
          "disabled_providers": ["beta"],
          "experimental": {"someFutureFlag": [1, 2, 3]},
          "model": "alpha/m1",
        }

        """

    @Test("merge into a JSONC file: comments, hand-made provider and unknown keys kept byte for byte")
    func mergeIntoJSONC() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(specText([alphaProvider, betaProvider], model: "alpha/m1"), to: "spec.yaml")
        let target = try box.write(Self.handWritten, to: "opencode.json")

        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try #require(fileText(target))
        #expect(text == Self.merged)

        // Said another way: every original line is still there, in order, except the one list
        // that had to change; everything added is ours.
        var remaining = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in Self.handWritten.split(separator: "\n", omittingEmptySubsequences: false)
        where !line.contains("enabled_providers") {
            let found = try #require(remaining.firstIndex(of: line), "lost or moved: \(line)")
            remaining = remaining[(found + 1)...]
        }

        let value = try parsed(text)
        #expect(value["enabled_providers"] == ["mine", "alpha", "beta"])
        #expect(value["provider"]?.objectValue?.keys == ["mine", "alpha", "beta"])
        #expect(value["theme"] == "tokyonight")
        #expect(value["experimental"] == ["someFutureFlag": [1, 2, 3]])
        #expect(r.stdout.contains("added alpha to enabled_providers, added beta to enabled_providers"))
        // disabled_providers wins: said on stderr, not an error.
        #expect(r.stderr.contains("warning: \(target) (\(target)): provider beta is listed in disabled_providers"))
        #expect(!r.stderr.contains("alpha is listed"))
        #expect(FileFacts(target)?.mode == 0o600)

        let again = try box.run(["apply", spec, "--target", target])
        #expect(again.status == 0)
        #expect(again.stdout == "\(target) (\(target)): up to date\n")
        #expect(again.stderr.contains("provider beta is listed in disabled_providers"))
        #expect(fileText(target) == Self.merged)
    }

    @Test("a hand-made provider with a spec id is a conflict: exit non-zero, named, --adopt suggested, file untouched")
    func conflictAndAdopt() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(specText([alphaProvider, betaProvider], model: "alpha/m1"), to: "spec.yaml")
        let original = """
            {
              // alpha, the way I set it up
              "provider": {
                "alpha": { "npm": "@ai-sdk/openai-compatible", "name": "My Alpha", "options": { "baseURL": "http://old/v1" } },
                "other": { "name": "Other" }
              },
              "share": "disabled"
            }

            """
        let target = try box.write(original, to: "opencode.json")
        let before = try #require(FileFacts(target))

        let refused = try box.run(["apply", spec, "--target", target])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("provider alpha already exists in the file but was not written by provider-sync"))
        #expect(refused.stderr.contains("--adopt"))
        #expect(!refused.stderr.contains("provider beta"))
        #expect(refused.stdout.isEmpty)
        #expect(fileText(target) == original)
        #expect(FileFacts(target) == before)
        #expect(temporaryFiles(under: box.work).isEmpty)
        #expect(snapshot(box.stateFolder + "/targets").isEmpty)
        #expect(snapshot(box.stateFolder + "/history").isEmpty)

        let adopted = try box.run(["apply", spec, "--target", target, "--adopt"])
        #expect(adopted.status == 0, "\(adopted.stderr)")
        #expect(adopted.stdout.contains("adopted provider alpha (it was made by hand)"))
        let value = try parsed(try #require(fileText(target)))
        #expect(value["provider"]?["alpha"]?["name"] == "Alpha")
        #expect(value["provider"]?["alpha"]?["options"]?["baseURL"] == "http://localhost:9001/v1")
        #expect(value["provider"]?["other"] == ["name": "Other"])
        #expect(value["share"] == "disabled")
        #expect(fileText(target)?.contains("// alpha, the way I set it up") == true)

        // Now it is ours: no --adopt needed any more, and status says so.
        let again = try box.run(["apply", spec, "--target", target])
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("up to date\n"))
        let status = try box.run(["status", "--target", target])
        #expect(status.stdout.contains("owned providers: alpha, beta"))
    }

    @Test("a provider dropped from the spec is removed; a hand-made one stays")
    func pruning() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let specA = try box.write(specText([alphaProvider, betaProvider], model: "beta/m2"), to: "a.yaml")
        let specB = try box.write(specText([alphaProvider]), to: "b.yaml")
        let target = try box.write("""
            {
              "provider": {
                "mine": { "name": "Mine" }
              },
              "enabled_providers": ["mine"]
            }

            """, to: "opencode.json")

        #expect(try box.run(["apply", specA, "--target", target]).status == 0)
        var value = try parsed(try #require(fileText(target)))
        #expect(value["provider"]?.objectValue?.keys == ["mine", "alpha", "beta"])
        #expect(value["model"] == "beta/m2")

        let r = try box.run(["apply", specB, "--target", target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("removed provider beta"))
        #expect(r.stdout.contains("removed beta from enabled_providers"))
        #expect(r.stdout.contains("removed model"))
        value = try parsed(try #require(fileText(target)))
        #expect(value["provider"]?.objectValue?.keys == ["mine", "alpha"])
        #expect(value["provider"]?["mine"] == ["name": "Mine"])
        #expect(value["enabled_providers"] == ["mine", "alpha"])
        #expect(value["model"] == nil)
    }

    @Test("an empty spec refuses to remove everything without --allow-empty, and removes it with")
    func emptySpec() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(specText([alphaProvider, betaProvider], model: "alpha/m1"), to: "a.yaml")
        let empty = try box.write(specText([]), to: "empty.yaml")
        let target = try box.write("{\n  \"provider\": {\n    \"mine\": {}\n  },\n  \"enabled_providers\": [\"mine\"]\n}\n",
                                   to: "opencode.json")
        #expect(try box.run(["apply", spec, "--target", target]).status == 0)
        let written = try #require(fileBytes(target))
        let facts = try #require(FileFacts(target))

        let refused = try box.run(["apply", empty, "--target", target])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the spec has no providers, so applying it would remove alpha, beta"))
        #expect(refused.stderr.contains("--allow-empty"))
        #expect(fileBytes(target) == written)
        #expect(FileFacts(target) == facts)

        let r = try box.run(["apply", empty, "--target", target, "--allow-empty"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("removed provider alpha, removed provider beta"))
        let value = try parsed(try #require(fileText(target)))
        #expect(value["provider"] == ["mine": [:]])
        #expect(value["enabled_providers"] == ["mine"])
        #expect(value["model"] == nil)
        let status = try box.run(["status", "--target", target])
        #expect(status.stdout.contains("owned providers: none"), "\(status.stdout)")
    }
}
