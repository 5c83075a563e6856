import Foundation

extension EvaluationReport {
    /// The metrics as a table for people, the default output of `geotag eval`.
    public var table: String {
        let tolerance = Int(DocumentEvaluation.toleranceKilometers)
        var lines: [String] = []
        let gold = overlapping.gold
        lines.append("\(documents.count) documents, \(gold) gold toponyms, \(overlapping.predicted) predictions")
        if !skipTypes.isEmpty {
            lines.append("skipped types \(skipTypes.joined(separator: ", ")): \(skippedGold) gold toponyms, \(removedPredictions) predictions over them set aside")
        }
        lines.append("")
        lines.append(row("recognition", ["precision", "recall", "F1", "matched"]))
        for (name, score) in [("exact span", exact), ("overlapping span", overlapping)] {
            lines.append(row("  " + name, [fixed(score.precision), fixed(score.recall), fixed(score.f1), "\(score.truePositives)"]))
        }
        lines.append("")
        lines.append("resolution: \(resolution.count) recognised toponyms with gold coordinates")
        lines.append(row("  within \(tolerance) km", [fixed(resolution.accuracy), "(\(resolution.withinTolerance))"]))
        lines.append(row("  mean error km", [fixed(resolution.meanKilometers, 1)]))
        lines.append(row("  median error km", [fixed(resolution.medianKilometers, 1)]))
        lines.append(row("  AUC, lower better", [fixed(resolution.auc)]))
        lines.append(row("  same GeoNames id", [fixed(sameGeonameID.accuracy), "(\(sameGeonameID.right) of \(sameGeonameID.total))"]))
        lines.append("")
        lines.append("end to end: \(endToEnd.total) gold toponyms with coordinates")
        lines.append(row("  within \(tolerance) km", [fixed(endToEnd.accuracy), "(\(endToEnd.right))"]))
        lines.append("")
        lines.append(row("score calibration", ["mentions", "right", "rate", "mean"]))
        for band in calibration {
            let name = "  " + fixed(band.lower, 1) + "–" + fixed(band.upper, 1)
            lines.append(row(name, ["\(band.mentions)", "\(band.right)", fixed(band.rightRate), fixed(band.meanScore)]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per document, what went wrong (documents without an error are left out), then
    /// the texts most often missed, spurious and misplaced: `geotag eval --explain`.
    public func explanation(mostFrequent limit: Int = 15) -> String {
        var lines: [String] = []
        for d in documents {
            let (missed, spurious, partial, misplaced) = (d.missed, d.spurious, d.partial, d.misplaced)
            guard !(missed.isEmpty && spurious.isEmpty && partial.isEmpty && misplaced.isEmpty) else { continue }
            lines.append("\(d.id): \(d.gold.count) gold, \(d.predictions.count) predicted: \(missed.count) missed, "
                + "\(spurious.count) spurious, \(partial.count) partial, \(misplaced.count) misplaced")
            for t in missed {
                lines.append("  missed     \(t.start)-\(t.end) \(JSONText.quoted(t.name))" + (t.type.map { " (\($0))" } ?? ""))
            }
            for m in spurious {
                lines.append("  spurious   \(m.start)-\(m.end) \(JSONText.quoted(m.text)) → \(describe(m.place)), score \(fixed(m.score))")
            }
            for match in partial {
                let (t, m) = (d.gold[match.gold], d.predictions[match.prediction])
                lines.append("  partial    \(t.start)-\(t.end) \(JSONText.quoted(t.name)), predicted \(m.start)-\(m.end) \(JSONText.quoted(m.text))")
            }
            for match in misplaced {
                let (t, m) = (d.gold[match.gold], d.predictions[match.prediction])
                let gold = t.geonameID.map { "gold \($0)" } ?? "gold " + fixed(t.coordinate?.latitude, 3) + "," + fixed(t.coordinate?.longitude, 3)
                lines.append("  misplaced  \(t.start)-\(t.end) \(JSONText.quoted(t.name)) → \(describe(m.place)), "
                    + "\(fixed(match.errorKilometers, 0)) km off (\(gold))")
            }
        }
        for (title, entries) in [("missed", mostMissed(limit)), ("spurious", mostSpurious(limit)), ("misplaced", mostMisplaced(limit))] {
            lines.append("")
            lines.append("most often \(title):")
            lines.append(contentsOf: entries.map { "  \(pad(String($0.count), 5, right: true))  \(JSONText.quoted($0.text))" })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ place: Place) -> String {
        let country = place.countryCode.isEmpty ? "" : ", \(place.countryCode)"
        return "\(place.name)\(country) (\(place.featureClass)/\(place.featureCode) \(place.id))"
    }
}

/// A table row: a label padded to 20 columns, then values right-aligned in 10 (or
/// their width and a space).
private func row(_ label: String, _ values: [String]) -> String {
    (pad(label, 20, right: false) + values.map { pad($0, max(10, $0.count + 1), right: true) }.joined()).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
}

private func pad(_ text: String, _ width: Int, right: Bool) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

/// `x` with `digits` decimals, `–` for nil.
private func fixed(_ x: Double?, _ digits: Int = 3) -> String {
    x.map { String(format: "%.\(digits)f", $0) } ?? "–"
}
