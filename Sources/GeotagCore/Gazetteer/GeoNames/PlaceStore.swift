/// The places of a build in compact form: one 40-byte row per place read, the names in
/// one byte arena, feature codes and administrative codes interned. What lets a build
/// hold the 13 million places of `allCountries.txt` in well under a gigabyte.
///
/// Rows are kept in the order they were read (a row's position is its *record* number);
/// ``finish()`` orders them by geonameid, the later row winning when an id repeats.
struct PlaceStore {
    struct Row {
        var id: Int32
        /// Microdegrees.
        var latitude: Int32
        var longitude: Int32
        var population: UInt32
        var nameStart: Int
        var nameLength: UInt16
        var featureClass: UInt8
        var featureCode: UInt16
        /// Index in ``admins``.
        var admin: UInt32
    }

    /// A place's country and administrative codes.
    struct Admin: Hashable {
        var country: String
        var admin1: String
        var admin2: String

        /// `CC.A1` as in `admin1CodesASCII.txt`.
        var admin1Key: String { "\(country).\(admin1)" }
        /// `CC.A1.A2` as in `admin2Codes.txt`.
        var admin2Key: String { "\(country).\(admin1).\(admin2)" }
        /// Whether the admin1 code says something ("00" is GeoNames' "none").
        var hasAdmin1: Bool { !admin1.isEmpty && admin1 != "00" }
    }

    private(set) var rows: [Row] = []
    private(set) var names: [UInt8] = []
    private(set) var featureCodes: [String] = []
    private var featureCodeIndex: [String: UInt16] = [:]
    private(set) var admins: [Admin] = []
    private var adminIndex: [Admin: UInt32] = [:]

    /// Row positions in index order (by id), one per distinct id; set by ``finish()``.
    private(set) var order: [UInt32] = []
    /// For ids in 0..<direct.count, the index of the place with that id, or -1.
    private var direct: [Int32] = []

    var recordCount: Int { rows.count }
    var count: Int { order.count }

    /// Adds `place` and returns its record number.
    mutating func append(_ place: GeoNamesPlace) throws(DocumentError) -> UInt32 {
        guard let id = Int32(exactly: place.id) else { throw DocumentError("geonameid \(place.id) is out of range") }
        let name = Array(place.name.utf8.prefix(Int(UInt16.max)))
        let admin = Admin(country: place.countryCode, admin1: place.admin1Code, admin2: place.admin2Code)
        let row = Row(
            id: id, latitude: Int32((place.latitude * 1_000_000).rounded()), longitude: Int32((place.longitude * 1_000_000).rounded()),
            population: UInt32(clamping: place.population), nameStart: names.count, nameLength: UInt16(name.count),
            featureClass: place.featureClass.utf8.first ?? 0, featureCode: intern(code: place.featureCode), admin: intern(admin))
        names.append(contentsOf: name)
        rows.append(row)
        return UInt32(rows.count - 1)
    }

    private mutating func intern(code: String) -> UInt16 {
        if let index = featureCodeIndex[code] { return index }
        let index = UInt16(clamping: featureCodes.count)
        featureCodes.append(code)
        featureCodeIndex[code] = index
        return index
    }

    mutating func intern(_ admin: Admin) -> UInt32 {
        if let index = adminIndex[admin] { return index }
        let index = UInt32(admins.count)
        admins.append(admin)
        adminIndex[admin] = index
        return index
    }

    /// Orders the places by id, keeping the last row of each id.
    mutating func finish() {
        // (id, record) packed in one word sorts by id, then by record.
        var keys = rows.indices.map { UInt64(UInt32(bitPattern: rows[$0].id) ^ 0x8000_0000) << 32 | UInt64($0) }
        keys.sort()
        order = []
        order.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() where i + 1 == keys.count || keys[i + 1] >> 32 != key >> 32 {
            order.append(UInt32(truncatingIfNeeded: key))
        }
        // A direct id → index table when ids are dense enough (GeoNames' are), else binary search.
        let maxID = order.last.map { Int(rows[Int($0)].id) } ?? 0
        direct = []
        if maxID >= 0, maxID < 4 * order.count + 1024 {
            direct = [Int32](repeating: -1, count: maxID + 1)
            for (index, position) in order.enumerated() where rows[Int(position)].id >= 0 {
                direct[Int(rows[Int(position)].id)] = Int32(index)
            }
        }
    }

    /// The index of the place with `id`, or nil.
    func index(of id: Int32) -> Int? {
        if id >= 0, Int(id) < direct.count {
            let index = direct[Int(id)]
            return index >= 0 ? Int(index) : nil
        }
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if rows[Int(order[mid])].id < id { low = mid + 1 } else { high = mid }
        }
        return low < order.count && rows[Int(order[low])].id == id ? low : nil
    }

    /// The row of the place at `index`.
    func row(_ index: Int) -> Row { rows[Int(order[index])] }

    /// The record number of the place at `index` (the row that won).
    func record(_ index: Int) -> UInt32 { order[index] }

    func name(_ row: Row) -> ArraySlice<UInt8> { names[row.nameStart..<(row.nameStart + Int(row.nameLength))] }

    func featureCode(_ row: Row) -> String { featureCodes[Int(row.featureCode)] }

    func admin(_ row: Row) -> Admin { admins[Int(row.admin)] }

    /// Replaces the administrative codes of the place at `index`.
    mutating func setAdmin(_ admin: Admin, at index: Int) {
        let code = intern(admin)
        rows[Int(order[index])].admin = code
    }
}
