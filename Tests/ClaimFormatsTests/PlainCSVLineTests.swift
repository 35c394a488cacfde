import CapitationCore
import ClaimFormats
import Testing

struct PlainCSVLineTests {
    /// The plain record at the start of `bytes`, as its fields and the offset after it.
    private func plain(_ bytes: [UInt8], fieldCount: Int) -> (fields: [[UInt8]], end: Int)? {
        bytes.withUnsafeBufferPointer { buffer in
            var starts = [Int](repeating: -1, count: fieldCount)
            var ends = [Int](repeating: -1, count: fieldCount)
            guard
                let end = PlainCSVLine.find(
                    in: buffer,
                    from: 0,
                    fieldCount: fieldCount,
                    starts: &starts,
                    ends: &ends
                )
            else { return nil }
            return ((0..<fieldCount).map { Array(buffer[starts[$0]..<ends[$0]]) }, end)
        }
    }

    @Test func findsTheFieldsOfAPlainLine() throws {
        let line = Array("C-1,P000001,Zvw,insurer-a,hap-1,huisarts,13001,2026-01-01,2026-03-31,24.70,D,\nnext".utf8)
        let found = try #require(plain(line, fieldCount: 12))
        #expect(found.fields.map { String(decoding: $0, as: UTF8.self) }[2] == "Zvw")
        #expect(found.fields[11] == [])
        #expect(found.end == line.firstIndex(of: UInt8(ascii: "\n"))! + 1)
        // CR LF ends a line too; a carriage return anywhere else, a quote, a tab or a byte beyond ASCII
        // leave the line to the scanner, as do a field too many or too few and a line without its end.
        #expect(try #require(plain(Array("a,b\r\n".utf8), fieldCount: 2)).fields == [[0x61], [0x62]])
        for text in ["a\r,b\n", "a,\"b\"\n", "a,b\tc\n", "a,bé\n", "a,b,c\n", "ab\n", "a,b", "\n", "\r\n"] {
            #expect(plain(Array(text.utf8), fieldCount: 2) == nil, "\(text.debugDescription)")
        }
    }

    // Against the scanner, on 20,000 texts drawn from a seed out of what matters to both: text of every
    // length around the eight bytes looked at at once, commas, quotes, line ends with and without CR, a
    // lone CR, tabs, DEL, bytes beyond ASCII and spaces; half of them of text and commas only. Whenever the plain reading finds a record, the
    // scanner reads the same fields and ends it at the same place; and whenever the scanner reads a one-line
    // record of the expected fields in printable ASCII, without quotes and ended by a line end, the plain
    // reading finds it.
    @Test func readsWhatTheScannerReadsWheneverTheLineIsPlain() {
        let pieces = [
            "a", "bc", "defghij", "klmnopqr", "0123456789abcdefg", ",", ",", ",", "\"", "\n", "\r\n", "\r", "\t",
            "\u{7F}", "é", " ",
        ].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 19)
        var found = 0
        for _ in 0..<20_000 {
            // Half the texts of text and commas only, with a line end, so that many lines are plain.
            let plainOnly = Bool.random(using: &random)
            var bytes = (0..<Int.random(in: 1...24, using: &random)).flatMap { _ in
                pieces[Int.random(in: 0..<(plainOnly ? 8 : pieces.count), using: &random)]
            }
            if plainOnly { bytes += pieces[Int.random(in: 9...10, using: &random)] }
            let fieldCount = Int.random(in: 1...6, using: &random)
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            let plainRecord = plain(bytes, fieldCount: fieldCount)
            bytes.withUnsafeBufferPointer { buffer in
                var scanner = CSVScanner(buffer, skipByteOrderMark: false)
                guard scanner.next() else {
                    #expect(plainRecord == nil, "\(text)")
                    return
                }
                let fields = scanner.fields.map { Array(buffer[$0.start..<$0.end]) }
                let record = buffer[..<scanner.offset]
                let isPlain =
                    scanner.error == nil && scanner.line == 1 && scanner.nextRecordLine == 2
                    && fields.count == fieldCount && record.last == UInt8(ascii: "\n")
                    && !record.contains(UInt8(ascii: "\""))
                    && fields.allSatisfy { $0.allSatisfy { (0x20...0x7E).contains($0) } }
                if let plainRecord {
                    found += 1
                    #expect(isPlain, "\(text)")
                    #expect(plainRecord.fields == fields, "\(text)")
                    #expect(plainRecord.end == scanner.offset, "\(text)")
                } else {
                    #expect(!isPlain, "\(text)")
                }
            }
        }
        #expect(found > 1_000)
    }
}

struct ByteWordsTests {
    // Every byte value in each of the eight places of a word whose other bytes are drawn from a seed:
    // marked exactly where the byte is the one asked for, or outside printable ASCII, whatever its
    // neighbours (the usual test for a zero byte also marks a 0x01 above a zero, and 0x80 everywhere).
    @Test func marksExactlyTheBytesAskedFor() {
        var random = SeededGenerator(seed: 23)
        for value in 0...255 {
            for place in 0..<8 {
                var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes[place] = UInt8(value)
                // The neighbours most likely to fool a test with borrows: the byte asked for, plus one.
                if place < 7, Bool.random(using: &random) { bytes[place + 1] = UInt8(ascii: ",") &+ 1 }
                let word = bytes.withUnsafeBytes { ByteWords.word($0.baseAddress!, at: 0) }
                let commas = ByteWords.bytes(word, equalTo: ByteWords.repeated(UInt8(ascii: ",")))
                let outside = ByteWords.outsidePrintable(word)
                for index in 0..<8 {
                    let bit = UInt64(0x80) << (8 * index)
                    #expect((commas & bit != 0) == (bytes[index] == UInt8(ascii: ",")), "\(bytes)")
                    #expect((outside & bit != 0) == !(0x20...0x7E).contains(bytes[index]), "\(bytes)")
                }
                #expect(commas & ~0x8080_8080_8080_8080 == 0)
                #expect(ByteWords.markedCount(commas) == bytes.count { $0 == UInt8(ascii: ",") })
                #expect(ByteWords.markedCount(outside) == bytes.count { !(0x20...0x7E).contains($0) })
            }
        }
    }

    @Test func findsAndCountsAByte() {
        let text = Array("0123456789\nabcdefghijklmnopqrstuvw\nxyz\n".utf8)
        text.withUnsafeBufferPointer { buffer in
            #expect(ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: 0) == 10)
            #expect(ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: 11) == 34)
            #expect(ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: 35) == 38)
            #expect(ByteWords.firstIndex(of: UInt8(ascii: "!"), in: buffer, from: 0) == text.count)
            #expect(ByteWords.count(of: UInt8(ascii: "\n"), in: UnsafeRawBufferPointer(buffer)) == 3)
        }
    }
}
