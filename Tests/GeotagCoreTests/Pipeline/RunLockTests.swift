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

extension RunLockTests {
    /// A refused lock closes its own descriptor once and touches no other: while one
    /// thread is refused again and again, files another thread writes keep their bytes.
    /// (A refused lock used to be released a second time by its deinit, which truncated
    /// and closed whatever file had taken the descriptor's number meanwhile.)
    @Test func aRefusedLockLeavesOtherFilesAlone() async throws {
        let folder = try ScratchFolder()
        let database = folder.path + "/geotag.gpkg"
        let held = try RunLock(databasePath: database)
        defer { held.release() }
        let path = folder.path
        let refusals = Thread {
            for _ in 0..<20_000 { _ = try? RunLock(databasePath: database) }
        }
        refusals.start()
        let payload = Data(repeating: 0x61, count: 4096)
        var damaged = 0
        for i in 0..<2_000 {
            let file = URL(fileURLWithPath: path + "/file-\(i % 8).txt")
            do {
                try payload.write(to: file)
                if try Data(contentsOf: file) != payload { damaged += 1 }
            } catch {
                damaged += 1
            }
        }
        while !refusals.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        #expect(damaged == 0)
    }
}
