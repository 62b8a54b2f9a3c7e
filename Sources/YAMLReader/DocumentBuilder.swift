internal import CYAML
internal import JSONCore

/// Builds the value and its source map from libyaml events, one event at a time, keeping
/// the open collections on an explicit stack (no recursion, so depth costs no stack).
struct DocumentBuilder {
    /// An open collection, or the document that will hold the root.
    struct Frame {
        enum Kind { case document, mapping, sequence }
        var kind: Kind
        /// Block collections end where their last child ends; libyaml's end mark for them is
        /// the start of the next token, past comments and blank lines.
        var isBlock: Bool
        /// The collection's own entry in the source map.
        var node: Int
        var object = JSONObject()
        var array: [JSONValue] = []
        /// The key waiting for its value; nil while a mapping expects a key.
        var key: String?
        /// Where that key was written, as byte offsets.
        var keyRange: Range<Int>?
        /// The byte offset where the last child ended.
        var lastEnd: Int
        /// Collections on the longest path down from here, this one included.
        var height = 1
        var anchor: String?
    }

    var positions: Positions
    let maxDepth: Int
    let aliasBudget: Int
    var map: SourceMap
    /// The innermost open frame, kept out of the array: most events touch only it.
    var top = Frame(kind: .document, isBlock: false, node: -1, lastEnd: 0)
    /// The frames around `top`, outermost first; its count is the nesting depth of `top`.
    var outer: [Frame] = []
    var sizeHints = SizeHints()
    var anchors: [String: Anchor] = [:]
    /// String values too long to be stored inline (over 15 bytes), each kept once: a spec
    /// repeats model ids, names and URLs across providers, and every copy would be a heap
    /// allocation of its own.
    var longStrings = Set<String>()
    /// Nodes added by alias expansion so far.
    var expanded = 0
    var root: JSONValue?
    /// Where the root was a blank plain scalar (`---` and nothing else): an empty document.
    var blankRoot: SourcePosition?
    var sawDocument = false
    var streamEnd = SourcePosition(line: 1, column: 1, offset: 0)

    /// `source` is the whole input, byte order mark included: what source map offsets count.
    init(positions: Positions, limits: YAMLLimits, source: [UInt8]) {
        self.positions = positions
        maxDepth = limits.maxDepth
        aliasBudget = limits.aliasBudget(forInputOf: source.count)
        map = SourceMap(text: source, lineBreaks: .yaml)
        // Specs run about one node per 22 bytes. Reserving a little more saves the regrowth
        // copies, and capacity never written costs no memory.
        map.reserveCapacity(min(source.count / 16, 1 << 22))
        outer.reserveCapacity(16)
    }

    /// Takes one event; returns true at the end of the stream.
    mutating func handle(_ event: UnsafePointer<yaml_event_t>) throws(YAMLError) -> Bool {
        let e = event.pointee
        switch e.type {
        case YAML_SCALAR_EVENT:
            try scalar(e)
        case YAML_MAPPING_START_EVENT:
            let d = e.data.mapping_start
            try startCollection(
                e, mapping: true, block: d.style == YAML_BLOCK_MAPPING_STYLE, tag: d.tag, anchor: d.anchor)
        case YAML_SEQUENCE_START_EVENT:
            let d = e.data.sequence_start
            try startCollection(
                e, mapping: false, block: d.style == YAML_BLOCK_SEQUENCE_STYLE, tag: d.tag, anchor: d.anchor)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            endCollection(e)
        case YAML_ALIAS_EVENT:
            try alias(e)
        case YAML_DOCUMENT_START_EVENT:
            if sawDocument {
                throw YAMLError(
                    kind: .multipleDocuments,
                    message: "a second document starts here; the file must hold exactly one",
                    position: positions.position(e.start_mark))
            }
            sawDocument = true
        case YAML_STREAM_END_EVENT:
            streamEnd = positions.position(e.start_mark)
            return true
        default:
            break  // stream start, document end
        }
        return false
    }

    /// The document, once the stream has ended.
    func finish() throws(YAMLError) -> YAMLDocument {
        guard let root else {
            throw YAMLError(kind: .empty, message: "the document is empty", position: streamEnd)
        }
        if let blankRoot {
            throw YAMLError(kind: .empty, message: "the document is empty", position: blankRoot)
        }
        return YAMLDocument(value: root, sourceMap: map)
    }

    // MARK: Nodes

    var awaitingKey: Bool { top.kind == .mapping && top.key == nil }

    /// The key range a value node records: its key's, if it is a mapping value.
    var parentKeyRange: Range<Int>? { top.kind == .mapping ? top.keyRange : nil }

