import CapitationCore
import ClaimFormats
import Testing

struct CSVScannerTests {
    /// Every record of `text` as its fields, or as `error: …`.
    private func records(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            var result: [String] = []
            while scanner.next() {
                if let error = scanner.error {
                    result.append("\(scanner.line): error: \(error)")
                } else {
                    result.append(
                        "\(scanner.line): " + scanner.fields.map { "[\(scanner.string($0) ?? "?")]" }.joined()
                    )
                }
            }
            return result
        }
    }

    @Test func readsRFC4180() {
        #expect(records("a,b,c\n1,2,3\n") == ["1: [a][b][c]", "2: [1][2][3]"])
        // CRLF, a last line without a line end, and empty fields.
        #expect(records("a,b\r\n,\r\nx,") == ["1: [a][b]", "2: [][]", "3: [x][]"])
        // Quoted commas, quotes and newlines; the record's line is where it starts.
        #expect(
            records("\"Hulpmiddelen, Oost\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,1\n") == [
                "1: [Hulpmiddelen, Oost][say \"hi\"][two\nlines]", "3: [next][1]",
            ]
        )
        // A byte order mark at the start is skipped; empty lines are skipped but counted.
        #expect(records("\u{FEFF}a,b\n\n\r\nc,d\n") == ["1: [a][b]", "4: [c][d]"])
        #expect(records("") == [])
    }

    @Test func refusesWhatIsNotCSV() {
        #expect(
            records("a,b\"c\",d\nok,1\n") == [
                "1: error: a quote inside an unquoted field (column 2); quote the whole field and double the quote",
                "2: [ok][1]",
            ]
        )
        #expect(records("\"a\"b,c\nok\n") == ["1: error: text after the closing quote of column 1", "2: [ok]"])
        #expect(records("a,\"never closed\nb,c\n") == ["1: error: a quoted field (column 2) is never closed"])
    }

    @Test func findsRecordBoundariesOutsideQuotes() {
        let text = Array("a,b\n\"x\ny\",z\nlast,partial".utf8)
        let boundary = text.withUnsafeBufferPointer { CSVRecordBoundary.lastRecordEnd(in: $0) }
        // The line end inside the quotes does not end a record; the one after "z" does.
        #expect(boundary?.offset == 12)
        #expect(boundary?.lines == 3)
        #expect(Array("no line end".utf8).withUnsafeBufferPointer { CSVRecordBoundary.lastRecordEnd(in: $0) } == nil)
    }

    /// The records of `bytes` read whole, and read as two blocks split where the boundary finder says
    /// the first half's last record ends (as the settlement reads a file in blocks).
    private func wholeAndSplit(_ bytes: [UInt8]) -> (whole: [String], split: [String])? {
        guard
            let (offset, lines) = bytes.withUnsafeBufferPointer({
                CSVRecordBoundary.lastRecordEnd(in: UnsafeBufferPointer(rebasing: $0[..<($0.count / 2)]))
            })
        else { return nil }
        func read(_ part: ArraySlice<UInt8>, firstLine: Int) -> [String] {
            Array(part).withUnsafeBufferPointer { buffer in
                var scanner = CSVScanner(buffer, firstLine: firstLine, skipByteOrderMark: false)
                var result: [String] = []
                while scanner.next() {
                    result.append(
                        "\(scanner.line): "
                            + (scanner.error ?? scanner.fields.map { "[\(scanner.string($0) ?? "?")]" }.joined())
                    )
                }
                return result
            }
        }
        return (
            read(bytes[...], firstLine: 1),
            read(bytes[..<offset], firstLine: 1) + read(bytes[offset...], firstLine: 1 + lines)
        )
    }

    // Found by fuzzing: a stray quote inside an unquoted field made the boundary finder believe a quoted
    // field had opened, so it split a later quoted field that spans lines, and the two blocks read other
    // records than the whole file. Here the scanner reads line 1 as an error (the quote), then "e", the
    // quoted "f⏎g" and "h" as one record over lines 2–3, then "i","j", then "k", "l⏎m", "n" over lines
    // 5–6: four records in six lines. The last record ends at the end; the old finder said after "l".
    @Test func splitsWhereTheScannerEndsARecord() throws {
        let text = Array("a,b\"c,d\ne,\"f\ng\",h\ni,j\nk,\"l\nm\",n\n".utf8)
        let boundary = text.withUnsafeBufferPointer { CSVRecordBoundary.lastRecordEnd(in: $0) }
        #expect(boundary?.offset == text.count)
        #expect(boundary?.lines == 6)
        let halves = try #require(wholeAndSplit(text))
        #expect(halves.split == halves.whole)
        #expect(halves.whole.count == 4)
    }

    // The same for 3,000 texts drawn from a seed out of the bytes that matter to the grammar: quotes,
    // doubled quotes, commas, line ends with and without carriage returns, and text, also runs of text
    // longer than the eight bytes the boundary finder passes over at once.
    @Test func splitsWhereTheScannerEndsARecordWhateverTheText() {
        let pieces = [
            "a", "bc", ",", "\"", "\"\"", "\n", "\r\n", "\r", ",\"x\"", "\"y\n\"", "plain text 0123", "abcdefg",
        ].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 7)
        var compared = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...40, using: &random)).flatMap { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            guard let halves = wholeAndSplit(text) else { continue }
            #expect(halves.split == halves.whole, "\(String(decoding: text, as: UTF8.self).debugDescription)")
            compared += 1
        }
        #expect(compared > 1_000)
    }

    @Test func keepsInvalidUTF8Apart() {
        let bytes: [UInt8] = Array("a,".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            let found = scanner.next()
            #expect(found)
            let first = scanner.string(scanner.fields[0])
            let second = scanner.string(scanner.fields[1])
            #expect(first == "a")
            #expect(second == nil)
        }
    }
}
