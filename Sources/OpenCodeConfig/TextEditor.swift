internal import JSONCore

/// What to do to one object or array of an existing document.
struct ContainerPlan {
    typealias Item = (key: String?, value: JSONValue)
    /// Member index -> its new value.
    var replacing: [Int: JSONValue] = [:]
    var removing: Set<Int> = []
    /// New members that go first (`$schema`).
    var prepending: [Item] = []
    /// New members that go last.
    var appending: [Item] = []

    var isEmpty: Bool { replacing.isEmpty && removing.isEmpty && prepending.isEmpty && appending.isEmpty }
}

/// Edits the text of a document in place, so that everything this tool does not own (other
/// settings, their order, comments, the file's indentation and line breaks) stays as it was.
/// Edits are collected against the original bytes and applied at once.
struct TextEditor {
    let layout: TextLayout
    /// One level of indentation, as the file already uses it.
    let unit: String
    let newline: String
    private var edits: [(range: Range<Int>, text: String, order: Int)] = []

    init(bytes: [UInt8], root: ContainerLocation) {
        let layout = TextLayout(bytes: bytes)
        self.layout = layout
        newline = layout.newline
        // The indentation of the first top-level member is one unit; a minified or empty
        // file gets the 2 spaces OpenCode and Openwork write.
        if let first = root.members.first(where: { layout.isFirstOnLine($0.start) }),
            case let indent = layout.lineIndent(first.start), !indent.isEmpty {
            unit = indent
        } else {
            unit = "  "
        }
    }

    // MARK: - Planning

    mutating func apply(_ plan: ContainerPlan, to c: ContainerLocation) {
        guard !plan.isEmpty else { return }
        let inline = c.isSingleLine && !c.members.isEmpty
        let base = layout.lineIndent(c.span.start.offset)

        for (i, value) in plan.replacing.sorted(by: { $0.key < $1.key }) {
            let m = c.members[i]
            replace(m.value.start.offset..<m.value.end.offset, with: valueText(value, inline: inline, base: indent(of: m, in: c)))
        }

        let survivors = c.members.indices.filter { !plan.removing.contains($0) }
        guard let firstSurvivor = survivors.first, let lastSurvivor = survivors.last else {
            replaceAllMembers(of: c, with: plan.prepending + plan.appending, removing: plan.removing, base: base)
            return
        }
        if inline {
            applyOnOneLine(plan, to: c, firstSurvivor: firstSurvivor, lastSurvivor: lastSurvivor)
            return
        }

        for i in plan.removing.sorted() { delete(memberRange(c.members[i])) }
        let trailingComma = comma(after: c.members[c.members.count - 1]) != nil
        let s = c.members[lastSurvivor]
        if !plan.appending.isEmpty {
            append(plan.appending, after: s, in: c, trailingComma: trailingComma)
        } else if plan.removing.contains(c.members.count - 1), !trailingComma, let sComma = comma(after: s) {
            // The old last member went; the new last one must not keep its comma (strict JSON).
            delete(sComma..<sComma + 1)
        }
        if !plan.prepending.isEmpty {
            prepend(plan.prepending, to: c)
        }
    }

    /// New members after the last one that stays, each on a line of its own, keeping the
    /// file's trailing-comma habit.
    private mutating func append(_ items: [ContainerPlan.Item], after s: MemberLocation, in c: ContainerLocation,
                                 trailingComma: Bool) {
        let end = s.value.end.offset
        let (anchor, consumedComma) = layout.endOfMemberLine(after: end)
        let indent = indent(of: s, in: c)
        var text = items.map { newline + indent + memberText($0, inline: false, base: indent) }.joined(separator: ",")
        text += trailingComma ? "," : ""
        if anchor == c.span.end.offset - 1 && !consumedComma {
            // `"last": 1 }`: the closing bracket moves to a line of its own, under its opening line.
            replace(end..<anchor, with: "," + text + newline + layout.lineIndent(c.span.start.offset))
            return
        }
        if !consumedComma { insert(",", at: end) }
        insert(text, at: anchor)
    }

