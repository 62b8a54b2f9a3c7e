import Foundation
import ProviderSpec
import Testing

/// Inputs the fuzzer (make fuzz) found, and hand-made hostile ones: each must load to
/// diagnostics that point inside the text, never crash or hang.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Repository.path("Tests/ProviderSpecTests/FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("each kept input loads to diagnostics that point inside it", arguments: inputs)
    func input(name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name))
        let loaded = SpecLoader.standard.load(bytes: [UInt8](bytes), file: name)
        #expect(loaded.spec != nil || loaded.hasErrors)
        for d in loaded.diagnostics {
            if let p = d.position {
                #expect(p.line >= 1 && p.column >= 1 && p.offset <= bytes.count, "\(d)")
            }
            _ = DiagnosticFormatter(format: .text).render(d, source: loaded.bytes)
        }
    }

    @Test("the folder is not empty")
    func notEmpty() { #expect(Self.inputs.count >= 3) }
}
