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
