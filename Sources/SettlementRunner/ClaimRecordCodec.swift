import CapitationCore
import ClaimFormats

/// A compact binary form of claim lines and rejected lines, for spilling partitions to disk.
///
/// A claim line starts with a byte of its regime, side and which optional parts follow; its texts are a
/// length byte (255, then a 32-bit length, for a text of 255 bytes and more) and UTF-8 bytes; its dates
/// are 32-bit day numbers, its file a 32-bit position, its amounts and line 64-bit integers, all
/// little-endian, so that a line takes two thirds of the bytes of 32-bit lengths and 64-bit fields
/// throughout, without a loop per field. A rejected line's key is 64-bit integers and its texts have
/// 32-bit lengths. The form is private to one run: it is written and read by the same program within one
/// settlement.
enum ClaimRecordCodec {
    /// Appends `line` to `bytes`, written whole into a buffer and appended at once rather than field by
    /// field (an append per field costs more than the fields themselves).
    static func encode(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        // Nearly every line fits a small buffer with room to spare, and is written without being counted
        // first: each of its nine texts at most needs five bytes of length, its numbers and flags 37.
        var texts = line.claimID.count + line.member.count + line.payer.count + line.provider.count
        texts += line.category.count + line.product.count + (line.corrects?.count ?? 0)
        texts += (line.careProfile?.count ?? 0) + (line.volume?.unit.count ?? 0)
        if line.answer == nil, texts <= smallLineBytes - 9 * 5 - 37 {
            withUnsafeTemporaryAllocation(byteCount: smallLineBytes, alignment: 8) { buffer in
                var writer = Writer(buffer: buffer)
                write(line, to: &writer)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<writer.offset]))
            }
            return
        }
        var size = Counter()
        write(line, to: &size)
        withUnsafeTemporaryAllocation(byteCount: size.bytes, alignment: 1) { buffer in
            var writer = Writer(buffer: buffer)
            write(line, to: &writer)
            precondition(writer.offset == size.bytes, "a claim record's size was miscounted")
            bytes.append(contentsOf: UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self))
        }
    }

    /// The size of the buffer that a line with no answer and short texts is written into.
    private static let smallLineBytes = 512

    /// Appends `line` to `bytes` field by field: the same bytes as ``encode(_:into:)``.
    static func encodeFieldByField(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        var appender = Appender()
        swap(&appender.bytes, &bytes)
        write(line, to: &appender)
        swap(&appender.bytes, &bytes)
    }

    /// The fields of `line`, in the order ``decodeBatch(_:)`` reads them.
    private static func write<Sink: FieldSink>(_ line: ClaimRecord, to sink: inout Sink) {
        var flags = regimeCode(line.regime)
        if line.side == .credit { flags |= Flag.credit }
        if line.corrects != nil { flags |= Flag.corrects }
        if line.careProfile != nil { flags |= Flag.careProfile }
        if line.volume != nil { flags |= Flag.volume }
        if line.answer != nil { flags |= Flag.answer }
        sink.byte(flags)
        sink.shortText(line.claimID)
        sink.shortText(line.member)
        sink.shortText(line.payer)
        sink.shortText(line.provider)
        sink.shortText(line.category)
        sink.shortText(line.product)
        sink.integer32(Int32(line.service.start.dayNumber))
        sink.integer32(Int32(line.service.end.dayNumber))
        sink.integer(line.amount.rawValue)
        if let corrects = line.corrects { sink.shortText(corrects) }
        if let careProfile = line.careProfile { sink.shortText(careProfile) }
        if let volume = line.volume {
            sink.integer(volume.count)
            sink.shortText(volume.unit)
        }
        sink.integer32(Int32(line.source.file))
        sink.integer(Int64(line.source.line))
        if let answer = line.answer {
            sink.integer(answer.approved.rawValue)
            sink.count(answer.codes.count)
            for code in answer.codes { sink.text(code) }
            sink.text(answer.explanation)
            let meanings = answer.meanings.sorted { $0.key < $1.key }
            sink.count(meanings.count)
            for (code, meaning) in meanings {
                sink.text(code)
                sink.text(meaning)
            }
        }
    }

    /// The bits of a claim line's first byte above its regime's code (bits 0 and 1).
    private enum Flag {
        static let credit: UInt8 = 1 << 2
        static let corrects: UInt8 = 1 << 3
        static let careProfile: UInt8 = 1 << 4
        static let volume: UInt8 = 1 << 5
        static let answer: UInt8 = 1 << 6
    }

    /// Decodes every line in `bytes` into a batch, each text kept once.
    static func decodeBatch(_ bytes: [UInt8]) -> ClaimBatch {
        var batch = ClaimBatch()
        // A line takes seventy bytes and more in this form.
        batch.reserveCapacity(bytes.count / 70)
        bytes.withUnsafeBytes { bytes in
            var reader = Reader(bytes: bytes)
            var previous = ClaimBatch.Line.none
            while !reader.isAtEnd {
                let flags = reader.byte()
                let claimID = batch.addReference(reader.shortText())
                let member = batch.intern(reader.shortText(), after: previous.member)
                let payer = batch.intern(reader.shortText(), after: previous.payer)
                let provider = batch.intern(reader.shortText(), after: previous.provider)
                let category = batch.intern(reader.shortText(), after: previous.category)
                let product = batch.intern(reader.shortText(), after: previous.product)
                let start = reader.integer32()
                let end = reader.integer32()
                let amount = Cents(reader.integer())
                let corrects = flags & Flag.corrects != 0 ? batch.addReference(reader.shortText()) : TextList.none
                let careProfile =
                    flags & Flag.careProfile != 0
                    ? batch.intern(reader.shortText(), after: previous.careProfile) : TextTable.none
                var volume: Int64 = 0
                var unit = TextTable.none
                if flags & Flag.volume != 0 {
                    volume = reader.integer()
                    unit = batch.intern(reader.shortText(), after: previous.unit)
                }
                let source = LineSource(file: Int(reader.integer32()), line: Int(reader.integer()))
                var answer: FinancierAnswer?
                if flags & Flag.answer != 0 {
                    let approved = Cents(reader.integer())
                    let codes = (0..<reader.count()).map { _ in reader.string() }
                    let explanation = reader.string()
                    var meanings: [String: String] = [:]
                    for _ in 0..<reader.count() {
                        let code = reader.string()
                        meanings[code] = reader.string()
                    }
                    answer = FinancierAnswer(
                        approved: approved,
                        codes: codes,
                        explanation: explanation,
                        meanings: meanings
                    )
                }
                previous = ClaimBatch.Line(
                    member: member,
                    claimID: claimID,
                    payer: payer,
                    provider: provider,
                    category: category,
                    product: product,
                    corrects: corrects,
                    careProfile: careProfile,
                    unit: unit,
                    regime: regime(flags & 3),
                    side: flags & Flag.credit == 0 ? .debit : .credit,
                    start: start,
                    end: end,
                    amount: amount,
                    volume: volume,
                    source: source
                )
                batch.append(previous, answer: answer)
            }
        }
        return batch
    }

    /// A rejected line with its CSV row, keyed for merging by its source, its reason (as its position among
    /// the reasons, `reason`), its detail and its row.
    static func encode(_ line: RejectedLine, reason: Int64, row: UnsafeRawBufferPointer, into bytes: inout [UInt8]) {
        var appender = Appender()
        swap(&appender.bytes, &bytes)
        appender.integer(Int64(line.source.file))
        appender.integer(Int64(line.source.line))
        appender.integer(reason)
        appender.text(line.detail)
        appender.text(row)
        swap(&appender.bytes, &bytes)
    }

    private static func regimeCode(_ regime: Regime) -> UInt8 {
        switch regime {
        case .zvw: 0
        case .wmo: 1
        case .wlz: 2
        }
    }

    private static func regime(_ code: UInt8) -> Regime {
        switch code {
        case 0: .zvw
        case 1: .wmo
        default: .wlz
        }
    }

    /// Reads values in the order they were written.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset >= bytes.count }

        mutating func byte() -> UInt8 {
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer() -> Int64 {
            precondition(offset + 8 <= bytes.count, "a partition's lines do not decode")
            defer { offset += 8 }
            return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        }

        mutating func integer32() -> Int32 {
            precondition(offset + 4 <= bytes.count, "a partition's lines do not decode")
            defer { offset += 4 }
            return Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
        }

        /// A text written with ``FieldSink/shortText(_:)``, in place.
        mutating func shortText() -> UnsafeRawBufferPointer {
            precondition(offset < bytes.count, "a partition's lines do not decode")
            var length = Int(bytes[offset])
            offset += 1
            if length == 255 { length = count() }
            precondition(offset + length <= bytes.count, "a partition's lines do not decode")
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        }

        mutating func count() -> Int {
            precondition(offset + 4 <= bytes.count, "a partition's lines do not decode")
            defer { offset += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }

        /// A text's bytes, in place.
        mutating func text() -> UnsafeRawBufferPointer {
            let length = count()
            precondition(offset + length <= bytes.count, "a partition's lines do not decode")
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        }

        mutating func string() -> String {
            String(decoding: text(), as: UTF8.self)
        }
    }
}

