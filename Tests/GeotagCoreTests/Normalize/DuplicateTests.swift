import CKernels
import Foundation
import Testing
@testable import GeotagCore

/// Exact and near-duplicate detection: syndicated copies are caught, different stories
/// about the same event are not merged.
@Suite struct DuplicateTests {
    /// The wire story of fixture 11, as geotag cleans it.
    static let wire: String = {
        let page = FixturePageTests.pages.first { $0.name == "11-wire-agency" }!
        return (try? normalizePage(page.html, location: page.location).text) ?? ""
    }()

    /// Another outlet's own story about the same deal: the same event, names, figures
    /// and even one sentence of the ministry's statement, written anew.
    static let sameEventOtherStory = """
        Oil deal ends Kurdish export freeze, but questions over payments remain

        ERBIL — The Kurdistan region will be able to sell its oil abroad again after the \
        federal government in Baghdad and Ankara settled on terms for the pipeline to Ceyhan, \
        which has been idle since an arbitration ruling in March 2023.

        Officials in Erbil said they expected the first tankers to load at the Turkish port \
        before the end of the month. The deal gives SOMO, the federal marketer, control of \
        sales, a point Baghdad had insisted on throughout two years of talks.

        For the region's government the stakes are high: salaries of public employees have \
        been paid late for months, and the shutdown cut off most of its own income. Economists \
        in Sulaymaniyah warned that the budget law still leaves the region dependent on \
        transfers that Baghdad has often delayed.

        Turkey’s energy ministry said the pipeline had been maintained throughout the halt and \
        could carry up to 450,000 barrels per day.

        Producers, who say they are owed more than a billion dollars, want guarantees before \
        they raise output from fields near Duhok and Zakho.
        """

    private func signature(_ text: String) -> TextSignature { TextSignature(text: text) }

    private func classify(_ index: inout DuplicateIndex, _ id: String, _ text: String, published: String? = nil) -> DuplicateIndex.Decision {
        index.classify(docID: id, contentHash: SHA256.hex(Array(text.utf8)), signature: signature(text), published: published)
    }

    @Test func signaturesAreStableAndRoundTrip() throws {
        let first = signature(Self.wire)
        #expect(first == signature(Self.wire))
        #expect(first.values.count == TextSignature.count)
        #expect(first.shingles > 200)
        #expect(TextSignature(bytes: first.bytes) == first)
        #expect(TextSignature(bytes: [1, 2, 3]) == nil)
        #expect(first.similarity(to: first) == 1)
        // Case, punctuation and spacing do not matter, words do.
        #expect(signature("Fighting near Deir ez-Zor, on Monday!") == signature("fighting  NEAR deir EZ zor on monday"))
        // Fixed hashes: the same values in every process (a stored signature stays valid).
        #expect(signature("The Nasib border crossing extends its hours").values.prefix(2) == [975_242_045, 1_473_105_038])
        // All 64 values of a whole article, as a checksum: stored signatures stay comparable
        // with new ones only while every function stays the same.
        #expect(first.values.reduce(UInt64(0)) { $0 &* 1_000_003 &+ UInt64($1) } == 729_744_350_494_386_684)
        // The same beyond ASCII: letters of many scripts and cases, digits, marks, symbols
        // (the value the scalar-by-scalar walk of stop 17 stored for this text).
        let mixed = String(repeating: """
            ÉCOLE Ünited İstanbul ΑΘΗΝΑ Αθήνα МОСКВА Москва ẞtraße STRASSE Ǆemal ǅemal ǆemal ½ ² ٣ ٤ digits 123 \
            x\u{301}y e\u{301} ﬁnal ＡＢＣ 😀 العراق بغداد دير الزور ديالى end of the text here with more words to shingle
            """, count: 3)
        #expect(signature(mixed).values.reduce(UInt64(0)) { $0 &* 1_000_003 &+ UInt64($1) } == 2_653_760_099_109_575_442)
    }

