/// The one language guess the first version makes: Arabic when most letters of the text
/// are in the Arabic script. Everything else is left unknown rather than guessed badly;
/// a page's own `lang` is preferred when it has one.
enum LanguageGuess {
    /// `ar` when more than half of the letters in `text` are Arabic script, else nil.
    static func language(of text: String) -> String? {
        var text = text
        let (letters, arabic) = text.withUTF8 { counts(inUTF8: $0) }
        return letters > 0 && arabic * 2 > letters ? "ar" : nil
    }

    /// The letters (alphabetic scalars) in the UTF-8 `bytes`, and those of them in
    /// Arabic script: ASCII eight bytes at a time (``UTF8Scan``), as nearly every byte of
    /// an English article is.
    static func counts(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> (letters: Int, arabic: Int) {
        var letters = 0, arabic = 0
        UTF8Scan.scan(
            bytes, asciiWord: { letters += ByteWords.asciiLetters($0) },
            asciiByte: { if isASCIILetter(UInt32($0)) { letters += 1 } },
            scalar: { scalar in
                guard scalar.properties.isAlphabetic else { return }
                letters += 1
                if isArabicScript(scalar) { arabic += 1 }
            })
        return (letters, arabic)
    }

    private static func isASCIILetter(_ v: UInt32) -> Bool {
        (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    /// The Arabic, Arabic Supplement, Arabic Extended-A and presentation-form blocks.
    private static func isArabicScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }
}