    private mutating func scalar(_ e: yaml_event_t) throws(YAMLError) {
        let d = e.data.scalar
        let bytes = UnsafeBufferPointer(start: d.value, count: d.length)
        let tag = d.tag == nil ? Tag.none : Tag(d.tag)
        let plain = d.style == YAML_PLAIN_SCALAR_STYLE
        let start = positions.offset(e.start_mark)
        let end = positions.offset(e.end_mark)
        if awaitingKey {
            let key: String
            do throws(ScalarProblem) { key = try Scalars.key(bytes, tag: tag, plain: plain) } catch {
                throw YAMLError(error, at: positions.position(e.start_mark))
            }
            try setKey(key, range: start..<end)
            if let anchor = d.anchor {
                anchors[String(cString: anchor)] = Anchor(value: .string(key), node: -1, count: 1, height: 0)
            }
            return
        }
        var value: JSONValue
        do throws(ScalarProblem) { value = try Scalars.value(bytes, tag: tag, plain: plain) } catch {
            throw YAMLError(error, at: positions.position(e.start_mark))
        }
        if case .string(let s) = value, s.utf8.count > 15 { value = .string(longStrings.insert(s).memberAfterInsert) }
        let node = map.open(valueStart: start, key: parentKeyRange)
        map.close(node, valueEnd: end)
        if let anchor = d.anchor {
            anchors[String(cString: anchor)] = Anchor(value: value, node: node, count: 1, height: 0)
        }
        if top.kind == .document, bytes.isEmpty, plain, tag == .none, d.anchor == nil {
            blankRoot = positions.position(e.start_mark)
        }
        attach(value, end: end, height: 0)
    }

    /// Records the key the open mapping's next value goes with, refusing a repeated one.
    mutating func setKey(_ key: String, range: Range<Int>) throws(YAMLError) {
        if let first = top.object.position(of: key) {
            var message = "duplicate key '\(key)'"
            if let firstSpan = keySpan(ofMember: first, inMappingAt: top.node) {
                message += "; it is first defined at line \(firstSpan.start.line)"
            }
            throw YAMLError(kind: .duplicateKey, message: message, position: map.position(ofOffset: range.lowerBound))
        }
        top.key = key
        top.keyRange = range
    }

    /// The key span of a mapping's member, found by skipping its earlier members' subtrees.
    private func keySpan(ofMember member: Int, inMappingAt node: Int) -> SourceSpan? {
        var child = node + 1
        for _ in 0..<member { child += map[child].descendants + 1 }
        return child < map.count ? map[child].key : nil
    }

    private mutating func startCollection(
        _ e: yaml_event_t, mapping: Bool, block: Bool, tag: UnsafeMutablePointer<UInt8>?,
        anchor: UnsafeMutablePointer<UInt8>?
    ) throws(YAMLError) {
        let start = positions.position(e.start_mark)
        let what = mapping ? "mapping" : "sequence"
        if awaitingKey {
            throw YAMLError(
                kind: .nonStringKey, message: "a \(what) cannot be a key: JSON object keys are strings", position: start
            )
        }
        if tag != nil {
            let t = Tag(tag)
            switch t {
            case .nonSpecific: break
            case .map where mapping: break
            case .seq where !mapping: break
            case .other: throw YAMLError(Scalars.unknownTag(t), at: start)
            default:
                throw YAMLError(kind: .tagMismatch, message: "\(t.display) does not fit a \(what)", position: start)
            }
        }
        if outer.count + 1 > maxDepth {
            throw YAMLError(kind: .tooDeep, message: "nesting deeper than \(maxDepth) levels", position: start)
        }
        let node = map.open(valueStart: start.offset, key: parentKeyRange)
        var frame = Frame(
            kind: mapping ? .mapping : .sequence, isBlock: block, node: node, lastEnd: start.offset,
            anchor: anchor.map { String(cString: $0) })
        let hint = sizeHints.hint(depth: outer.count, mapping: mapping)
        if mapping { frame.object.reserveCapacity(hint) } else { frame.array.reserveCapacity(hint) }
        outer.append(top)
        top = frame
    }

    private mutating func endCollection(_ e: yaml_event_t) {
        var frame = outer.removeLast()
        swap(&frame, &top)
        let mapping = frame.kind == .mapping
        sizeHints.record(mapping ? frame.object.count : frame.array.count, depth: outer.count, mapping: mapping)
        let end = frame.isBlock ? frame.lastEnd : positions.offset(e.end_mark)
        map.close(frame.node, valueEnd: end)
        let value: JSONValue = mapping ? .object(frame.object) : .array(frame.array)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchor(value: value, node: frame.node, count: map.count - frame.node, height: frame.height)
        }
        attach(value, end: end, height: frame.height)
    }

    /// Adds a finished node to the open collection (or makes it the root).
    mutating func attach(_ value: JSONValue, end: Int, height: Int) {
        switch top.kind {
        case .mapping:
            let key = top.key!
            top.key = nil
            top.object.append(key, value)
        case .sequence:
            top.array.append(value)
        case .document:
            root = value
        }
        top.lastEnd = end
        if height >= top.height { top.height = height + 1 }
    }

    /// True if an open collection carries this anchor.
    func isOpen(anchor name: String) -> Bool {
        top.anchor == name || outer.contains { $0.anchor == name }
    }

    /// How many collections are open: the depth a node added now sits below.
    var depth: Int { outer.count }
}

extension YAMLError {
    init(_ problem: ScalarProblem, at position: SourcePosition) {
        self.init(kind: problem.kind, message: problem.message, position: position)
    }
}
