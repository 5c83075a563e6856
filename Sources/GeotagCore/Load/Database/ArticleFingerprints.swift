/// The articles the database already holds with the current gazetteer, as a run needs
/// them to skip what is unchanged: per article, its doc id and the hash of its text,
/// each kept as 64 bits.
///
/// A rerun over a big database loads this whole. As strings (a doc id, a 64-character
/// SHA-256 and the gazetteer version per article) it made a rerun over 100,000
/// articles peak 37 MB higher (355 against 318 MB), so a million would have passed
/// 600 MB; as two 64-bit words a dictionary slot it is about 33 bytes an article. Two
/// different articles, or two texts of one article, are confused only when 64-bit
/// hashes collide, about one chance in 10^19 for a pair.
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
