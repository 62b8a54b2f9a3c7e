internal import CSecret
import Dispatch
import FoundationEssentials

// Small owners of GLib objects, so every C call below stays short and nothing C leaves this module.

/// A GCancellable that a timer on another thread cancels when the deadline passes: a blocking
/// libsecret call given it returns at the deadline even when the service never answers.
final class Deadline {
    /// The cancellable, shared with the timer; released when both are done with it.
    private final class Handle: @unchecked Sendable {
        let cancellable: UnsafeMutablePointer<GCancellable>

        init() { cancellable = g_cancellable_new() }
        deinit { g_object_unref(UnsafeMutableRawPointer(cancellable)) }

        func cancel() { g_cancellable_cancel(cancellable) }
    }

    let milliseconds: Int
    private let started = DispatchTime.now()
    private let handle: Handle
    private let timer: DispatchWorkItem

    init(milliseconds: Int) {
        self.milliseconds = milliseconds
        let handle = Handle()
        self.handle = handle
        timer = DispatchWorkItem { handle.cancel() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds), execute: timer)
    }

    deinit { timer.cancel() }

    var cancellable: UnsafeMutablePointer<GCancellable> { handle.cancellable }

    /// How long the calls under this deadline have taken so far.
    var elapsedMilliseconds: Int {
        Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
    }

    /// True once the timer cancelled the call.
    var expired: Bool { g_cancellable_is_cancelled(handle.cancellable) != 0 }
}

/// A GError taken over from C (and freed).
struct GLibError {
    var domain: GQuark
    var code: Int32
    var message: String
    /// The D-Bus error name a remote peer sent, such as org.freedesktop.Secret.Error.IsLocked.
    var remoteName: String?

    init(taking error: UnsafeMutablePointer<GError>?) {
        guard let error else {
            self.domain = 0
            self.code = 0
            self.message = "unknown error"
            return
        }
        domain = error.pointee.domain
        code = error.pointee.code
        message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        if let remote = g_dbus_error_get_remote_error(error) {
            remoteName = String(cString: remote)
            g_free(remote)
        }
        g_error_free(error)
    }

    func isIO(_ code: GIOErrorEnum) -> Bool { domain == g_io_error_quark() && self.code == Int32(code.rawValue) }

    func isDBus(_ codes: GDBusError...) -> Bool {
        domain == g_dbus_error_quark() && codes.contains { self.code == Int32($0.rawValue) }
    }

    /// The message without GDBus's "GDBus.Error:org.freedesktop...: " prefix.
    var plainMessage: String {
        guard message.hasPrefix("GDBus.Error:"), let colon = message.firstRange(of: ": ") else { return message }
        return String(message[colon.upperBound...])
    }
}

/// A GHashTable of string attributes, as libsecret takes them.
final class AttributeTable {
    let table: OpaquePointer

    init(_ attributes: [String: String]) {
        table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)
        for (key, value) in attributes {
            g_hash_table_insert(table, UnsafeMutableRawPointer(g_strdup(key)), UnsafeMutableRawPointer(g_strdup(value)))
        }
    }

    deinit { g_hash_table_unref(table) }
}

/// Reads the string attributes of a GHashTable it does not own.
func stringAttribute(_ table: OpaquePointer, _ key: String) -> String? {
    guard let value = key.withCString({ g_hash_table_lookup(table, $0) }) else { return nil }
    return String(cString: value.assumingMemoryBound(to: CChar.self))
}

/// Takes a newly allocated C string (freed here).
func takeString(_ text: UnsafeMutablePointer<gchar>?) -> String? {
    guard let text else { return nil }
    defer { g_free(text) }
    return String(cString: text)
}
