import Foundation

/// `report.html`: the map and the run's summary on one page that opens offline in any
/// browser (no script, no external files; the SVG is inline).
struct RunReport {
    /// Places listed, the most mentioned first.
    static let placeLimit = 25
    /// Failures listed.
    static let failureLimit = 100

    var run: RunRecord?
    var totals: GeotagDatabase.Totals
    var places: [MentionedPlace]
    /// The run's failures.
    var failures: [Failure]
    /// The map, as ``SVGMap/svg`` draws it.
    var svg: String
    /// Whether CSV and GeoJSON hold only the run's changes.
    var delta: Bool

    var html: String {
        let title = run.map { "geotag run \($0.runID)" } ?? "geotag dataset"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escaped(title))</title>
            <style>
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:1.5em auto;padding:0 1em}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}
            table{border-collapse:collapse}th,td{padding:3px 12px 3px 0;border-bottom:1px solid #e2e2e2;text-align:left;vertical-align:top}
            td.n,th.n{text-align:right}figure{margin:1em 0}svg{max-width:100%;height:auto;border:1px solid #ccc}
            .note{color:#666}
            </style>
            </head>
            <body>
            <h1>\(Markup.escaped(title))</h1>
            <p class="note">\(Markup.escaped(summary))</p>
            <figure>
            \(svg)</figure>

            """
        out += section("Run", table(nil, runRows))
        out += section("Dataset", table(nil, [
            ["Articles", count(totals.articles)], ["Mentions", count(totals.mentions)], ["Places", count(totals.places)],
            ["Runs", count(totals.runs)], ["Failures, all runs", count(totals.failures)],
            ["CSV and GeoJSON hold", delta ? "this run's new and changed mentions only (output.export: delta)" : "every mention"],
        ]))
        let top = places.prefix(Self.placeLimit).map { p in
            [p.place.name, p.place.countryCode, "\(p.place.featureClass)/\(p.place.featureCode)", count(p.mentionCount), count(p.articleCount),
             p.firstSeen.map(day) ?? "", p.lastSeen.map(day) ?? ""]
        }
        out += section(places.count > Self.placeLimit ? "The \(Self.placeLimit) most mentioned places" : "Places",
                        top.isEmpty ? "<p>None.</p>\n"
                            : table(["Place", "Country", "Kind", "#Mentions", "#Articles", "First seen", "Last seen"], top))
        let failed = failures.prefix(Self.failureLimit).map { [$0.stage.rawValue, $0.source, $0.location, $0.reason] }
        out += section(failures.count > Self.failureLimit ? "Failures of this run (the first \(Self.failureLimit))" : "Failures of this run",
                       failed.isEmpty ? "<p>None.</p>\n" : table(["Stage", "Source", "Location", "Reason"], failed))
        out += """
            <p class="note">Made by geotag. Country outlines: Natural Earth, public domain. Places: GeoNames, CC BY 4.0.</p>
            </body>
            </html>

            """
        return out
    }

    private var summary: String {
        guard let run else { return "No run is recorded." }
        let counts = run.counts
        return "\(run.status.rawValue): \(counts.documents) documents, \(counts.loaded) new or changed, "
            + "\(counts.unchanged) unchanged, \(counts.failed) failed, \(counts.mentions) mentions."
    }

    private var runRows: [[String]] {
        guard let run else { return [] }
        var rows = [["Run", run.runID], ["Status", run.status.rawValue], ["Started (UTC)", Timestamp.string(run.startedAt)]]
        if let ended = run.endedAt {
            rows += [["Ended (UTC)", Timestamp.string(ended)],
                     ["Took", String(format: "%.1f s", ended.timeIntervalSince(run.startedAt))]]
        }
        rows += [
            ["geotag", run.version], ["Gazetteer", run.gazetteerVersion], ["Configuration hash", String(run.configHash.prefix(16))],
            ["Documents", count(run.counts.documents)], ["New or changed", count(run.counts.loaded)],
            ["Unchanged", count(run.counts.unchanged)], ["Failed", count(run.counts.failed)],
            ["Mentions", count(run.counts.mentions)],
        ]
        return rows
    }

    private func section(_ heading: String, _ body: String) -> String {
        "<h2>\(Markup.escaped(heading))</h2>\n\(body)"
    }

    /// A table; a header starting with `#` marks a column of numbers (right-aligned).
    private func table(_ header: [String]?, _ rows: [[String]]) -> String {
        let numeric = (header ?? []).map { $0.hasPrefix("#") }
        var out = "<table>\n"
        if let header {
            out += "<tr>" + header.map { h in
                h.hasPrefix("#") ? "<th class=\"n\">\(Markup.escaped(String(h.dropFirst())))</th>" : "<th>\(Markup.escaped(h))</th>"
            }.joined() + "</tr>\n"
        }
        for row in rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                let isNumber = i < numeric.count && numeric[i]
                return (header == nil && i == 0 ? "<th>" : isNumber ? "<td class=\"n\">" : "<td>")
                    + Markup.escaped(cell) + (header == nil && i == 0 ? "</th>" : "</td>")
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    private func count(_ n: Int) -> String { String(n) }

    /// The date of a stored time.
    private func day(_ time: String) -> String { String(time.prefix(10)) }
}
