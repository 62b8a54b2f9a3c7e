import OpenCodeConfig
import Testing

@Suite("unified diff")
struct DiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(unifiedDiff(old: "a\nb\n", new: "a\nb\n", path: "x.json") == "")
    }

    @Test func oneChangeWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingAll("line 5\n", with: "line five\n")
        #expect(unifiedDiff(old: old, new: new, path: "/home/ana/opencode.json") == """
            --- a/home/ana/opencode.json
            +++ b/home/ana/opencode.json
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingAll("l2\n", with: "").replacingAll("l18\n", with: "l18\nnew\n")
        #expect(unifiedDiff(old: old, new: new, path: "f") == """
            --- a/f
            +++ b/f
            @@ -1,5 +1,4 @@
             l1
            -l2
             l3
             l4
             l5
            @@ -16,5 +15,6 @@
             l16
             l17
             l18
            +new
             l19
             l20

            """)
    }

    @Test func nearChangesShareAHunk() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let new = "A\nb\nc\nd\ne\nf\ng\nH\n"
        let diff = unifiedDiff(old: old, new: new, path: "f")
        #expect(diff.components(separatedBy: "@@ ").count == 2)
        #expect(diff.contains("@@ -1,8 +1,8 @@\n"))
    }

    @Test func aNewFile() {
        #expect(unifiedDiff(old: "", new: "{\n}\n", path: "o.json") == """
            --- /dev/null
            +++ b/o.json
            @@ -0,0 +1,2 @@
            +{
            +}

            """)
    }

    @Test func aMissingFinalLineBreakIsMarked() {
        #expect(unifiedDiff(old: "a\nb", new: "a\nb\n", path: "f") == """
            --- a/f
            +++ b/f
            @@ -1,2 +1,2 @@
             a
            -b
            \\ No newline at end of file
            +b

            """)
    }

    @Test func aLargeRewriteStillDiffs() {
        let old = (1...3000).map { "o\($0)" }.joined(separator: "\n") + "\n"
        let new = (1...3000).map { "n\($0)" }.joined(separator: "\n") + "\n"
        let diff = unifiedDiff(old: old, new: new, path: "f")
        #expect(diff.hasPrefix("--- a/f\n+++ b/f\n@@ -1,3000 +1,3000 @@\n-o1\n"))
        #expect(diff.split(separator: "\n").count == 3 + 6000)
    }
}
