import Foundation
import Synchronization

/// Two logistic models over ``MentionFeatures``, learned from gold sets by
/// `data/gazetteer/model/train_mention_model.py`: the *recognition* model says how
/// likely a resolved name is a place mention at all, and drops it below its threshold;
/// the *resolution* model says how likely the mention is right (a place, within 161 km
/// of the true point), which becomes the mention's `score`.
///
/// The model lives beside the gazetteer index as `model/mention-model.json`; without it
/// the extractor keeps its rule-based scores.
public struct MentionModel: Sendable, Equatable, Codable {
    /// The feature names the weights were learned for, in order.
    public var features: [String]
    public var recognition: Weights
    public var resolution: Weights
    /// What the model was learned from, for people: the training script's summary.
    public var trainedOn: String?

    public struct Weights: Sendable, Equatable, Codable {
        public var weights: [Double]
        /// Mentions whose probability is below this are dropped (recognition only).
        public var threshold: Double?
    }

    enum CodingKeys: String, CodingKey {
        case features, recognition, resolution
        case trainedOn = "trained_on"
    }

    /// The model file's place relative to the folder that holds the index.
    public static let relativePath = "model/mention-model.json"

    /// Reads a model file; it must be made for this geotag's features.
    public static func load(path: String) throws(GeotagError) -> MentionModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeotagError.gazetteer(path: path, reason: "cannot read the mention model")
        }
        guard let model = try? JSONDecoder().decode(MentionModel.self, from: data) else {
            throw GeotagError.gazetteer(path: path, reason: "not a mention model")
        }
        guard model.features == MentionFeatures.names, model.recognition.weights.count == model.features.count,
              model.resolution.weights.count == model.features.count
        else {
            throw GeotagError.gazetteer(path: path, reason: "the model was made for other features; retrain it with train_mention_model.py")
        }
        return model
    }

    private static let cache = Mutex<[String: MentionModel?]>([:])

    /// The model beside the index at `indexPath`, or nil when there is none (or it does
    /// not fit this geotag, which is then reported once on standard error).
    static func besides(indexPath: String) -> MentionModel? {
        let path = ((indexPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(relativePath)
        if let cached = cache.withLock({ $0[path] }) { return cached }
        var model: MentionModel?
        if FileManager.default.fileExists(atPath: path) {
            do {
                model = try load(path: path)
            } catch {
                FileHandle.standardError.write(Data("geotag: \(error.description); using rule-based scores\n".utf8))
            }
        }
        cache.withLock { $0[path] = model }
        return model
    }

    /// The probability that a mention with these features is a place mention.
    func recognitionProbability(_ features: [Double]) -> Double { Self.logistic(recognition.weights, features) }

    /// The probability that a mention with these features is right.
    func resolutionProbability(_ features: [Double]) -> Double { Self.logistic(resolution.weights, features) }

    private static func logistic(_ weights: [Double], _ features: [Double]) -> Double {
        var z = 0.0
        for (w, x) in zip(weights, features) { z += w * x }
        return 1 / (1 + exp(-z))
    }
}
