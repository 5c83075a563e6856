/// Which names a gazetteer keeps: by default those written in Latin or Arabic script,
/// the scripts of the news geotag reads (English and Arabic sources).
public enum NameScript {
    /// True when every letter of `name` is Latin or Arabic script and it has at least one.
    public static func isLatinOrArabic(_ name: String) -> Bool {
        var letters = 0
        for scalar in name.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF,
                 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                letters += 1
            case 0x02B0...0x036F:
                continue // modifier letters (ʿ ʾ) and combining marks
            default:
                if scalar.properties.isAlphabetic { return false }
            }
        }
        return letters > 0
    }
}
