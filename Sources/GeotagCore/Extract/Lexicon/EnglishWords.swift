import Foundation
import Synchronization

/// The common English words (data/gazetteer/lexicon/english-words.txt, from Debian's
/// wamerican list): a town named like one ("Snow", "Police", "Reading") is the word,
/// not the town, unless the context says place or the place is notable.
///
/// The list lives in the gazetteer's folder, beside the index, and is read once per
/// folder; a gazetteer folder without it simply has no such words.
struct EnglishWords: Sendable {
    let words: Set<String>

    func contains(_ word: String) -> Bool { words.contains(word) }

    /// The file's place relative to the folder that holds the index.
    static let relativePath = "lexicon/english-words.txt"

    private static let cache = Mutex<[String: EnglishWords]>([:])

    /// The list beside the index at `indexPath`.
    static func besides(indexPath: String) -> EnglishWords {
        let folder = (indexPath as NSString).deletingLastPathComponent
        if let cached = cache.withLock({ $0[folder] }) { return cached }
        let path = (folder as NSString).appendingPathComponent(relativePath)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let list = EnglishWords(words: Set(text.split(separator: "\n").map(String.init)))
        cache.withLock { $0[folder] = list }
        return list
    }
}
