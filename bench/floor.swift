// The floor of provider-sync's start-up (bench/run.sh builds it as `make release` builds
// provider-sync: static Swift runtime): a Swift program with Foundation that does nothing but
// read its arguments through it. What it costs is the dynamic loader (libc, libm, libstdc++,
// libgcc_s), the Swift runtime and FoundationEssentials, the part of Foundation that
// provider-sync links.
import Foundation

if ProcessInfo.processInfo.arguments.count > 99 { print("more than 98 arguments") }