/// Where encoded fields go: integers little-endian, texts as a 32-bit length and their bytes, an optional
/// value as a flag byte and the value.
private protocol FieldSink {
    mutating func byte(_ value: UInt8)
    mutating func integer(_ value: Int64)
    mutating func integer32(_ value: Int32)
    /// A 32-bit length or count.
    mutating func count(_ value: Int)
    mutating func bytes(_ bytes: UnsafeRawBufferPointer)
}

extension FieldSink {
    mutating func text(_ text: UnsafeRawBufferPointer) {
        count(text.count)
        bytes(text)
    }

    /// A text of up to 254 bytes with a byte of length; a longer one with 255 and a 32-bit length.
    mutating func shortText(_ text: UnsafeRawBufferPointer) {
        if text.count < 255 {
            byte(UInt8(text.count))
        } else {
            byte(255)
            count(text.count)
        }
        bytes(text)
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

}

/// Counts the bytes of a record.
private struct Counter: FieldSink {
    var bytes = 0

    mutating func byte(_ value: UInt8) { bytes += 1 }
    mutating func integer(_ value: Int64) { bytes += 8 }
    mutating func integer32(_ value: Int32) { bytes += 4 }
    mutating func count(_ value: Int) { bytes += 4 }
    mutating func bytes(_ bytes: UnsafeRawBufferPointer) { self.bytes += bytes.count }
}

/// Writes a record into a buffer of exactly its size.
private struct Writer: FieldSink {
    let buffer: UnsafeMutableRawBufferPointer
    var offset = 0

    mutating func byte(_ value: UInt8) {
        buffer[offset] = value
        offset += 1
    }

    mutating func integer(_ value: Int64) {
        buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Int64.self)
        offset += 8
    }

    mutating func count(_ value: Int) {
        buffer.storeBytes(of: UInt32(value).littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    mutating func integer32(_ value: Int32) {
        buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Int32.self)
        offset += 4
    }

    mutating func bytes(_ bytes: UnsafeRawBufferPointer) {
        if let source = bytes.baseAddress, let target = buffer.baseAddress, !bytes.isEmpty {
            (target + offset).copyMemory(from: source, byteCount: bytes.count)
        }
        offset += bytes.count
    }
}

/// Appends fields to an array one by one.
private struct Appender: FieldSink {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func integer(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func integer32(_ value: Int32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func bytes(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }
}
