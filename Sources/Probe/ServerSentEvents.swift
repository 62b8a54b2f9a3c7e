import FoundationEssentials

/// Server-sent events of a body, each with the time its last byte arrived.
enum SSE {
    struct Event {
        var data: String
        var ms: Double
    }

    static func events(_ exchange: Exchange) -> [Event] {
        var events: [Event] = []
        var offset = 0
        var arrivalIndex = 0
        var consumed = 0
        var line: [UInt8] = []
        var data: [String] = []
        func arrival(at byte: Int) -> Double {
            while arrivalIndex < exchange.arrivals.count, consumed + exchange.arrivals[arrivalIndex].bytes <= byte {
                consumed += exchange.arrivals[arrivalIndex].bytes
                arrivalIndex += 1
            }
            return arrivalIndex < exchange.arrivals.count ? exchange.arrivals[arrivalIndex].ms : (exchange.arrivals.last?.ms ?? 0)
        }
        for byte in exchange.body {
            defer { offset += 1 }
            if byte != UInt8(ascii: "\n") {
                if byte != UInt8(ascii: "\r") { line.append(byte) }
                continue
            }
            let text = String(decoding: line, as: UTF8.self)
            line.removeAll(keepingCapacity: true)
            if text.isEmpty {
                if !data.isEmpty { events.append(Event(data: data.joined(separator: "\n"), ms: arrival(at: offset))) }
                data.removeAll()
            } else if text.hasPrefix("data:") {
                data.append(String(text.dropFirst(5).drop { $0 == " " }))
            }
        }
        if !line.isEmpty, let text = Optional(String(decoding: line, as: UTF8.self)), text.hasPrefix("data:") {
            data.append(String(text.dropFirst(5).drop { $0 == " " }))
        }
        if !data.isEmpty { events.append(Event(data: data.joined(separator: "\n"), ms: arrival(at: max(0, offset - 1)))) }
        return events
    }
}
