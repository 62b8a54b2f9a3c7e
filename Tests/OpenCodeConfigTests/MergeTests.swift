import JSONCore
import OpenCodeConfig
import ProviderSpec
import Testing

@Suite("merge")
struct MergeTests {
    typealias F = Fixture

    // MARK: - Keeping what is not ours

    @Test func jsoncCommentsAndUnknownKeysStayByteForByte() throws {
        let original = """
            // My OpenCode settings
            {
              "theme": "tokyonight", // dark
              /* keep this */
              "autoupdate": false,
              "provider": {
                // made by hand
                "mine": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "http://x/v1" } },
              },
            }

            """
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        #expect(result.text == """
            // My OpenCode settings
            {
              \(F.schemaLine)
              "theme": "tokyonight", // dark
              /* keep this */
              "autoupdate": false,
              "provider": {
                // made by hand
                "mine": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "http://x/v1" } },
            \(F.block("a", indent: "    ")),
              },
              "model": "a/m",
            }

            """)
        #expect(F.keepsEveryLine(of: original, in: result.text))
        #expect(result.changes == [.addedProvider("a"), .setKey("model", value: "a/m", previous: nil), .addedSchema])
        #expect(result.ownership.providers.keys.sorted() == ["a"])
        #expect(result.ownership.keys.keys.sorted() == ["model"])
    }

    @Test func strictJSONWithFourSpacesStaysStrictAndIndented() throws {
        let original = """
            {
                "theme": "dark",
                "provider": {
                    "mine": {
                        "name": "Mine"
                    }
                }
            }
            """
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        #expect(result.text == """
            {
                \(F.schemaLine)
                "theme": "dark",
                "provider": {
                    "mine": {
                        "name": "Mine"
                    },
            \(F.block("a", indent: "        ", unit: "    "))
                },
                "model": "a/m"
            }
            """)
        _ = try JSONParser.value(result.text, options: .json)
    }

    @Test func tabsAndCRLFAreKept() throws {
        let original = "{\r\n\t\"theme\": \"dark\"\r\n}\r\n"
        let result = try F.mergeTwice(original, F.desired(["a"]))
        let expected = """
            {
            \t\(F.schemaLine)
            \t"theme": "dark",
            \t"provider": {
            \(F.block("a", indent: "\t\t", unit: "\t"))
            \t}
            }

            """
        #expect(result.text == expected.replacingAll("\n", with: "\r\n"))
    }

    @Test func aMinifiedFileStaysOnOneLine() throws {
        let original = #"{"theme":"dark","provider":{"mine":{"name":"Mine"}}}"#
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        #expect(result.text == #"{"$schema":"https://opencode.ai/config.json","theme":"dark","provider":{"mine":{"name":"Mine"},"a":"#
            + #"{"npm":"@ai-sdk/openai-compatible","name":"A","options":{"baseURL":"http://localhost:8000/v1"},"models":{"m":{}}}},"#
            + #""model":"a/m"}"#)
    }

    @Test func handMadeProvidersAreNeverTouched() throws {
        let original = """
            {
              "provider": {
                "mine": {"name": "Mine",   "options": {"baseURL": "http://x"}}
              }
            }
            """
        let first = try F.mergeTwice(original, F.desired(["a", "b"]))
        #expect(first.text.contains(#""mine": {"name": "Mine",   "options": {"baseURL": "http://x"}},"#))
        // Removing every spec provider (allowed) leaves the hand-made one exactly as it was.
        let emptied = try merge(existingText: first.text, desired: F.desired([]), ownership: first.ownership,
                                options: MergeOptions(allowEmpty: true))
        #expect(emptied.text == """
            {
              \(F.schemaLine)
              "provider": {
                "mine": {"name": "Mine",   "options": {"baseURL": "http://x"}}
              }
            }
            """)
        #expect(emptied.changes == [.removedProvider("a"), .removedProvider("b")])
        #expect(emptied.ownership.providers.isEmpty)
    }

    // MARK: - Pruning

    @Test func providersDroppedFromTheSpecAreRemoved() throws {
        let both = try F.mergeTwice(nil, F.desired(["a", "b", "c"]))
        let withoutMiddle = try F.mergeTwice(both.text, F.desired(["a", "c"]), both.ownership)
        #expect(withoutMiddle.text == (try merge(existingText: nil, desired: F.desired(["a", "c"]), ownership: .none)).text)
        #expect(withoutMiddle.changes == [.removedProvider("b")])
        let withoutLast = try F.mergeTwice(withoutMiddle.text, F.desired(["a"]), withoutMiddle.ownership)
        #expect(withoutLast.text == (try merge(existingText: nil, desired: F.desired(["a"]), ownership: .none)).text)
        let withoutFirst = try F.mergeTwice(both.text, F.desired(["b", "c"]), both.ownership)
        #expect(withoutFirst.text == (try merge(existingText: nil, desired: F.desired(["b", "c"]), ownership: .none)).text)
    }

    @Test func replacingTheLastProviderKeepsCommasRight() throws {
        let first = try F.mergeTwice(nil, F.desired(["a", "b"]))
        let swapped = try F.mergeTwice(first.text, F.desired(["a", "c"]), first.ownership)
        #expect(swapped.text == """
            {
              \(F.schemaLine)
              "provider": {
            \(F.block("a", indent: "    ")),
            \(F.block("c", indent: "    "))
              }
            }

            """)
        #expect(swapped.changes == [.addedProvider("c"), .removedProvider("b")])
        _ = try JSONParser.value(swapped.text, options: .json)
    }

    @Test func updatingAProviderRewritesOnlyItsValue() throws {
        let first = try F.mergeTwice("{\n  // keep\n  \"x\": 1\n}\n", F.desired(["a", "b"]))
        var desired = F.desired(["a", "b"])
        desired.providers["a"] = renderMasked(Spec(providers: [F.provider("a", url: "http://gpu:9000")])).providers["a"]
        let updated = try F.mergeTwice(first.text, desired, first.ownership)
        #expect(updated.changes == [.updatedProvider("a")])
        #expect(updated.text == first.text.replacingAll("http://localhost:8000/v1\"\n      },\n      \"models\": {\n        \"m\": {}\n      }\n    },\n    \"b\"",
                                                         with: "http://gpu:9000/v1\"\n      },\n      \"models\": {\n        \"m\": {}\n      }\n    },\n    \"b\""))
        #expect(updated.text.contains("http://gpu:9000/v1"))
        #expect(updated.text.hasPrefix("{\n  \"$schema\": \"https://opencode.ai/config.json\",\n  // keep\n  \"x\": 1,\n"))
    }

    @Test func aProviderEditedByHandIsReplacedWithAWarning() throws {
        let first = try F.mergeTwice(nil, F.desired(["a"]))
        let edited = first.text.replacingAll("\"name\": \"A\"", with: "\"name\": \"Mine now\"")
        #expect(drift(existingText: edited, ownership: first.ownership) == ["provider a was edited by hand"])
        let result = try merge(existingText: edited, desired: F.desired(["a"]), ownership: first.ownership)
        #expect(result.text == first.text)
        #expect(result.changes == [.updatedProvider("a")])
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("edited by hand") == true)
    }

    // MARK: - Conflicts

    @Test func aHandMadeProviderWithASpecIDIsAConflict() throws {
        let original = """
            {
              "provider": {
                "a": { "name": "Mine" }
              }
            }

            """
        #expect(throws: MergeError.conflict(providerIDs: ["a"])) {
            try merge(existingText: original, desired: F.desired(["a", "b"]), ownership: .none)
        }
        #expect(MergeError.conflict(providerIDs: ["a"]).description.contains("--adopt"))
        #expect(MergeError.conflict(providerIDs: ["a"]).description.contains("a"))

        let adopted = try F.mergeTwice(original, F.desired(["a", "b"]), options: MergeOptions(adopt: true))
        #expect(adopted.changes == [.adoptedProvider("a"), .addedProvider("b"), .addedSchema])
        #expect(adopted.ownership.owns(provider: "a"))
        #expect(adopted.text == """
            {
              \(F.schemaLine)
              "provider": {
            \(F.block("a", indent: "    ")),
            \(F.block("b", indent: "    "))
              }
            }

            """)
    }

    @Test func aProviderWeOwnIsNoConflict() throws {
        let first = try F.mergeTwice(nil, F.desired(["a"]))
        #expect(throws: Never.self) { try merge(existingText: first.text, desired: F.desired(["a"]), ownership: first.ownership) }
    }

    // MARK: - Empty spec

    @Test func anEmptySpecNeedsAllowEmptyToRemoveProviders() throws {
        let first = try F.mergeTwice(nil, F.desired(["a", "b"], model: "a/m"))
        #expect(throws: MergeError.emptySpec(wouldRemove: ["a", "b"])) {
            try merge(existingText: first.text, desired: F.desired([]), ownership: first.ownership)
        }
        #expect(MergeError.emptySpec(wouldRemove: ["a"]).description.contains("--allow-empty"))

        let emptied = try F.mergeTwice(first.text, F.desired([]), first.ownership, options: MergeOptions(allowEmpty: true))
        #expect(emptied.text == "{\n  \(F.schemaLine)\n  \"provider\": {}\n}\n")
        #expect(emptied.changes == [.removedProvider("a"), .removedProvider("b"), .removedKey("model")])
        #expect(emptied.ownership == .none)
    }

    @Test func anEmptySpecWithNothingToRemoveIsFine() throws {
        let result = try F.mergeTwice("{\"theme\": \"dark\"}", F.desired([]))
        #expect(result.text == "{\"$schema\": \"https://opencode.ai/config.json\", \"theme\": \"dark\"}")
    }

    // MARK: - Errors

    @Test func anUnparseableFileIsAnErrorWithItsPosition() throws {
        let broken = "{\n  \"a\": 1,\n  \"b\" 2\n}\n"
        let error = #expect(throws: MergeError.self) {
            try merge(existingText: broken, desired: F.desired(["a"]), ownership: .none)
        }
        guard case .unparseable(let parseError)? = error else {
            Issue.record("expected a parse error, got \(String(describing: error))")
            return
        }
        #expect(parseError.position.line == 3)
        #expect(parseError.position.column == 7)
        #expect(error?.description.hasPrefix("3:7: ") == true)
        #expect(throws: MergeError.self) {
            try merge(existingText: "{ /* unterminated", desired: F.desired(["a"]), ownership: .none)
        }
    }

    @Test func theTopLevelMustBeAnObject() {
        #expect(throws: MergeError.topLevelNotObject(found: "array")) {
            try merge(existingText: "[1, 2]", desired: F.desired(["a"]), ownership: .none)
        }
    }

    @Test func providerMustBeAnObject() throws {
        #expect(throws: MergeError.self) {
            try merge(existingText: "{\"provider\": []}", desired: F.desired(["a"]), ownership: .none)
        }
        let error = #expect(throws: MergeError.self) {
            try merge(existingText: "{\n  \"provider\": \"x\"\n}", desired: F.desired(["a"]), ownership: .none)
        }
        #expect(error?.description.hasPrefix("2:15: ") == true)
    }

    @Test func aKeyWeEditMustNotBeDuplicated() {
        let text = "{\n  \"model\": \"x/y\",\n  \"model\": \"z/w\"\n}"
        #expect(throws: MergeError.self) {
            try merge(existingText: text, desired: F.desired(["a"], model: "a/m"), ownership: .none)
        }
    }

    // MARK: - model, small_model, $schema

    @Test func theSpecsModelWinsAndIsReported() throws {
        let original = "{\n  \"$schema\": \"./my-schema.json\",\n  \"model\": \"anthropic/claude\"\n}\n"
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m", smallModel: "a/m"))
        #expect(result.text == """
            {
              "$schema": "./my-schema.json",
              "model": "a/m",
              "provider": {
            \(F.block("a", indent: "    "))
              },
              "small_model": "a/m"
            }

            """)
        #expect(result.changes == [.addedProvider("a"), .setKey("model", value: "a/m", previous: "anthropic/claude"),
                                   .setKey("small_model", value: "a/m", previous: nil)])
    }

    @Test func modelsDroppedFromTheSpecAreRemovedOnlyIfOurs() throws {
        let original = "{\n  \"small_model\": \"user/own\"\n}\n"
        let first = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        let dropped = try F.mergeTwice(first.text, F.desired(["a"]), first.ownership)
        #expect(dropped.changes == [.removedKey("model")])
        #expect(!dropped.text.contains("\"model\""))
        #expect(dropped.text.contains("\"small_model\": \"user/own\""))
        _ = try JSONParser.value(dropped.text, options: .json)
    }

    // MARK: - enabled_providers, disabled_providers

    @Test func enabledProvidersListsOurs() throws {
        let original = """
            {
              "enabled_providers": ["anthropic"],
              "provider": {}
            }

            """
        let first = try F.mergeTwice(original, F.desired(["a"]))
        #expect(first.text == """
            {
              \(F.schemaLine)
              "enabled_providers": ["anthropic", "a"],
              "provider": {
            \(F.block("a", indent: "    "))
              }
            }

            """)
        #expect(first.ownership.enabledProviders == ["a"])
        #expect(first.changes.contains(.enabledProvider("a")))

        // "a" leaves the spec: it leaves the list too; "anthropic" (the user's) stays.
        let second = try F.mergeTwice(first.text, F.desired(["b"]), first.ownership)
        #expect(second.text.contains(#""enabled_providers": ["anthropic", "b"],"#))
        #expect(second.ownership.enabledProviders == ["b"])
        #expect(second.changes == [.addedProvider("b"), .removedProvider("a"), .unlistedProvider("a"), .enabledProvider("b")])
    }

    @Test func enabledProvidersOnSeveralLines() throws {
        let original = """
            {
              "enabled_providers": [
                "anthropic",
                "a",
              ],
            }
            """
        let first = try F.mergeTwice(original, F.desired(["a", "b"]))
        #expect(first.text.contains("""
              "enabled_providers": [
                "anthropic",
                "a",
                "b",
              ],
            """))
        // The user listed "a" themselves: it is theirs and stays when "a" leaves the spec.
        #expect(first.ownership.enabledProviders == ["b"])
        let second = try F.mergeTwice(first.text, F.desired(["a"]), first.ownership)
        #expect(second.text.contains("""
              "enabled_providers": [
                "anthropic",
                "a",
              ],
            """))
    }

    @Test func disabledProvidersAreWarnedAbout() throws {
        let original = #"{"disabled_providers": ["a", "openai"]}"#
        let result = try F.mergeTwice(original, F.desired(["a", "b"]))
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("provider a is listed in disabled_providers") == true)
        #expect(result.text.contains(#""disabled_providers": ["a", "openai"]"#))
    }

    // MARK: - Layouts

    @Test func emptyObjectsAndCommentsBeforeTheBrace() throws {
        let original = """
            {
              "provider": {
                // providers go here
              },
              "theme": "x",
              // the end
            }
            """
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        #expect(result.text == """
            {
              \(F.schemaLine)
              "provider": {
                // providers go here
            \(F.block("a", indent: "    "))
              },
              "theme": "x",
              "model": "a/m",
              // the end
            }
            """)
    }

    @Test func aFileWithoutProviderGetsOne() throws {
        let result = try F.mergeTwice("{\n  \"theme\": \"x\"\n}", F.desired(["a"]))
        #expect(result.text == "{\n  \(F.schemaLine)\n  \"theme\": \"x\",\n  \"provider\": {\n\(F.block("a", indent: "    "))\n  }\n}")
    }

    @Test(arguments: ["{}", "{ }", "\n{\n}\n", "{\n  // nothing yet\n}"])
    func emptyFiles(_ original: String) throws {
        let result = try F.mergeTwice(original, F.desired(["a"], model: "a/m"))
        let value = try JSONParser.value(result.text, options: .jsonc)
        #expect(value["provider"]?["a"] != nil)
        #expect(value["model"] == "a/m")
        if original.contains("//") { #expect(result.text.contains("\n  // nothing yet\n")) }
    }

    @Test(arguments: [nil, "", "  \n"] as [String?])
    func aNewFileIsPrettyPrinted(_ original: String?) throws {
        let result = try F.mergeTwice(original, F.desired(["a"]))
        #expect(result.text == "{\n  \(F.schemaLine)\n  \"provider\": {\n\(F.block("a", indent: "    "))\n  }\n}\n")
        #expect(result.changes == [.createdFile, .addedProvider("a")])
    }

    @Test func aByteOrderMarkIsKept() throws {
        let result = try F.mergeTwice("\u{FEFF}{\"x\": 1}\n", F.desired(["a"]))
        #expect(result.text.hasPrefix("\u{FEFF}{"))
    }

    @Test func keysWithEscapesAreFound() throws {
        let first = try F.mergeTwice(nil, F.desired(["a-b"]))
        let escaped = first.text.replacingAll("\"a-b\": {", with: "\"a\\u002db\": {")
        let again = try merge(existingText: escaped, desired: F.desired(["a-b"]), ownership: first.ownership)
        #expect(again.text == escaped)
    }
}
