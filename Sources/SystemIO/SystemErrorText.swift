#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Words for an error FileManager or the system threw, such as "Permission denied": what
/// Foundation's `localizedDescription` gave, which FoundationEssentials (the only part of
/// Foundation provider-sync links) does not have.
public func systemErrorText(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    return "\(error)"
}
