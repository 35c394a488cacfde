/// Finds the fields of a plain CSV record eight bytes at a time: the common record that needs none of
/// the scanner's care.
///
/// Plain: one line of printable ASCII (0x20–0x7E) without quotes, ended by LF or CRLF, with exactly the
/// expected number of fields. Such a record reads the same to ``CSVScanner``, whose grammar only quotes,
/// line ends and the byte order mark complicate; any other record is left to the scanner, which says what
/// is wrong with it.
package enum PlainCSVLine {
    /// The end of the plain record that starts at `start` in `bytes`, and its fields; `nil` when the
    /// record there is not plain.
    ///
    /// On success field `i` is `starts[i]..<ends[i]`: it ends at the comma after it, or the last where the
    /// line's content ends (before its CR LF or LF). The returned offset is just past the line feed.
    ///
    /// - Precondition: `starts` and `ends` hold at least `fieldCount` offsets each.
    package static func find(
        in bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        fieldCount: Int,
        starts: UnsafeMutablePointer<Int>,
        ends: UnsafeMutablePointer<Int>
    ) -> Int? {
        guard let base = bytes.baseAddress, fieldCount > 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        let (lineFeed, carriage, quote, comma) = (
            ByteWords.repeated(0x0A), ByteWords.repeated(0x0D), ByteWords.repeated(0x22), ByteWords.repeated(0x2C)
        )
        let count = bytes.count
        var index = start
        var found = 0
        var carriageReturn = -1
        starts[0] = start
        while index < count {
            var word: UInt64 = 0
            if index + 8 <= count {
                word = ByteWords.word(raw, at: index)
            } else {
                // The last bytes, padded with zeros: control bytes, so a record that ends in them is not plain.
                withUnsafeMutableBytes(of: &word) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: raw + index, count: count - index))
                }
                word = UInt64(littleEndian: word)
            }
            var commas = ByteWords.bytes(word, equalTo: comma)
            var newlines: UInt64 = 0
            // Most words hold only printable bytes and commas: no line end, quote or other byte to look at.
            let special = ByteWords.outsidePrintable(word) | ByteWords.bytes(word, equalTo: quote)
            if special != 0 {
                newlines = ByteWords.bytes(word, equalTo: lineFeed)
                // The bytes of this record in the word: all, or those before its line feed.
                let mine = newlines == 0 ? ~0 : ((newlines & (0 &- newlines)) >> 7) &- 1
                let returns = ByteWords.bytes(word, equalTo: carriage) & mine
                guard special & ~returns & mine == 0 else { return nil }
                if returns != 0 {
                    // A carriage return is plain only just before the line feed: one, at most.
                    guard carriageReturn < 0, returns & (returns &- 1) == 0 else { return nil }
                    carriageReturn = index + returns.trailingZeroBitCount / 8
                }
                commas &= mine
            }
            while commas != 0 {
                guard found < fieldCount - 1 else { return nil }
                let comma = index + commas.trailingZeroBitCount / 8
                ends[found] = comma
                found += 1
                starts[found] = comma + 1
                commas &= commas &- 1
            }
            guard newlines == 0 else {
                let lineFeed = index + newlines.trailingZeroBitCount / 8
                guard found == fieldCount - 1 else { return nil }
                if carriageReturn >= 0 {
                    guard carriageReturn == lineFeed - 1 else { return nil }
                    ends[found] = lineFeed - 1
                } else {
                    ends[found] = lineFeed
                }
                // A line that is nothing but its line end is an empty line, which the scanner skips.
                return lineFeed == start || carriageReturn == start ? nil : lineFeed + 1
            }
            index += 8
        }
        return nil
    }
}