    /// New members before the others, after the opening brace and any comment on its line.
    private mutating func prepend(_ items: [ContainerPlan.Item], to c: ContainerLocation) {
        let indent = memberIndent(c)
        let text = items.map { newline + indent + memberText($0, inline: false, base: indent) + "," }.joined()
        let open = c.span.start.offset + 1
        let (anchor, ownLine) = layout.endOfOpeningLine(after: open)
        if ownLine {
            insert(text, at: anchor)
        } else {
            // `{ "first": ...` on one line: the first member moves to a line of its own.
            replace(open..<layout.skipSpaces(from: open), with: text + newline + indent)
        }
    }

    /// A container written on one line (`["a", "b"]`, a minified file): members are removed
    /// with the separator before them (after them for those before the first one that stays),
    /// so no comma is left dangling, and new ones are joined with the separator already used.
    private mutating func applyOnOneLine(_ plan: ContainerPlan, to c: ContainerLocation, firstSurvivor: Int, lastSurvivor: Int) {
        let separator = oneLineSeparator(c)
        let tight = isTight(c)
        for i in plan.removing.sorted() {
            if i < firstSurvivor {
                delete(c.members[i].start..<c.members[i + 1].start)
            } else {
                delete(c.members[i - 1].value.end.offset..<c.members[i].value.end.offset)
            }
        }
        if !plan.appending.isEmpty {
            let text = plan.appending.map { separator + memberText($0, inline: true, base: "", tight: tight) }.joined()
            insert(text, at: c.members[lastSurvivor].value.end.offset)
        }
        if !plan.prepending.isEmpty {
            let text = plan.prepending.map { memberText($0, inline: true, base: "", tight: tight) + separator }.joined()
            insert(text, at: c.members[0].start)
        }
    }

