#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's permission bits (`mode_t`), named here so that the modules above SystemIO need not
/// import the C library for it (Foundation re-exported it; FoundationEssentials does not).
public typealias FileMode = mode_t
