extension EvaluationReport {
    /// All metrics as one JSON object (`geotag eval --json`):
    ///
    /// - `documents`, `gold`, `predicted`, `skip_types`, `skipped_gold`,
    ///   `set_aside_predictions`, `tolerance_km`;
    /// - `recognition`: `exact` and `overlapping`, each with `precision`, `recall`,
    ///   `f1`, `matched`, `predicted`, `gold`;
    /// - `resolution`: `count`, `within_tolerance`, `accuracy`, `mean_km`,
    ///   `median_km`, `auc` (`null` when nothing was resolved);
    /// - `same_geonameid` (recognised toponyms whose gold has a GeoNames id) and
    ///   `end_to_end` (gold toponyms with coordinates): `right`, `total`, `accuracy`;
    /// - `calibration`: one object per score band, `lower`, `upper`, `mentions`,
    ///   `right`, `rate`, `mean_score`;
    /// - with `explain`, `explain`: one object per document with an error (`id`,
    ///   `missed`, `spurious`, `partial`, `misplaced`), and `most_missed`,
    ///   `most_spurious`, `most_misplaced` (`text`, `count`), `mostFrequent` of each.
    public func json(explain: Bool = false, mostFrequent limit: Int = 15) -> String {
        var object = JSONObjectWriter()
        object.add("documents", documents.count)
        object.add("gold", overlapping.gold)
        object.add("predicted", overlapping.predicted)
        object.add("skip_types", json: array(skipTypes.map { Array(JSONText.quoted($0).utf8) }))
        object.add("skipped_gold", skippedGold)
        object.add("set_aside_predictions", removedPredictions)
        object.add("tolerance_km", DocumentEvaluation.toleranceKilometers)

        var recognition = JSONObjectWriter()
        for (name, score) in [("exact", exact), ("overlapping", overlapping)] {
            var o = JSONObjectWriter()
            o.add("precision", score.precision)
            o.add("recall", score.recall)
            o.add("f1", score.f1)
            o.add("matched", score.truePositives)
            o.add("predicted", score.predicted)
            o.add("gold", score.gold)
            recognition.add(name, json: o.bytes)
        }
        object.add("recognition", json: recognition.bytes)

        var resolution = JSONObjectWriter()
        resolution.add("count", self.resolution.count)
        resolution.add("within_tolerance", self.resolution.withinTolerance)
        resolution.add("accuracy", self.resolution.accuracy)
        resolution.add("mean_km", self.resolution.meanKilometers)
        resolution.add("median_km", self.resolution.medianKilometers)
        resolution.add("auc", self.resolution.auc)
        object.add("resolution", json: resolution.bytes)

        for (key, tally) in [("same_geonameid", sameGeonameID), ("end_to_end", endToEnd)] {
            var o = JSONObjectWriter()
            o.add("right", tally.right)
            o.add("total", tally.total)
            o.add("accuracy", tally.accuracy)
            object.add(key, json: o.bytes)
        }

        object.add("calibration", json: array(calibration.map { band in
            var o = JSONObjectWriter()
            o.add("lower", band.lower)
            o.add("upper", band.upper)
            o.add("mentions", band.mentions)
            o.add("right", band.right)
            o.add("rate", band.rightRate)
            o.add("mean_score", band.meanScore)
            return o.bytes
        }))

        if explain {
            object.add("explain", json: array(documents.compactMap(errorsJSON)))
            for (key, entries) in [("most_missed", mostMissed(limit)), ("most_spurious", mostSpurious(limit)), ("most_misplaced", mostMisplaced(limit))] {
                object.add(key, json: array(entries.map { entry in
                    var o = JSONObjectWriter()
                    o.add("text", entry.text)
                    o.add("count", entry.count)
                    return o.bytes
                }))
            }
        }
        return object.text
    }

    /// One document's errors, nil when it has none.
    private func errorsJSON(_ d: DocumentEvaluation) -> [UInt8]? {
        let (missed, spurious, partial, misplaced) = (d.missed, d.spurious, d.partial, d.misplaced)
        guard !(missed.isEmpty && spurious.isEmpty && partial.isEmpty && misplaced.isEmpty) else { return nil }
        var object = JSONObjectWriter()
        object.add("id", d.id)
        object.add("missed", json: array(missed.map { goldJSON($0).bytes }))
        object.add("spurious", json: array(spurious.map { predictionJSON($0).bytes }))
        object.add("partial", json: array(partial.map { match in
            var o = goldJSON(d.gold[match.gold])
            o.add("predicted", json: predictionJSON(d.predictions[match.prediction]).bytes)
            return o.bytes
        }))
        object.add("misplaced", json: array(misplaced.map { match in
            var o = goldJSON(d.gold[match.gold])
            o.add("predicted", json: predictionJSON(d.predictions[match.prediction]).bytes)
            o.add("error_km", match.errorKilometers)
            return o.bytes
        }))
        return object.bytes
    }

    private func goldJSON(_ t: GoldToponym) -> JSONObjectWriter {
        var o = JSONObjectWriter()
        o.add("start", t.start)
        o.add("end", t.end)
        o.add("name", t.name)
        o.add("type", t.type)
        o.add("lat", t.coordinate?.latitude)
        o.add("lon", t.coordinate?.longitude)
        o.add("geonameid", t.geonameID)
        return o
    }

    private func predictionJSON(_ m: Mention) -> JSONObjectWriter {
        var o = JSONObjectWriter()
        o.add("start", m.start)
        o.add("end", m.end)
        o.add("mention", m.text)
        o.add("place_id", m.place.id)
        o.add("place_name", m.place.name)
        o.add("feature_code", m.place.featureCode)
        o.add("country_code", m.place.countryCode)
        o.add("lat", m.place.latitude)
        o.add("lon", m.place.longitude)
        o.add("score", m.score)
        return o
    }
}

/// A JSON array of elements already written as JSON.
private func array(_ elements: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    for (i, element) in elements.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: element)
    }
    bytes.append(UInt8(ascii: "]"))
    return bytes
}
