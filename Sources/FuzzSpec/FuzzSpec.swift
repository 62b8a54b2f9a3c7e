// libFuzzer target: arbitrary bytes -> YAML reader -> schema -> semantic checks -> diagnostics.
// Any crash, hang or runaway allocation is a bug. `make fuzz` builds it with -DFUZZING and
// --sanitize=fuzzer; a plain build is a replayer: `FuzzSpec FILE...` runs the same code on files.
import Foundation
internal import ProviderSpec

func exercise(_ bytes: [UInt8]) {
    let loaded = SpecLoader.standard.load(bytes: bytes, file: "fuzz.yaml")
    // Formatting reads positions back out of the source text: exercise that path too.
    for format in DiagnosticFormat.allCases {
        let formatter = DiagnosticFormatter(format: format)
        for d in loaded.diagnostics { _ = formatter.render(d, source: loaded.bytes) }
    }
    precondition(loaded.spec == nil || !loaded.hasErrors, "a spec was returned despite errors")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    exercise(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            exercise([UInt8](data))
            print("\(path): ok")
        }
    }
}
#endif
