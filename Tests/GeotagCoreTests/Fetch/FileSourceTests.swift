import Foundation
import Testing
@testable import GeotagCore

@Suite struct FileSourceTests {
    /// A small tree with every kind of file the source meets.
    private func makeTree() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("seeds/b.txt", "Bravo")
        try folder.write("seeds/a.txt", "Alpha")
        try folder.write("seeds/sub/c.HTML", "<p>Charlie</p>")
        try folder.write("seeds/sub/d.htm", "<p>Delta</p>")
        try folder.write("seeds/e.md", "# Echo")
        try folder.write("seeds/notes.pdf", "skipped")
        try folder.write("seeds/README", "skipped")
        try folder.write("seeds/.hidden.txt", "skipped")
        try folder.write("seeds/.git/x.txt", "skipped")
        return folder
    }

    @Test func folderIsWalkedRecursivelyInSortedOrderWithKnownExtensionsOnly() throws {
        let folder = try makeTree()
        let items = ScratchFolder.items(of: FileSource(name: "seeds", path: "seeds", baseDirectory: folder.path))
        #expect(items.map(\.location) == ["seeds/a.txt", "seeds/b.txt", "seeds/e.md", "seeds/sub/c.HTML", "seeds/sub/d.htm"])
        #expect(items.map { $0.document?.format } == [.text, .text, .markdown, .html, .html])
        #expect(items.allSatisfy { $0.document?.source == "seeds" && $0.document?.url == nil })
        #expect(items.first?.document?.body == Array("Alpha".utf8))
    }

    /// A folder larger than one buffer of `readdir` entries, with names of every length
    /// up to 255 bytes and beyond ASCII: every name comes back whole (and, under
    /// AddressSanitizer, nothing is read past the entries).
    @Test func aLargeFolderListsEveryName() throws {
        let folder = try ScratchFolder()
        let names = (0..<3_000).map { i in
            "\(i)-" + String(repeating: i % 3 == 0 ? "é" : "a", count: i % 120) + ".txt"
        }
        for name in names { try folder.write("many/\(name)", "x") }
        #expect(try FileSystem.names(inFolder: folder.path + "/many").sorted() == names.sorted())
    }

    @Test func locationIsThePathAsConfigured() throws {
        let folder = try makeTree()
        for configured in ["seeds/", "./seeds", "seeds//"] {
            let (files, _) = FileSource(name: "s", path: configured, baseDirectory: folder.path).locations()
            #expect(files.first == "seeds/a.txt", "configured as \(configured)")
        }
        let absolute = folder.path + "/seeds"
        let (files, _) = FileSource(name: "s", path: absolute, baseDirectory: "/nonexistent").locations()
        #expect(files.first == absolute + "/a.txt")
        let (single, _) = FileSource(name: "s", path: "seeds/b.txt", baseDirectory: folder.path).locations()
        #expect(single == ["seeds/b.txt"])
    }

    @Test func globsMatchFilesAndFolders() throws {
        let folder = try makeTree()
        func files(_ pattern: String) -> [String] {
            FileSource(name: "s", path: pattern, baseDirectory: folder.path).locations().files
        }
        #expect(files("seeds/*.txt") == ["seeds/a.txt", "seeds/b.txt"])
        #expect(files("seeds/**/*.htm*") == ["seeds/sub/d.htm"])
        #expect(files("seeds/**/*.[hH][tT][mM][lL]") == ["seeds/sub/c.HTML"])
        #expect(files("seeds/**") == ["seeds/a.txt", "seeds/b.txt", "seeds/e.md", "seeds/sub/c.HTML", "seeds/sub/d.htm"])
        #expect(files("*/?.txt") == ["seeds/a.txt", "seeds/b.txt"])
        #expect(files("seeds/[!a].txt") == ["seeds/b.txt"])
        #expect(files("seeds/.*.txt") == ["seeds/.hidden.txt"])
        #expect(files("nothing/*.txt").isEmpty)
    }

    @Test func globComponentMatching() {
        func match(_ pattern: String, _ name: String) -> Bool {
            GlobPattern.matches(Array(pattern.unicodeScalars), name: name)
        }
        #expect(match("*.txt", "a.txt"))
        #expect(match("*", "x"))
        #expect(!match("*.txt", "a.txt.bak"))
        #expect(match("a*b*c", "aXbYbZc"))
        #expect(!match("a*b*c", "aXbYbZ"))
        #expect(match("[a-c]?", "bz"))
        #expect(!match("[a-c]?", "dz"))
        #expect(match("[^a]x", "bx"))
        #expect(match("[]]", "]"))
        #expect(match("[x", "[x"))
        #expect(match("\\*", "*"))
        #expect(!match("\\*", "a"))
        #expect(!match("*", ".hidden"))
        #expect(match("دير*", "دير الزور"))
    }

    @Test func jsonLinesGiveOneDocumentPerGoodLineAndAFailurePerBadOne() throws {
        let folder = try ScratchFolder()
        try folder.write("wire.jsonl", """
            {"url": "https://example.org/a", "title": "A", "published": "2024-03-05", "text": "Text of A"}
            not json at all

            {"url": "https://example.org/b", "html": "<p>B</p>"}
            ["an", "array"]
            {"title": "no body", "text": "  "}
            {"text": "last", "published": 2024}
            """)
        let items = ScratchFolder.items(of: FileSource(name: "wire", path: "wire.jsonl", baseDirectory: folder.path))
        #expect(items.map(\.location) == (["#L1", "#L2", "#L4", "#L5", "#L6", "#L7"].map { "wire.jsonl" + $0 }))

        let first = try #require(items[0].document)
        #expect(first.url == "https://example.org/a")
        #expect(first.title == "A")
        #expect(first.published == "2024-03-05")
        #expect(first.format == .text)
        #expect(first.body == Array("Text of A".utf8))
        #expect(items[2].document?.format == .html)
        #expect(items[2].document?.body == Array("<p>B</p>".utf8))
        #expect(items[5].document?.published == nil)

        for index in [1, 3, 4] {
            let failure = try #require(items[index].failure)
            #expect(failure.stage == .fetch)
            #expect(failure.source == "wire")
        }
        #expect(items[1].failure?.reason == "line 2: not a JSON object")
        #expect(items[4].failure?.reason == "line 6: neither \"text\" nor \"html\"")
    }

    @Test func jsonLinesWithAByteOrderMarkAndWindowsLineEnds() throws {
        let folder = try ScratchFolder()
        try folder.write("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n".utf8))
        let items = ScratchFolder.items(of: FileSource(name: "b", path: "bom.jsonl", baseDirectory: folder.path))
        #expect(items.map { $0.document?.body } == [Array("one".utf8), Array("two".utf8)])
    }

    @Test func unreadableFilesAndMissingPathsAreFailuresThatDoNotStopTheRest() throws {
        let folder = try ScratchFolder()
        try folder.write("in/a.txt", "fine")
        try folder.write("in/c.txt", "fine too")
        // A dangling link cannot be read even by root, unlike a file without permissions.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/in/b.txt", withDestinationPath: folder.path + "/gone.txt")
        let items = ScratchFolder.items(of: FileSource(name: "in", path: "in", baseDirectory: folder.path))
        #expect(items.map(\.location) == ["in/a.txt", "in/b.txt", "in/c.txt"])
        let failure = try #require(items[1].failure)
        #expect(failure.stage == .fetch)
        #expect(failure.reason == "cannot read: No such file or directory")
        #expect(items[2].document?.body == Array("fine too".utf8))

        let missing = ScratchFolder.items(of: FileSource(name: "x", path: "no/such/folder", baseDirectory: folder.path))
        #expect(missing.count == 1)
        #expect(missing.first?.failure?.location == "no/such/folder")
    }

    @Test func linkedFoldersAreNotEnteredByWalks() throws {
        let folder = try ScratchFolder()
        try folder.write("tree/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/tree/loop", withDestinationPath: folder.path + "/tree")
        let (files, failures) = FileSource(name: "t", path: "tree", baseDirectory: folder.path).locations()
        #expect(files == ["tree/a.txt"])
        #expect(failures.isEmpty)
    }

    @Test func deliverCanStopTheSource() throws {
        let folder = try makeTree()
        let source = FileSource(name: "seeds", path: "seeds", baseDirectory: folder.path)
        let seen = ScratchCounter()
        source.fetch { _ in seen.increment() < 2 }
        #expect(seen.value == 2)
    }
}