    /// Every fold this CPU runs (eight functions at once with AVX-512, four with AVX2,
    /// and the widest of them as `geotag_minhash_fold`) gives the minima of the
    /// one-by-one fold of every other CPU: a signature stored on one machine compares
    /// with one made on another.
    @Test func theVectorFoldsAndThePortableFoldAgree() {
        var random = SplitMix64(seed: 9)
        let seeds = (0..<TextSignature.count).map { _ in random.next() }
        for count in [0, 1, 7, 300] {
            let shingles = (0..<count).map { _ in random.next() }
            var portable = [UInt64](repeating: .max, count: seeds.count)
            #expect(geotag_minhash_fold_with(GEOTAG_FOLD_PORTABLE, shingles, shingles.count, seeds, &portable))
            #expect(count == 0 || portable.allSatisfy { $0 < .max })
            var dispatched = [UInt64](repeating: .max, count: seeds.count)
            geotag_minhash_fold(shingles, shingles.count, seeds, &dispatched)
            #expect(dispatched == portable, "\(count) shingles, the widest fold")
            for path in [GEOTAG_FOLD_AVX2, GEOTAG_FOLD_AVX512] {
                var minima = [UInt64](repeating: .max, count: seeds.count)
                guard geotag_minhash_fold_with(path, shingles, shingles.count, seeds, &minima) else { continue }
                #expect(minima == portable, "\(count) shingles, path \(path.rawValue)")
            }
        }
    }

    @Test func theSyndicatedCopyOfTheWireStoryIsANearDuplicate() throws {
        let page = try #require(FixturePageTests.pages.first { $0.name == "28-syndicated-wire-copy" })
        let copy = try normalizePage(page.html, location: page.location).text
        #expect(copy != Self.wire)
        let similarity = signature(Self.wire).similarity(to: signature(copy))
        #expect(similarity >= DuplicateIndex.threshold, "similarity \(similarity)")
        var index = DuplicateIndex()
        #expect(classify(&index, "wire", Self.wire, published: "2025-05-14T13:27:00Z") == .original)
        #expect(classify(&index, "copy", copy, published: "2025-05-14T16:45:00+03:00") == .duplicate(of: "wire"))
    }

    @Test(arguments: [
        ("a new header", "KURDISTAN BUSINESS REPORT | Energy desk | Updated 14 May 2025\n\n" + DuplicateTests.wire),
        ("a new footer", DuplicateTests.wire + "\n\n© 2025 Gulf Energy Post. Republished under licence. Follow us for more news on oil and gas in Iraq."),
        ("both", "From our wire partners\n\n" + DuplicateTests.wire + "\n\nMore stories from Erbil and Baghdad on our website."),
        ("a changed sentence", DuplicateTests.wire.replacingOccurrences(
            of: "Flows of about 185,000 barrels per day could resume within two weeks once technical checks are completed on the Turkish side of the line, an Iraqi oil ministry official said.",
            with: "An Iraqi oil ministry official said that about 185,000 barrels per day might start flowing again in two weeks, after the Turkish side checks the line.")),
        ("a dropped paragraph and a new headline", DuplicateTests.wire
            .replacingOccurrences(of: "Iraq and Turkey agree to restart northern oil pipeline after two-year halt", with: "Pipeline to Ceyhan to reopen, Baghdad says")
            .replacingOccurrences(of: "\n\nTurkey’s energy ministry said the pipeline had been maintained throughout the halt and could carry up to 450,000 barrels per day.", with: "")),
    ])
    func copiesThatDifferInHeaderFooterOrASentenceAreCaught(change: String, copy: String) {
        #expect(copy != Self.wire)
        // Neither has a date, so the smaller doc_id is the original.
        var index = DuplicateIndex()
        #expect(classify(&index, "1-original", Self.wire) == .original)
        #expect(classify(&index, "2-copy", copy) == .duplicate(of: "1-original"), "\(change): similarity \(signature(Self.wire).similarity(to: signature(copy)))")
    }

    @Test func aDifferentStoryAboutTheSameEventIsNotMerged() {
        let similarity = signature(Self.wire).similarity(to: signature(Self.sameEventOtherStory))
        #expect(similarity < 0.25, "similarity \(similarity)")
        var index = DuplicateIndex()
        #expect(classify(&index, "wire", Self.wire) == .original)
        #expect(classify(&index, "other", Self.sameEventOtherStory) == .original)
    }

    @Test func fixturePagesOnTheSameTopicsAreNotMerged() throws {
        // 28 pages, among them stories on the same rivers, cities and crises; only the
        // wire copy (28) is a duplicate, of the wire story (11).
        var index = DuplicateIndex()
        var found: [String: String] = [:]
        for page in FixturePageTests.pages {
            let article = try normalizePage(page.html, location: page.location)
            if case let .duplicate(of: original) = classify(&index, page.name, article.text, published: article.published) {
                found[page.name] = original
            }
        }
        #expect(found == ["28-syndicated-wire-copy": "11-wire-agency"])
    }

