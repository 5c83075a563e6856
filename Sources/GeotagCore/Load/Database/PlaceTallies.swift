import Foundation

/// The statistics of the `places` layer
/// (``GeotagDatabase/refreshPlaces(runID:tallies:countingInSQL:)``), counted in one pass over
/// the mentions, article by article, instead of by SQL's `GROUP BY place_id`.
///
/// The SQL way sorts every mention by place, and joins each mention to its article
/// for the time it was first seen: over the 2.54 million mentions of the 100k bench
/// corpus that query took 5.8 s (`sqlite3`, 16 MB cache). Here the mentions are read
/// in the table's own order, where the mentions of an article lie together (a batch
/// stores all of an article's mentions at once), which needs neither a sort nor the
/// key index: 0.5 s, against 2.8 s for the same pass in the key index's order, which
/// fetches every row from wherever it lies. An article's time is looked up once per
/// article, not per mention; the counts of one article's places go into a table of
/// places in memory, as big as the number of places mentioned (at most the
/// gazetteer's), not the number of mentions.
///
/// The pass remembers a 64-bit hash of every article it has finished (16 MB of memory
/// for a million articles). An article that comes back later in the table would
/// count twice, so then, and on a hash collision, the pass starts again in the key
/// index's order, `(doc_id, start, end)`, where each article's mentions are together
/// by construction. That happens once an article has been stored again with some
/// mentions changed and some new (the changed ones keep their rows, the new ones go
/// to the end; see ``GeotagDatabase/store(_:runID:gazetteerVersion:)``) or the
/// database was edited by hand; such a database pays for the table pass up to the
/// first article apart, on top of the key pass it paid before.
///
/// It gives what the SQL gives, value for value, for mentions whose `place_id` is an
/// integer or NULL and whose `doc_id` is text or NULL, which is every mention geotag
/// writes; ``count(on:order:)`` returns nil for a database with others (edited by
/// hand), and the refresh then counts in SQL.
struct PlaceTallies: Equatable {
    /// What `places` says of one place.
    struct Tally: Equatable {
        var mentions = 0
        /// Distinct articles (`doc_id`s) that mention it.
        var articles = 0
        /// The `fid` of its latest mention, whose attributes the place row takes.
        var latest = Int.min
        /// The earliest and latest time its articles were seen (``MentionedPlace/firstSeen``),
        /// as UTF-8; nil when none of them has one.
        var firstSeen: [UInt8]?
        var lastSeen: [UInt8]?
    }

    /// The tallies by `place_id`; nil is the place of mentions without one, which
    /// SQL's `GROUP BY` also keeps as a group.
    private(set) var byPlace: [Int?: Tally] = [:]

    /// The time an article was first seen, as
    /// ``GeotagDatabase/refreshPlaces(runID:tallies:countingInSQL:)`` defines it: its
    /// publication time in UTC, or else the start of the run that first stored it.
    static let seenSQL = "coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', a.published), r.started_at)"

    /// The order a pass reads the mentions in.
    enum Order {
        /// The table's own, by `fid`; falls back to ``key`` when an article's
        /// mentions are not all together.
        case table
        /// The key index's, `(doc_id, start, end)`.
        case key
    }

    /// Counts every mention on `connection`, reading them in `order`; nil when a
    /// `place_id` or `doc_id` is of a storage class this pass does not handle.
    static func count(on connection: SQLite.Connection, order: Order = .table) throws -> PlaceTallies? {
        switch try pass(on: connection, order: order) {
        case let .counted(tallies): tallies
        case .unsupported: nil
        case .articleApart: try count(on: connection, order: .key)
        }
    }

    /// How a pass ended.
    enum Outcome {
        case counted(PlaceTallies)
        /// A `place_id` or `doc_id` of another storage class.
        case unsupported
        /// In table order, an article came back after another one (or two `doc_id`s
        /// hashed alike).
        case articleApart
    }

    private static func pass(on connection: SQLite.Connection, order: Order) throws -> Outcome {
        let mentions = try connection.prepare(
            "SELECT doc_id, place_id, fid FROM mentions \(order == .key ? "ORDER BY doc_id" : "NOT INDEXED")")
        var counter = try Counter(on: connection, order: order)
        while try mentions.step() {
            try counter.add(mentions, docID: 0, placeID: 1, fid: 2)
            if counter.hasStopped { break }
        }
        return try counter.finish()
    }

