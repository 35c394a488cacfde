import CapitationCore
import ClaimFormats

/// A compact binary form of claim lines and rejected lines, for spilling partitions to disk.
///
/// Strings are a 32-bit length and UTF-8 bytes; dates are day numbers; amounts are cents. The form is
/// private to one run: it is written and read by the same program within one settlement.
enum ClaimRecordCodec {
    /// Appends `line` to `bytes`, written whole into a buffer of its size and appended at once rather than
    /// field by field (an append per field costs more than the fields themselves).
    static func encode(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        var size = Counter()
        write(line, to: &size)
        withUnsafeTemporaryAllocation(byteCount: size.bytes, alignment: 1) { buffer in
            var writer = Writer(buffer: buffer)
            write(line, to: &writer)
            precondition(writer.offset == size.bytes, "a claim record's size was miscounted")
            bytes.append(contentsOf: UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self))
        }
    }

    /// Appends `line` to `bytes` field by field: the same bytes as ``encode(_:into:)``.
    static func encodeFieldByField(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        var appender = Appender()
        swap(&appender.bytes, &bytes)
        write(line, to: &appender)
        swap(&appender.bytes, &bytes)
    }

    /// The fields of `line`, in the order ``decodeBatch(_:)`` reads them.
    private static func write<Sink: FieldSink>(_ line: ClaimRecord, to sink: inout Sink) {
        sink.text(line.claimID)
        sink.text(line.member)
        sink.byte(regimeCode(line.regime))
        sink.text(line.payer)
        sink.text(line.provider)
        sink.text(line.category)
        sink.text(line.product)
        sink.integer(Int64(line.service.start.dayNumber))
        sink.integer(Int64(line.service.end.dayNumber))
        sink.integer(line.amount.rawValue)
        sink.byte(line.side == .debit ? 0 : 1)
        sink.optional(line.corrects) { $0.text($1) }
        sink.optional(line.careProfile) { $0.text($1) }
        sink.optional(line.volume) { sink, volume in
            sink.integer(volume.count)
            sink.text(volume.unit)
        }
        sink.integer(Int64(line.source.file))
        sink.integer(Int64(line.source.line))
        sink.optional(line.answer) { sink, answer in
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

    /// Decodes every line in `bytes` into a batch, each text kept once.
    static func decodeBatch(_ bytes: [UInt8]) -> ClaimBatch {
        var batch = ClaimBatch()
        // A line takes a hundred bytes and more in this form.
        batch.reserveCapacity(bytes.count / 100)
        bytes.withUnsafeBytes { bytes in
            var reader = Reader(bytes: bytes)
            while !reader.isAtEnd {
                let claimID = batch.addReference(reader.text())
                let member = batch.intern(reader.text())
                let regime = regime(reader.byte())
                let payer = batch.intern(reader.text())
                let provider = batch.intern(reader.text())
                let category = batch.intern(reader.text())
                let product = batch.intern(reader.text())
                let start = Int32(reader.integer())
                let end = Int32(reader.integer())
                let amount = Cents(reader.integer())
                let side: ClaimLine.Side = reader.byte() == 0 ? .debit : .credit
                let corrects = reader.byte() == 1 ? batch.addReference(reader.text()) : TextList.none
                let careProfile = reader.byte() == 1 ? batch.intern(reader.text()) : TextTable.none
                var volume: Int64 = 0
                var unit = TextTable.none
                if reader.byte() == 1 {
                    volume = reader.integer()
                    unit = batch.intern(reader.text())
                }
                let source = LineSource(file: Int(reader.integer()), line: Int(reader.integer()))
                var answer: FinancierAnswer?
                if reader.byte() == 1 {
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
                batch.append(
                    ClaimBatch.Line(
                        member: member,
                        claimID: claimID,
                        payer: payer,
                        provider: provider,
                        category: category,
                        product: product,
                        corrects: corrects,
                        careProfile: careProfile,
                        unit: unit,
                        regime: regime,
                        side: side,
                        start: start,
                        end: end,
                        amount: amount,
                        volume: volume,
                        source: source
                    ),
                    answer: answer
                )
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
    /// A 32-bit length or count.
    mutating func count(_ value: Int)
    mutating func bytes(_ bytes: UnsafeRawBufferPointer)
}

extension FieldSink {
    mutating func text(_ text: UnsafeRawBufferPointer) {
        count(text.count)
        bytes(text)
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout Self, Value) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }
}

/// Counts the bytes of a record.
private struct Counter: FieldSink {
    var bytes = 0

    mutating func byte(_ value: UInt8) { bytes += 1 }
    mutating func integer(_ value: Int64) { bytes += 8 }
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
    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func bytes(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }
}
