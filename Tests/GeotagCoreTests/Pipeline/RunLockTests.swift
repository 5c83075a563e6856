import Foundation
import Testing
@testable import GeotagCore

@Suite struct RunLockTests {
    @Test func aSecondRunIsRefusedWithTheHoldersPID() throws {
        let folder = try ScratchFolder()
        let database = folder.path + "/geotag.gpkg"
        let first = try RunLock(databasePath: database)
        #expect(throws: GeotagError.self) { try RunLock(databasePath: database) }
        do {
            _ = try RunLock(databasePath: database)
        } catch {
            #expect(error.exitCode == 3)
            #expect(error.description.contains("PID \(getpid())"))
        }
        first.release()
        let again = try RunLock(databasePath: database)
        again.release()
    }
}
