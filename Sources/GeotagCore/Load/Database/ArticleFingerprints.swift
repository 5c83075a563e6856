/// The articles the database already holds with the current gazetteer, as a run needs
/// them to skip what is unchanged: per article, its doc id and the hash of its text,
/// each kept as 64 bits.
///
/// A rerun over a big database loads this whole: as strings (a doc id, a 64-character
/// SHA-256 and the gazetteer version per article) it took about 270 bytes an article,
/// 270 MB for a million; as two 64-bit words in a dictionary about 40. Two different
/// articles, or two texts of one article, are confused only when 64-bit hashes
/// collide, about one chance in 10^19 for a pair.
public struct ArticleFingerprints: Sendable {
    private var hashes: [UInt64: UInt64] = [:]

    public init() {}

    /// Remembers that the article `docID` is stored with the text whose SHA-256 (hex,
    /// ``Article/contentHash``) is `contentHash`.
    public mutating func add(docID: String, contentHash: String) {
        hashes[Self.key(docID)] = Self.key(contentHash)
    }

    /// Whether the article `docID` is stored with this text.
    public func contains(docID: String, contentHash: String) -> Bool {
        hashes[Self.key(docID)] == Self.key(contentHash)
    }

    public var count: Int { hashes.count }

    private static func key(_ text: String) -> UInt64 { NameKey.hash(text.utf8) }
}
