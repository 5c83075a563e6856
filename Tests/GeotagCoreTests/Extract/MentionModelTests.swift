import Foundation
import Testing
@testable import GeotagCore

/// The shipped mention model and its cross-validation folds must fit the features this
/// geotag computes: a feature added without retraining fails here, not silently at run time.
struct MentionModelTests {
    static let modelFolder = URL(fileURLWithPath: BundledGazetteer.path).deletingLastPathComponent()
        .appendingPathComponent("model").path

    @Test func theShippedModelFitsTheFeatures() throws {
        let model = try MentionModel.load(path: "\(Self.modelFolder)/mention-model.json")
        #expect(model.features == MentionFeatures.names)
        let threshold = try #require(model.recognition.threshold)
        #expect(threshold > 0 && threshold < 1)
        #expect(model.resolution.threshold == nil)
    }

    @Test func everyCrossValidationFoldLoads() throws {
        let folds = try CrossValidationFolds(folder: "\(Self.modelFolder)/cv")
        #expect(folds.models.count == 5)
        #expect(Set(folds.models.map(\.recognition.weights)).count == 5, "each fold learned from different documents")
    }

    @Test func aModelForOtherFeaturesIsRefused() throws {
        let scratch = try ScratchFolder()
        var model = try MentionModel.load(path: "\(Self.modelFolder)/mention-model.json")
        model.features[1] = "renamed"
        try scratch.write("model.json", Array(try JSONEncoder().encode(model)))
        #expect(throws: GeotagError.self) { try MentionModel.load(path: "\(scratch.path)/model.json") }
        try scratch.write("broken.json", "{\"features\": [")
        #expect(throws: GeotagError.self) { try MentionModel.load(path: "\(scratch.path)/broken.json") }
    }

    @Test(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
    func theExtractorUsesTheModelBesideTheIndex() throws {
        var extractor = Extractor(index: BundledGazetteer.index)
        let model = try #require(extractor.model)
        let text = "Aid convoys reached Deir ez-Zor on Sunday, officials in Damascus said."
        let scored = extractor.scoredMentions(in: text, docID: "d")
        #expect(scored.map(\.mention.text) == ["Deir ez-Zor", "Damascus"])
        for (mention, features) in scored {
            #expect(features.count == MentionFeatures.names.count)
            #expect(abs(mention.score - (model.resolutionProbability(features) * 1000).rounded() / 1000) < 1e-9)
        }
        extractor.model = nil
        #expect(extractor.mentions(in: text, docID: "d").map(\.text) == ["Deir ez-Zor", "Damascus"])
    }
}
