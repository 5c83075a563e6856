import Foundation

/// SHA-256 of a file's bytes as they are on disk, read in chunks.
public enum FileDigest {
    public static func sha256(path: String) throws(GeotagError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GeotagError.io(path: path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        } catch {
            throw GeotagError.io(path: path, reason: "read error: \(error.localizedDescription)")
        }
        return Hex.encode(hasher.finalize())
    }
}
