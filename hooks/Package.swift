// swift-tools-version: 6.1
// The pre-commit hook built from source (id `provider-sync-validate` in .pre-commit-hooks.yaml):
// `provider-sync-validate`, which is provider-sync's `validate` alone, built from the same
// sources (Sources/ here links to the package's own) and nothing else: no SwiftNIO, BoringSSL,
// libgit2 or libsecret. pre-commit's `language: swift` builds the whole root package (every
// product); `hooks/pre-commit-validate` builds this one instead, on first use.
// The targets and their dependencies are the root package's (a test compares them).
import PackageDescription

let package = Package(
    name: "provider-sync-hooks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "provider-sync-validate", targets: ["provider-sync-validate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .target(name: "SystemIO", dependencies: ["JSONCore"]),
        .target(name: "Workstation", dependencies: ["SystemIO"]),
        .target(name: "JSONCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "YAMLReader", dependencies: ["JSONCore", "CYAML"]),
        .target(name: "JSONSchema", dependencies: ["JSONCore"]),
        .target(name: "ProviderSpec", dependencies: ["YAMLReader", "JSONSchema", "JSONCore"]),
        .target(name: "SpecSource", dependencies: ["ProviderSpec", "YAMLReader", "JSONCore", "SystemIO"]),
        .target(name: "OpenCodeConfig", dependencies: ["ProviderSpec", "JSONCore"]),
        .target(name: "Redaction", dependencies: ["JSONCore", "SystemIO"]),
        .target(name: "CLICommon", dependencies: [
            "JSONCore", "Redaction", "SystemIO", "Workstation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "ValidateCLI", dependencies: [
            "CLICommon", "ProviderSpec", "SpecSource", "JSONCore", "SystemIO", "OpenCodeConfig", "Workstation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "provider-sync-validate", dependencies: [
            "ValidateCLI", "CLICommon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
