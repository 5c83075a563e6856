/// One place mention found in an article and resolved against the gazetteer.
public struct Mention: Sendable, Equatable {
    /// The article it was found in.
    public var docID: String
    /// The text as written in the article.
    public var text: String
    /// Offsets into the article's clean text, in Unicode scalars, end exclusive.
    public var start: Int
    public var end: Int
    /// The sentence that holds the mention: the evidence for it.
    public var sentence: String
    /// The place it was resolved to.
    public var place: Place
    /// 1 a named town or point; 2 near a town, or a district; 3 a province, region or
    /// natural feature; 4 a country.
    public var precision: Int
    /// Confidence in the resolution, 0 to 1.
    public var score: Double

    public init(docID: String, text: String, start: Int, end: Int, sentence: String, place: Place, precision: Int, score: Double) {
        self.docID = docID
        self.text = text
        self.start = start
        self.end = end
        self.sentence = sentence
        self.place = place
        self.precision = precision
        self.score = score
    }
}