    /// What stands between the first two members (", " or ","); for a single member, "," when
    /// it is written without spaces (`{"a":1}`), else ", ".
    private func oneLineSeparator(_ c: ContainerLocation) -> String {
        guard c.members.count >= 2 else { return isTight(c) ? "," : ", " }
        let between = layout.bytes[c.members[0].value.end.offset..<c.members[1].start]
        let isPlain = between.allSatisfy { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard isPlain, between.filter({ $0 == UInt8(ascii: ",") }).count == 1 else { return ", " }
        return String(decoding: between, as: UTF8.self)
    }

    /// Minified: no space after the first member's colon.
    private func isTight(_ c: ContainerLocation) -> Bool {
        guard let first = c.members.first, first.keySpan != nil else { return false }
        return layout.bytes[first.value.start.offset - 1] == UInt8(ascii: ":")
    }

    /// Every member goes (or there were none): rewrite the container, unless comments inside
    /// it would be lost, in which case members are deleted one by one and new ones go before
    /// the closing brace.
    private mutating func replaceAllMembers(of c: ContainerLocation, with items: [ContainerPlan.Item],
                                            removing: Set<Int>, base: String) {
        if items.isEmpty && removing.isEmpty { return }
        if interiorIsClean(c) {
            replace(c.span.start.offset..<c.span.end.offset, with: containerText(items, isArray: c.isArray, base: base))
            return
        }
        for i in removing.sorted() { delete(memberRange(c.members[i])) }
        guard !items.isEmpty else { return }
        let close = c.span.end.offset - 1
        let inner = base + unit
        let body = items.map { inner + memberText($0, inline: false, base: inner) }.joined(separator: "," + newline)
        if layout.isFirstOnLine(close) {
            insert(body + newline, at: layout.lineStart(close))
        } else {
            insert(newline + body + newline + base, at: close)
        }
    }

    // MARK: - Where things are

    /// The indentation of a member's line, when it starts the line; else the container's.
    private func indent(of m: MemberLocation, in c: ContainerLocation) -> String {
        layout.isFirstOnLine(m.start) ? layout.lineIndent(m.start) : memberIndent(c)
    }

    private func memberIndent(_ c: ContainerLocation) -> String {
        if let m = c.members.first(where: { layout.isFirstOnLine($0.start) }) { return layout.lineIndent(m.start) }
        return layout.lineIndent(c.span.start.offset) + unit
    }

    /// The offset of the comma that follows a member, if one does.
    private func comma(after m: MemberLocation) -> Int? {
        guard let i = layout.nextSignificant(from: m.value.end.offset), layout.bytes[i] == UInt8(ascii: ",") else { return nil }
        return i
    }

    /// A member with its comma; with its whole line (and a comment on it) when it has one.
    private func memberRange(_ m: MemberLocation) -> Range<Int> {
        let end = comma(after: m).map { $0 + 1 } ?? m.value.end.offset
        if layout.isFirstOnLine(m.start), let lineEnd = layout.endOfBlankLine(from: end) {
            return layout.lineStart(m.start)..<lineEnd
        }
        return m.start..<layout.skipSpaces(from: end)
    }

    /// Only white space and commas between the brackets, apart from the members.
    private func interiorIsClean(_ c: ContainerLocation) -> Bool {
        var i = c.span.start.offset + 1
        var members = c.members[...]
        while i < c.span.end.offset - 1 {
            if let m = members.first, i == m.start {
                i = m.value.end.offset
                members = members.dropFirst()
                continue
            }
            switch layout.bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","): i += 1
            default: return false
            }
        }
        return true
    }

    // MARK: - Text

    private func valueText(_ value: JSONValue, inline: Bool, base: String) -> String {
        if inline { return JSONWriter.compact(value) }
        return JSONWriter.pretty(value, indentUnit: unit, level: 0).replacingAll("\n", with: newline + base)
    }

    private func memberText(_ item: ContainerPlan.Item, inline: Bool, base: String, tight: Bool = false) -> String {
        (item.key.map { JSONWriter.quoted($0) + (tight ? ":" : ": ") } ?? "") + valueText(item.value, inline: inline, base: base)
    }

    /// A whole new container: arrays on one line, objects one member a line.
    private func containerText(_ items: [ContainerPlan.Item], isArray: Bool, base: String) -> String {
        let (open, close) = isArray ? ("[", "]") : ("{", "}")
        if items.isEmpty { return open + close }
        if isArray { return open + items.map { memberText($0, inline: true, base: "") }.joined(separator: ", ") + close }
        let inner = base + unit
        return open + items.map { newline + inner + memberText($0, inline: false, base: inner) }.joined(separator: ",")
            + newline + base + close
    }

    // MARK: - Edits

    private mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range, text, edits.count))
    }

    private mutating func insert(_ text: String, at offset: Int) { replace(offset..<offset, with: text) }
    private mutating func delete(_ range: Range<Int>) { replace(range, with: "") }

    /// The edited text; nil when two edits overlap (a layout this editor does not handle).
    func result() -> [UInt8]? {
        if edits.isEmpty { return layout.bytes }  // shared, not copied
        let sorted = edits.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.order) < ($1.range.lowerBound, $1.range.upperBound, $1.order)
        }
        // The exact size, so the text is never regrown: a copy of a 30 MiB file while it grows
        // was the peak of a whole apply.
        var size = layout.bytes.count
        for edit in sorted { size += edit.text.utf8.count - edit.range.count }
        var out: [UInt8] = []
        out.reserveCapacity(max(0, size))
        var cursor = 0
        for edit in sorted {
            guard edit.range.lowerBound >= cursor else { return nil }
            out += layout.bytes[cursor..<edit.range.lowerBound]
            out += edit.text.utf8
            cursor = edit.range.upperBound
        }
        out += layout.bytes[cursor...]
        return out
    }
}
