import Foundation

/// How one Unicode scalar takes part in a folded name.
enum ScalarRole: Equatable {
    /// A letter or digit: these folded bytes are appended to the current token.
    case letter(FoldedBytes)
    /// A combining mark, tatweel, soft hyphen or zero-width character: dropped, the
    /// token goes on.
    case ignorable
    /// ' ’ ‘ ʼ ʿ ʾ ` ´: dropped inside a word ("Ba'quba" = "Baquba"), but "'s" ends it.
    case apostrophe
    /// `.`: joins single letters of an abbreviation ("U.S." = "US"), else a boundary.
    case period
    /// A hyphen: a boundary that attaches an Arabic article to its noun ("al-Hasakah").
    case hyphen
    /// Anything else ends the token.
    case separator
}

/// Up to four folded UTF-8 bytes (enough for one lower-cased scalar or "ss"), stored
/// inline so folding a scalar allocates nothing.
struct FoldedBytes: Equatable {
    var count: UInt8
    var b0: UInt8, b1: UInt8, b2: UInt8, b3: UInt8

    init(_ bytes: some Collection<UInt8>) {
        precondition(bytes.count <= 4)
        var all: [UInt8] = Array(bytes) + [0, 0, 0, 0]
        count = UInt8(bytes.count)
        b0 = all[0]; b1 = all[1]; b2 = all[2]; b3 = all[3]
        all.removeAll()
    }

    init(ascii: UInt8) {
        count = 1
        b0 = ascii; b1 = 0; b2 = 0; b3 = 0
    }

    func append(to buffer: inout [UInt8]) {
        buffer.append(b0)
        if count > 1 { buffer.append(b1) }
        if count > 2 { buffer.append(b2) }
        if count > 3 { buffer.append(b3) }
    }

    var first: UInt8 { b0 }
}

/// The scalar-level folding rules shared by the gazetteer index and the text matcher:
/// case, diacritics, apostrophes and Arabic-script letter variants.
enum ScalarFolding {
    /// Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF) fold to their base
    /// letters, computed once from Unicode's canonical decompositions; letters that do
    /// not decompose get their conventional ASCII spelling.
    private static let latinTable: [UInt32: FoldedBytes] = {
        let special: [UInt32: String] = [
            0x00DF: "ss", 0x1E9E: "ss", 0x00C6: "ae", 0x00E6: "ae", 0x0152: "oe", 0x0153: "oe",
            0x00D8: "o", 0x00F8: "o", 0x0141: "l", 0x0142: "l", 0x0110: "d", 0x0111: "d",
            0x00D0: "d", 0x00F0: "d", 0x00DE: "th", 0x00FE: "th", 0x0126: "h", 0x0127: "h",
            0x0131: "i", 0x0130: "i", 0x014A: "ng", 0x014B: "ng", 0x0166: "t", 0x0167: "t",
            0x0180: "b", 0x0197: "i", 0x0268: "i", 0x01B5: "z", 0x01B6: "z", 0x0189: "d", 0x0256: "d",
        ]
        var table: [UInt32: FoldedBytes] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
                if let spelled = special[value] {
                    table[value] = FoldedBytes(Array(spelled.utf8))
                    continue
                }
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { !$0.properties.generalCategory.isMark }
                let lowered = String(String.UnicodeScalarView(base)).lowercased()
                let bytes = Array(lowered.utf8)
                if !bytes.isEmpty, bytes.count <= 4 { table[value] = FoldedBytes(bytes) }
            }
        }
        return table
    }()

    /// The role of `scalar` in a folded name.
    static func role(of scalar: Unicode.Scalar) -> ScalarRole {
        let v = scalar.value
        if v < 0x80 { return asciiRole(UInt8(v)) }
        if let arabic = arabicRole(v) { return arabic }
        switch v {
        case 0x2018, 0x2019, 0x02BC, 0x02BB, 0x02BE, 0x02BF, 0x00B4, 0x2032, 0x02B9:
            return .apostrophe
        case 0x2010, 0x2011:
            return .hyphen
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
            return .ignorable
        default:
            break
        }
        if let folded = latinTable[v] { return .letter(folded) }
        let properties = scalar.properties
        if properties.generalCategory.isMark { return .ignorable }
        if properties.isAlphabetic || properties.numericType != nil {
            let lowered = properties.lowercaseMapping.utf8
            return lowered.count <= 4 ? .letter(FoldedBytes(lowered)) : .letter(FoldedBytes(Array(lowered.prefix(4))))
        }
        return .separator
    }

    /// ``role(of:)`` of every ASCII byte, looked up by the tokenizer's fast path.
    static let asciiRoles: [ScalarRole] = (0..<128).map { asciiRole(UInt8($0)) }

    private static func asciiRole(_ byte: UInt8) -> ScalarRole {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .letter(FoldedBytes(ascii: byte))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return .letter(FoldedBytes(ascii: byte + 32))
        case UInt8(ascii: "'"), UInt8(ascii: "`"):
            return .apostrophe
        case UInt8(ascii: "."):
            return .period
        case UInt8(ascii: "-"):
            return .hyphen
        default:
            return .separator
        }
    }

    /// Arabic script: diacritics (harakat), the superscript alef and tatweel are dropped;
    /// alef forms become bare alef, ta marbuta becomes ha, alef maqsura and Persian yeh
    /// become yeh, keheh becomes kaf, hamza seats become their carrier letters.
    private static func arabicRole(_ v: UInt32) -> ScalarRole? {
        switch v {
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640:
            return .ignorable
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673:
            return .letter(arabic(0x0627))
        case 0x0629:
            return .letter(arabic(0x0647))
        case 0x0649, 0x06CC, 0x0626, 0x06D2:
            return .letter(arabic(0x064A))
        case 0x06A9:
            return .letter(arabic(0x0643))
        case 0x0624:
            return .letter(arabic(0x0648))
        case 0x060C, 0x061B, 0x061F, 0x066A...0x066D, 0x06D4:
            return .separator
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF:
            return .letter(arabic(v))
        case 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            // Presentation forms: fold through their compatibility decomposition.
            guard let scalar = Unicode.Scalar(v) else { return .separator }
            var bytes: [UInt8] = []
            for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars where part.value != v {
                switch arabicRole(part.value) {
                case let .letter(folded)?: folded.append(to: &bytes)
                case .ignorable?: continue
                default: return .separator
                }
            }
            return bytes.isEmpty || bytes.count > 4 ? .separator : .letter(FoldedBytes(bytes))
        default:
            return nil
        }
    }

    private static func arabic(_ v: UInt32) -> FoldedBytes {
        FoldedBytes(Array(String(Unicode.Scalar(v)!).utf8))
    }

    /// Whether `scalar` is in the Arabic script blocks.
    static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool {
        switch self {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