    /// Counts mentions one row at a time, as a pass over `mentions` reads them: the
    /// pass above, or another pass in the table's order that reads these columns too
    /// (the R-tree's build at the end of a bulk load,
    /// ``GeotagDatabase/finishBulkLoad()``), which saves a pass.
    struct Counter {
        private let order: Order
        private let seen: SQLite.Statement
        private var tallies = PlaceTallies()
        // The article being counted: its doc_id's bytes (nil for NULL) and places.
        private var current: (docID: [UInt8]?, places: ArticleTally)?
        // The hashes of the articles counted, in table order.
        private var finished: Set<UInt64> = []
        /// Set when the count cannot go on: the rest of the rows are ignored.
        private var stopped: Outcome?

        init(on connection: SQLite.Connection, order: Order = .table) throws {
            self.order = order
            seen = try connection.prepare("""
                SELECT \(seenSQL) FROM articles a LEFT JOIN runs r ON r.run_id = a.first_run_id WHERE a.doc_id = ?
                """)
        }

        /// Whether the count stopped (``finish()`` tells why); later rows change nothing.
        var hasStopped: Bool { stopped != nil }

        /// Counts the mention in the current row of `row`, whose `doc_id`, `place_id`
        /// and `fid` are the columns given.
        mutating func add(_ row: SQLite.Statement, docID: Int, placeID: Int, fid: Int) throws {
            guard stopped == nil else { return }
            switch (row.storageClass(at: docID), row.storageClass(at: placeID)) {
            case (.text, .integer), (.text, .null), (.null, .integer), (.null, .null): break
            default: stopped = .unsupported; return
            }
            let isSameArticle = row.withText(at: docID) { bytes in
                guard let current else { return false }
                guard let bytes, let docID = current.docID else { return bytes == nil && current.docID == nil }
                return docID.count == bytes.count && (bytes.isEmpty || docID.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
            }
            if !isSameArticle {
                if let current { try tallies.add(current.places, of: current.docID, seen: seen) }
                let docID = row.withText(at: docID) { $0.map(Array.init) }
                // Mentions without a doc_id count no article, wherever they lie.
                if order == .table, let docID, !finished.insert(NameKey.hash(docID)).inserted {
                    stopped = .articleApart
                    return
                }
                current = (docID, ArticleTally())
            }
            current!.places.add(place: row.storageClass(at: placeID) == .null ? nil : row.int(at: placeID), fid: row.int(at: fid))
        }

        /// The tallies of every row added, or why there are none.
        mutating func finish() throws -> Outcome {
            if let stopped { return stopped }
            if let current { try tallies.add(current.places, of: current.docID, seen: seen) }
            current = nil
            return .counted(tallies)
        }
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
        var time: [UInt8]?
        if let docID {
            try seen.reset()
            try docID.withUnsafeBufferPointer { try seen.bind(utf8: $0, at: 1) }
            time = try seen.step() ? seen.withText(at: 0) { $0.map(Array.init) } : nil
        }
        for (place, mentions, latest) in article.places {
            byPlace[place, default: Tally()].add(mentions: mentions, latest: latest, ofArticle: docID != nil, seen: time)
        }
    }
}

extension PlaceTallies.Tally {
    /// Adds `mentions` of one article, the latest `latest`; `isArticle` is false for
    /// mentions without a `doc_id`. `time` is the article's (UTF-8), compared byte by
    /// byte as SQL's `min` and `max` compare text.
    mutating func add(mentions: Int, latest: Int, ofArticle isArticle: Bool, seen time: [UInt8]?) {
        self.mentions += mentions
        articles += isArticle ? 1 : 0
        self.latest = max(self.latest, latest)
        guard let time else { return }
        if firstSeen.map({ time.lexicographicallyPrecedes($0) }) ?? true { firstSeen = time }
        if lastSeen.map({ $0.lexicographicallyPrecedes(time) }) ?? true { lastSeen = time }
    }
}
