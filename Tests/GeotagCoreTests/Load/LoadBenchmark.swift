import Foundation
import Testing
@testable import GeotagCore

/// Throughput of store and export on a synthetic corpus; run with `GEOTAG_BENCH=1`
/// (numbers worth reading need `-c release -Xswiftc -enable-testing`).
@Suite struct LoadBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GEOTAG_BENCH"] == "1"))
    func storeAndExport() throws {
        let articles = 20_000, perArticle = 10, batch = 500
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let text = String(repeating: "Troops moved from Baghdad to Diyala and Madrid. ", count: 40)
            let clock = ContinuousClock()
            var total = StoreResult()
            let storing = try clock.measure {
                for start in stride(from: 0, to: articles, by: batch) {
                    let items: [LoadItem] = (start..<min(start + batch, articles)).map { i in
                        let docID = String(format: "doc-%06d", i)
                        let article = LoadFixtures.article(docID, text: text)
                        let mentions = (0..<perArticle).map { k in
                            LoadFixtures.mention(docID, "Baghdad", at: 18 + 48 * k, k % 2 == 0 ? LoadFixtures.baghdad : LoadFixtures.madrid)
                        }
                        return .article(article, mentions)
                    }
                    total = total + (try db.store(items, runID: "bench", gazetteerVersion: "gaz-1"))
                }
            }
            let reloading = try clock.measure {
                let items: [LoadItem] = (0..<batch).map { i in
                    let (article, mentions) = LoadFixtures.sample(String(format: "doc-%06d", i))
                    return .article(article, mentions)
                }
                try db.store(items, runID: "bench-2", gazetteerVersion: "gaz-1")
            }
            var exported = 0
            let exporting = try clock.measure {
                exported = try Exporter.export(from: db, to: folder, csv: "m.csv", geojson: "m.geojson").mentions
            }
            try db.close()
            let size = { (name: String) in (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0 }
            print("""
                LoadBenchmark: stored \(total.articles) articles, \(total.mentions) mentions in \(storing) \
                (\(Int(Double(total.mentions) / storing.seconds)) mentions/s); replaced a batch of \(batch) in \(reloading); \
                exported \(exported) mentions in \(exporting) (\(Int(Double(exported) / exporting.seconds)) mentions/s); \
                gpkg \(size("geotag.gpkg") / 1_000_000) MB, csv \(size("m.csv") / 1_000_000) MB, geojson \(size("m.geojson") / 1_000_000) MB
                """)
            #expect(total.mentions == articles * perArticle)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
