/// Unicode property questions about a scalar, asked out of line.
///
/// `Unicode.Scalar.Properties` and `Unicode.NumericType` are resilient types of the
/// standard library, whose size is unknown when geotag is compiled. A function that asks
/// them inline looks up their metadata and makes room for them on the stack every time
/// it is entered, even when it then takes its ASCII path: in the tokenizer that was
/// more work than folding the letter. Loops over scalars decide ASCII themselves and
/// call these for the rest.
enum ScalarProperties {
    /// A letter or a digit of any script.
    @inline(never)
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A letter of any script (Unicode's Alphabetic).
    @inline(never)
    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }

    /// A digit or another number character of any script.
    @inline(never)
    static func isNumeric(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.numericType != nil }

    @inline(never)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }

    @inline(never)
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isLowercase }

    /// Unicode's White_Space.
    @inline(never)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
}
