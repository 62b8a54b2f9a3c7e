// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// `pkg-config --cflags <name>`, split into arguments (nothing when pkg-config or the package is
/// missing: the compiler then names the header it cannot find). libgit2 and libsecret are opened
/// with dlopen by the commands that use them (Sources/CLibraryLoader), so their headers are
/// wanted but not their libraries: a `.systemLibrary(pkgConfig:)` target would link them into
/// every program, and the dynamic loader would load them (and about thirty more) at every start.
func compilerFlags(pkgConfig name: String) -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", "--cflags", name]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return [] }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return [] }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
}
let libgit2Flags = compilerFlags(pkgConfig: "libgit2")
let libsecretFlags = compilerFlags(pkgConfig: "libsecret-1")

let package = Package(
    name: "provider-sync",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "provider-sync", targets: ["provider-sync"]),
        .executable(name: "provider-sync-probe", targets: ["provider-sync-probe"]),
        .executable(name: "json-schema-conformance", targets: ["json-schema-conformance"]),
        .executable(name: "schema-check", targets: ["schema-check"]),
        // The pre-commit hook's program: `validate` alone (hooks/Package.swift builds just this).
        .executable(name: "provider-sync-validate", targets: ["provider-sync-validate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // 1.16: the agent's log handler implements `log(event:)`, which older versions lack.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
    ],
    targets: [
        // libyaml, linked: every command that reads a spec uses it.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // libgit2 and libsecret, opened on first use (dlopen of the exact soname) through a
        // forwarding function per C function called: validate, render, diff... never load them.
        // DWARF 4 as Swift's objects: valgrind (callgrind figures) cannot read a mix with 5.
        .target(name: "CLibraryLoader", cSettings: [.unsafeFlags(["-gdwarf-4"])],
                linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CGit2", dependencies: ["CLibraryLoader"], cSettings: [.unsafeFlags(libgit2Flags + ["-gdwarf-4"])]),
        .target(name: "CSecret", dependencies: ["CLibraryLoader"], cSettings: [.unsafeFlags(libsecretFlags + ["-gdwarf-4"])]),

        // The place for OS calls: reading files safely (regular files only, never blocking,
        // capped), this process's environment, running programs.
        .target(name: "SystemIO", dependencies: ["JSONCore"]),
        // Where things are on a workstation: platforms, environment variables, every path of the
        // README's tables (targets, state folder, agent.yaml, service file), `~`, target names.
        .target(name: "Workstation", dependencies: ["SystemIO"]),
        .target(name: "JSONCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // The one redaction path every output goes through; both programs link it, libsecret not.
        .target(name: "Redaction", dependencies: ["JSONCore", "SystemIO"]),
        .target(name: "YAMLReader", dependencies: ["JSONCore", "CYAML"]),
        .target(name: "JSONSchema", dependencies: ["JSONCore"]),
        .target(name: "ProviderSpec", dependencies: ["YAMLReader", "JSONSchema", "JSONCore"]),
        // The one reader of "the spec at a path": a file or a folder, from disk, the git index
        // (through git itself) or a commit (the agent's tree); the folder rules and the checks
        // across files. No libgit2: the hooks' program is built from it.
        .target(name: "SpecSource", dependencies: ["ProviderSpec", "YAMLReader", "JSONCore", "SystemIO"]),
        .target(name: "OpenCodeConfig", dependencies: ["ProviderSpec", "JSONCore"]),
        // What OpenCode will see: its config layers in order for a situation (the app, a
        // terminal), its merge and provider filters, the verdict per provider (`explain`).
        .target(name: "OpenCodeLayers", dependencies: ["JSONCore", "Workstation", "SystemIO"]),
        // Keychains, and the one resolver of the spec's key references (keyring, env, file).
        .target(name: "Secrets", dependencies: ["CSecret", "ProviderSpec", "Redaction", "SystemIO", "Workstation"]),
        .target(name: "GitSource", dependencies: ["CGit2", "SystemIO"]),
        // What crosses between provider-sync (and the agent) and provider-sync-probe: the targets
        // on its standard input, the report it prints. Nothing else, so the probe links no more.
        .target(name: "ProbeWire"),
        // The probe from provider-sync's side: the spec's providers as targets with their keys,
        // finding provider-sync-probe and running it.
        .target(name: "ProbeLaunch", dependencies: ["ProviderSpec", "OpenCodeConfig", "Secrets", "ProbeWire", "SystemIO", "Workstation"]),
        // provider-sync probe: OpenAI-compatible endpoint checks over AsyncHTTPClient (NIO, NIOSSL).
        .target(name: "Probe", dependencies: [
            "ProbeWire", "JSONCore", "SystemIO",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "Sync", dependencies: ["OpenCodeConfig", "ProviderSpec", "Secrets", "JSONCore", "SystemIO", "Workstation"]),
        // The workstation agent: follows one branch of the team repository and applies each
        // good commit through Sync. Its own room so that git, signals, subprocesses and logging
        // stay out of Sync, which apply uses alone.
        .target(name: "Agent", dependencies: [
            "Sync", "GitSource", "Secrets", "ProviderSpec", "SpecSource", "OpenCodeConfig", "OpenCodeLayers", "JSONCore", "ProbeLaunch",
            "ProbeWire", "Redaction", "SystemIO", "Workstation",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "provider-sync",
            dependencies: ["Sync", "Agent", "CLICommon", "ValidateCLI", "SpecSource", "ProbeLaunch", "ProbeWire", "Secrets", "Redaction",
                           "SystemIO", "GitSource", "Workstation", "OpenCodeLayers", "OpenCodeConfig", "ProviderSpec", "YAMLReader",
                           "JSONCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            plugins: ["BuildRevision"]
        ),
        // The git revision `provider-sync version` prints, written before every build.
        .plugin(name: "BuildRevision", capability: .buildTool()),
        // What the programs share: output through the redactor, exit codes, the main loop,
        // the probe's options. No spec and no keychain: the probe program links this too.
        .target(name: "CLICommon", dependencies: [
            "JSONCore", "Redaction", "SystemIO", "Workstation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `validate`: in provider-sync and in the hooks' own program. The spec comes in here
        // (SpecSource), not in CLICommon; no libgit2, libsecret or SwiftNIO.
        .target(name: "ValidateCLI", dependencies: [
            "CLICommon", "ProviderSpec", "SpecSource", "JSONCore", "SystemIO", "OpenCodeConfig", "Workstation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "provider-sync-validate", dependencies: [
            "ValidateCLI", "CLICommon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The probe's own program: the HTTP stack stays out of provider-sync's start-up.
        .executableTarget(
            name: "provider-sync-probe",
            dependencies: ["Probe", "ProbeWire", "CLICommon", "JSONCore", "Redaction", "SystemIO",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "json-schema-conformance", dependencies: ["JSONSchema", "JSONCore"]),
        .executableTarget(name: "schema-check", dependencies: ["JSONSchema", "JSONCore"]),
        // libFuzzer entry point; built with `make fuzz` (swift build --sanitize=fuzzer).
        .executableTarget(name: "FuzzSpec", dependencies: ["ProviderSpec"]),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader", "JSONCore"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSONCore"]),
        .testTarget(name: "ProviderSpecTests", dependencies: ["ProviderSpec", "JSONCore"], exclude: ["FuzzRegressions"]),
        .testTarget(name: "SpecSourceTests", dependencies: ["SpecSource", "ProviderSpec", "JSONCore", "YAMLReader", "TestSupport"]),
        .testTarget(name: "SystemIOTests", dependencies: ["SystemIO"]),
        .testTarget(name: "WorkstationTests", dependencies: ["Workstation"]),
        .testTarget(name: "CLICommonTests", dependencies: [
            "CLICommon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "OpenCodeLayersTests", dependencies: ["OpenCodeLayers", "JSONCore", "Workstation", "TestSupport"]),
        .testTarget(name: "RedactionTests", dependencies: ["Redaction"]),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets", "ProviderSpec", "Redaction", "Workstation", "TestSupport"]),
        .testTarget(name: "OpenCodeConfigTests", dependencies: ["OpenCodeConfig", "ProviderSpec", "JSONCore", "Workstation", "TestSupport"]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "SystemIO", "Workstation", "TestSupport"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "CGit2", "TestSupport"]),
        .testTarget(name: "AgentTests", dependencies: [
            "Agent", "ProviderSpec", "Secrets", "GitSource", "Sync", "JSONCore", "Redaction", "SystemIO", "Workstation", "TestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Test helpers more than one test target needs (starting processes as tests need them).
        .target(name: "TestSupport", dependencies: ["SystemIO"], path: "Tests/TestSupport"),
        // JSONSchema: the SARIF output is checked against the SARIF 2.1.0 schema (Tests/SARIF).
        // CGit2, CSecret: the sonames the binary opens, which the library-loading tests hide.
        .testTarget(name: "CLITests", dependencies: ["JSONCore", "JSONSchema", "YAMLReader", "TestSupport", "CGit2", "CSecret"]),
        .testTarget(name: "ProbeTests", dependencies: ["Probe", "ProbeWire", "JSONCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ProbeLaunchTests", dependencies: ["ProbeLaunch", "ProbeWire", "ProviderSpec", "Redaction", "Workstation"]),
    ],
    swiftLanguageModes: [.v6]
)

// Swift reads those headers too, in Secrets and GitSource and in every module that loads them
// through these (a module's internal imports are loaded by its importers): the include folders
// go to the C importer of every Swift target.
let importerFlags = (libgit2Flags + libsecretFlags).filter { $0.hasPrefix("-I") || $0.hasPrefix("-D") }.flatMap { ["-Xcc", $0] }
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(importerFlags)]
}
