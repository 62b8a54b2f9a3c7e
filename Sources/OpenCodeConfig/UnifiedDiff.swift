/// A unified diff of two texts, line by line, as `diff -u` and `git diff` print it: `---`/`+++`
/// headers, `@@` hunks with `context` unchanged lines around each change, and the
/// "\ No newline at end of file" marker. Empty when the texts are equal. An empty old text is
/// shown as a new file (`--- /dev/null`).
///
/// Texts and lines are compared by their UTF-8 bytes and split at "\n" bytes: as Characters,
/// "\r\n" is one that is not "\n" (a CRLF file would be one line), and canonically equivalent
/// lines ("é" and "e\u{301}") would be equal although the file changes.
public func unifiedDiff(old: String, new: String, path: String, context: Int = 3) -> String {
    guard !old.utf8.elementsEqual(new.utf8) else { return "" }
    let a = DiffLine.split(old)
    let b = DiffLine.split(new)
    let ops = diffOperations(a, b)

    let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
    var out = (old.isEmpty ? "--- /dev/null" : "--- a/\(name)") + "\n"
    out += (new.isEmpty ? "+++ /dev/null" : "+++ b/\(name)") + "\n"

    // Each hunk spans the changes that are at most 2 * context unchanged lines apart.
    let changed = ops.indices.filter { ops[$0] != .equal }
    var h = 0
    while h < changed.count {
        var last = h
        while last + 1 < changed.count, changed[last + 1] - changed[last] - 1 <= 2 * context { last += 1 }
        let from = max(0, changed[h] - context)
        let to = min(ops.count, changed[last] + context + 1)
        out += hunk(ops, from..<to, a, b)
        h = last + 1
    }
    return out
}

private struct DiffLine: Equatable {
    var text: Substring
    /// False only for a last line without a line break.
    var terminated: Bool

    static func == (a: DiffLine, b: DiffLine) -> Bool {
        a.terminated == b.terminated && a.text.utf8.elementsEqual(b.text.utf8)
    }

    static func split(_ text: String) -> [DiffLine] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { DiffLine(text: Substring($0), terminated: true) }
        if lines.last?.text.isEmpty == true { lines.removeLast() } else if !lines.isEmpty { lines[lines.count - 1].terminated = false }
        return lines
    }
}

private enum DiffOperation: Equatable { case equal, delete, insert }

private func hunk(_ ops: [DiffOperation], _ range: Range<Int>, _ a: [DiffLine], _ b: [DiffLine]) -> String {
    // Line positions at the start of the range.
    var i = 0, j = 0
    for op in ops[..<range.lowerBound] {
        if op != .insert { i += 1 }
        if op != .delete { j += 1 }
    }
    var body = ""
    var oldCount = 0, newCount = 0
    let oldStart = i, newStart = j
    func emit(_ prefix: Character, _ line: DiffLine) {
        body.append(prefix)
        body += line.text
        body += "\n"
        if !line.terminated { body += "\\ No newline at end of file\n" }
    }
    for op in ops[range] {
        switch op {
        case .equal: emit(" ", a[i]); i += 1; j += 1; oldCount += 1; newCount += 1
        case .delete: emit("-", a[i]); i += 1; oldCount += 1
        case .insert: emit("+", b[j]); j += 1; newCount += 1
        }
    }
    return "@@ -\(hunkRange(oldStart, oldCount)) +\(hunkRange(newStart, newCount)) @@\n" + body
}

/// "start,count" with a 1-based start; an empty range names the line before it, and a count
/// of 1 is left out, as GNU diff does.
private func hunkRange(_ start: Int, _ count: Int) -> String {
    switch count {
    case 0: "\(start),0"
    case 1: "\(start + 1)"
    default: "\(start + 1),\(count)"
    }
}

/// The edit script from a to b: common head and tail, and Myers' shortest edit script for the
/// middle (or, past `limit` differences, all of the old middle out and the new one in).
private func diffOperations(_ a: [DiffLine], _ b: [DiffLine], limit: Int = 2000) -> [DiffOperation] {
    var head = 0
    while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
    var tail = 0
    while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
    let x = Array(a[head..<(a.count - tail)])
    let y = Array(b[head..<(b.count - tail)])
    let middle = myers(x, y, limit: limit)
        ?? Array(repeating: .delete, count: x.count) + Array(repeating: .insert, count: y.count)
    return Array(repeating: .equal, count: head) + middle + Array(repeating: .equal, count: tail)
}

private func myers(_ a: [DiffLine], _ b: [DiffLine], limit: Int) -> [DiffOperation]? {
    let n = a.count, m = b.count
    let maxD = min(n + m, limit)
    let offset = maxD + 1
    var v = [Int](repeating: 0, count: 2 * maxD + 3)
    // trace[d] holds v[-d-1 ... d+1] as it was before round d.
    var trace: [[Int]] = []
    var found: Int?
    search: for d in 0...maxD {
        trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
        for k in stride(from: -d, through: d, by: 2) {
            var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
            var y = x - k
            while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
            v[offset + k] = x
            if x >= n, y >= m {
                found = d
                break search
            }
        }
    }
    guard let total = found else { return nil }

    var ops: [DiffOperation] = []
    var x = n, y = m
    for d in stride(from: total, through: 0, by: -1) {
        let snapshot = trace[d]
        func at(_ k: Int) -> Int { snapshot[k + d + 1] }
        let k = x - y
        let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
        let prevX = at(prevK)
        let prevY = prevX - prevK
        while x > prevX, y > prevY {
            ops.append(.equal)
            x -= 1
            y -= 1
        }
        if d > 0 { ops.append(x == prevX ? .insert : .delete) }
        x = prevX
        y = prevY
    }
    return ops.reversed()
}