    @Test func exactCopiesAreDuplicatesHoweverShort() {
        var index = DuplicateIndex()
        #expect(classify(&index, "a", "Short notice.") == .original)
        #expect(classify(&index, "b", "Short notice.") == .duplicate(of: "a"))
        #expect(classify(&index, "c", "Another short notice.") == .original)
    }

    @Test func theEarlierPublishedCopyIsTheOriginalWhateverTheOrder() {
        let copy = Self.wire + "\n\nRepublished from Meridian Wire."
        var forwards = DuplicateIndex()
        #expect(classify(&forwards, "wire", Self.wire, published: "2025-05-14T13:27:00Z") == .original)
        #expect(classify(&forwards, "copy", copy, published: "2025-05-14T17:00:00+03:00") == .duplicate(of: "wire"))

        var backwards = DuplicateIndex()
        #expect(classify(&backwards, "copy", copy, published: "2025-05-14T17:00:00+03:00") == .original)
        #expect(classify(&backwards, "wire", Self.wire, published: "2025-05-14T13:27:00Z") == .replaces("copy"))
        // A third copy now points to the new original.
        #expect(classify(&backwards, "third", copy + " Third.", published: "2025-05-15") == .duplicate(of: "wire"))
    }

    /// The index keeps the latest originals only: memory stays bounded, an old original
    /// leaves with its band keys, and its slot serves a new one.
    @Test func theIndexHoldsTheLatestOriginalsOnly() {
        var index = DuplicateIndex(capacity: 2)
        let story = Self.wire
        let other = Self.sameEventOtherStory
        #expect(classify(&index, "wire", story) == .original)
        #expect(classify(&index, "other", other) == .original)
        #expect(classify(&index, "note", "Short notice.") == .original)  // the wire story leaves
        #expect(classify(&index, "copy", story + "\n\nRepublished.") == .original)  // so its copy is new
        // The other story left in turn (the copy took its slot); the notice is still there.
        #expect(classify(&index, "note again", "Short notice.") == .duplicate(of: "note"))
        #expect(classify(&index, "copy again", story + "\n\nRepublished by us.") == .duplicate(of: "copy"))
        #expect(classify(&index, "other again", other) == .original)
    }

    /// A ring that wrapped many times: evicted originals leave the band table as it
    /// grows and shifts, and copies of the originals still held are found. (No dates:
    /// "original" sorts before "republished", so the originals stay the originals.)
    @Test func copiesOfTheLatestOriginalsAreFoundAfterTheRingWrapped() {
        var random = SplitMix64(seed: 11)
        let words = (0..<2_000).map { "w\($0)" }
        let stories = (0..<400).map { _ in (0..<80).map { _ in words[Int(random.next() % 2_000)] }.joined(separator: " ") }
        var index = DuplicateIndex(capacity: 100)
        for (n, story) in stories.enumerated() {
            #expect(classify(&index, "original \(n)", story) == .original)
        }
        for n in 300..<400 {
            #expect(classify(&index, "republished \(n)", stories[n] + " Copy.") == .duplicate(of: "original \(n)"))
        }
        for n in 0..<100 {
            #expect(classify(&index, "republished \(n)", stories[n] + " Copy.") == .original)
        }
    }

    @Test func anOriginalOfAnEarlierRunStaysTheOriginal() {
        var index = DuplicateIndex()
        index.addEarlier(docID: "stored", contentHash: "x", signature: signature(Self.wire + " Stored."), published: "2025-05-20")
        #expect(classify(&index, "earlier-but-new", Self.wire, published: "2025-05-14") == .duplicate(of: "stored"))
        // Reprocessing the stored original does not make it a duplicate of anything.
        #expect(classify(&index, "stored", Self.wire + " Stored.", published: "2025-05-20") == .original)
    }

    @Test func publicationTimesCompareAcrossZones() {
        #expect(PublishedDate.instant("1970-01-01") == 0)
        #expect(PublishedDate.instant("2025-05-14T16:45:00+03:00") == PublishedDate.instant("2025-05-14T13:45:00Z"))
        #expect(PublishedDate.instant("2024-02-29T00:00:00-05:30") == PublishedDate.instant("2024-02-29T05:30:00"))
        #expect(PublishedDate.instant("not a date") == nil)
    }
}
