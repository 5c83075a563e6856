/// The statistics of the `places` layer
/// (``GeotagDatabase/refreshPlaces(runID:countingInSQL:)``), counted in one pass over
/// the mentions in article order instead of by SQL's `GROUP BY place_id`.
///
/// The SQL way sorts every mention by place, and joins each mention to its article
/// for the time it was first seen: over the 2.54 million mentions of the 100k bench
/// corpus that query took 5.8 s (`sqlite3`, 16 MB cache), this pass 2.8 s. Here the
/// mentions come in the order of the key index, `(doc_id, start, end)`, which needs no
/// sort; an article's time is looked up once per article, not per mention; and the
/// counts of one article's places go into a table of places in memory, as big as the
/// number of places mentioned (at most the gazetteer's), not the number of mentions.
///
/// It gives what the SQL gives, value for value, for mentions whose `place_id` is an
/// integer or NULL and whose `doc_id` is text or NULL, which is every mention geotag
/// writes; ``count(on:)`` returns nil for a database with others (edited by hand),
/// and the refresh then counts in SQL.
struct PlaceTallies {
    /// What `places` says of one place.
    struct Tally {
        var mentions = 0
        /// Distinct articles (`doc_id`s) that mention it.
        var articles = 0
        /// The `fid` of its latest mention, whose attributes the place row takes.
        var latest = Int.min
        /// The earliest and latest time its articles were seen (``MentionedPlace/firstSeen``),
        /// nil when none of them has one.
        var firstSeen: String?
        var lastSeen: String?
    }

    /// The tallies by `place_id`; nil is the place of mentions without one, which
    /// SQL's `GROUP BY` also keeps as a group.
    private(set) var byPlace: [Int?: Tally] = [:]

    /// The time an article was first seen, as
    /// ``GeotagDatabase/refreshPlaces(runID:countingInSQL:)`` defines it: its
    /// publication time in UTC, or else the start of the run that first stored it.
    static let seenSQL = "coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', a.published), r.started_at)"

    /// Counts every mention on `connection`; nil when a `place_id` or `doc_id` is of a
    /// storage class this pass does not handle.
    static func count(on connection: SQLite.Connection) throws -> PlaceTallies? {
        let mentions = try connection.prepare("SELECT doc_id, place_id, fid FROM mentions ORDER BY doc_id")
        let seen = try connection.prepare("""
            SELECT \(seenSQL) FROM articles a LEFT JOIN runs r ON r.run_id = a.first_run_id WHERE a.doc_id = ?
            """)
        var tallies = PlaceTallies()
        // The article being counted: its doc_id's bytes (nil for NULL) and places.
        var current: (docID: [UInt8]?, places: ArticleTally)?
        while try mentions.step() {
            switch (mentions.storageClass(at: 0), mentions.storageClass(at: 1)) {
            case (.text, .integer), (.text, .null), (.null, .integer), (.null, .null): break
            default: return nil
            }
            let isSameArticle = mentions.withText(at: 0) { bytes in
                guard let current else { return false }
                guard let bytes, let docID = current.docID else { return bytes == nil && current.docID == nil }
                return docID.elementsEqual(bytes)
            }
            if !isSameArticle {
                if let current { try tallies.add(current.places, of: current.docID, seen: seen) }
                current = (mentions.withText(at: 0) { $0.map(Array.init) }, ArticleTally())
            }
            current!.places.add(place: mentions.storageClass(at: 1) == .null ? nil : mentions.int(at: 1), fid: mentions.int(at: 2))
        }
        if let current { try tallies.add(current.places, of: current.docID, seen: seen) }
        return tallies
    }

    /// The places one article mentions: few, so a list.
    private struct ArticleTally {
        var places: [(place: Int?, mentions: Int, latest: Int)] = []

        mutating func add(place: Int?, fid: Int) {
            if let i = places.firstIndex(where: { $0.place == place }) {
                places[i].mentions += 1
                places[i].latest = max(places[i].latest, fid)
            } else {
                places.append((place, 1, fid))
            }
        }
    }

    /// Adds the mentions of the article `docID`, whose time `seen` looks up; those
    /// without a `doc_id` count no article (as `count(DISTINCT doc_id)` skips NULL) and
    /// have no time.
    private mutating func add(_ article: ArticleTally, of docID: [UInt8]?, seen: SQLite.Statement) throws {
        var time: String?
        if let docID {
            try seen.reset()
            try docID.withUnsafeBufferPointer { try seen.bind(utf8: $0, at: 1) }
            time = try seen.step() ? seen.text(at: 0) : nil
        }
        for (place, mentions, latest) in article.places {
            var tally = byPlace[place, default: Tally()]
            tally.mentions += mentions
            tally.articles += docID == nil ? 0 : 1
            tally.latest = max(tally.latest, latest)
            if let time {
                // SQL's min and max compare text byte by byte.
                if tally.firstSeen.map({ time.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true { tally.firstSeen = time }
                if tally.lastSeen.map({ $0.utf8.lexicographicallyPrecedes(time.utf8) }) ?? true { tally.lastSeen = time }
            }
            byPlace[place] = tally
        }
    }
}
