import Foundation

/// The mention models of a cross-validation (`fold-0.json` … `fold-<K-1>.json` in one
/// folder), each learned without one fold of a gold set: document `i` belongs to fold
/// `i mod K`, so scoring it with that fold's model gives a figure for text the model has
/// not seen. `train_mention_model.py` writes them.
public struct CrossValidationFolds: Sendable {
    public let models: [MentionModel]

    public init(folder: String) throws(GeotagError) {
        var models: [MentionModel] = []
        while FileManager.default.fileExists(atPath: "\(folder)/fold-\(models.count).json") {
            models.append(try MentionModel.load(path: "\(folder)/fold-\(models.count).json"))
        }
        guard !models.isEmpty else { throw GeotagError.usage("no fold-0.json in \(folder)") }
        self.models = models
    }

    /// `extractor` with the model of document `number`'s fold.
    public func extractor(_ extractor: Extractor, forDocument number: Int) -> Extractor {
        var copy = extractor
        copy.model = models[number % models.count]
        return copy
    }
}
