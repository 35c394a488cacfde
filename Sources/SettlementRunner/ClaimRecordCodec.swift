import CapitationCore
import ClaimFormats

/// A compact binary form of claim lines and rejected lines, for spilling partitions to disk.
///
/// Strings are a 32-bit length and UTF-8 bytes; dates are day numbers; amounts are cents. The form is
/// private to one run: it is written and read by the same program within one settlement.
enum ClaimRecordCodec {
    /// Appends `line` to `bytes`: a line without an answer (nearly all) is written whole into a buffer of
    /// its size and appended at once, rather than field by field.
    static func encode(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        guard line.answer == nil else { return encodeFieldByField(line, into: &bytes) }
        var size = 6 * 4 + line.claimID.count + line.member.count + line.payer.count + line.provider.count
        size += line.category.count + line.product.count
        size += 1 + 3 * 8 + 1 + 3 + 2 * 8 + 1  // regime, dates and amount, side, flags, source, no answer
        if let corrects = line.corrects { size += 4 + corrects.count }
        if let profile = line.careProfile { size += 4 + profile.count }
        if let volume = line.volume { size += 8 + 4 + volume.unit.count }
        withUnsafeTemporaryAllocation(byteCount: size, alignment: 1) { buffer in
            var writer = Writer(buffer)
            writer.text(line.claimID)
            writer.text(line.member)
            writer.byte(regimeCode(line.regime))
            writer.text(line.payer)
            writer.text(line.provider)
            writer.text(line.category)
            writer.text(line.product)
            writer.integer(Int64(line.service.start.dayNumber))
            writer.integer(Int64(line.service.end.dayNumber))
            writer.integer(line.amount.rawValue)
            writer.byte(line.side == .debit ? 0 : 1)
            if let corrects = line.corrects {
                writer.byte(1)
                writer.text(corrects)
            } else {
                writer.byte(0)
            }
            if let profile = line.careProfile {
                writer.byte(1)
                writer.text(profile)
            } else {
                writer.byte(0)
            }
            if let volume = line.volume {
                writer.byte(1)
                writer.integer(volume.count)
                writer.text(volume.unit)
            } else {
                writer.byte(0)
            }
            writer.integer(Int64(line.source.file))
            writer.integer(Int64(line.source.line))
            writer.byte(0)
            precondition(writer.offset == size, "a claim record's size was miscounted")
            bytes.append(contentsOf: UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self))
        }
    }

    /// Writes a record into a buffer of exactly its size.
    private struct Writer {
        let buffer: UnsafeMutableRawBufferPointer
        var offset = 0

        init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

        mutating func byte(_ value: UInt8) {
            buffer[offset] = value
            offset += 1
        }

        mutating func integer(_ value: Int64) {
            buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Int64.self)
            offset += 8
        }

        mutating func text(_ text: UnsafeRawBufferPointer) {
            buffer.storeBytes(of: UInt32(text.count).littleEndian, toByteOffset: offset, as: UInt32.self)
            offset += 4
            if let source = text.baseAddress, let target = buffer.baseAddress, !text.isEmpty {
                (target + offset).copyMemory(from: source, byteCount: text.count)
            }
            offset += text.count
        }
    }

    /// Appends `line` field by field: the same bytes as ``encode(_:into:)``, with its answer.
    static func encodeFieldByField(_ line: ClaimRecord, into bytes: inout [UInt8]) {
        append(line.claimID, &bytes)
        append(line.member, &bytes)
        bytes.append(regimeCode(line.regime))
        append(line.payer, &bytes)
        append(line.provider, &bytes)
        append(line.category, &bytes)
        append(line.product, &bytes)
        append(Int64(line.service.start.dayNumber), &bytes)
        append(Int64(line.service.end.dayNumber), &bytes)
        append(line.amount.rawValue, &bytes)
        bytes.append(line.side == .debit ? 0 : 1)
        if let corrects = line.corrects {
            bytes.append(1)
            append(corrects, &bytes)
        } else {
            bytes.append(0)
        }
        if let profile = line.careProfile {
            bytes.append(1)
            append(profile, &bytes)
        } else {
            bytes.append(0)
        }
        if let volume = line.volume {
            bytes.append(1)
            append(volume.count, &bytes)
            append(volume.unit, &bytes)
        } else {
            bytes.append(0)
        }
        append(Int64(line.source.file), &bytes)
        append(Int64(line.source.line), &bytes)
        if let answer = line.answer {
            bytes.append(1)
            append(answer.approved.rawValue, &bytes)
            append(UInt32(answer.codes.count), &bytes)
            for code in answer.codes { append(code, &bytes) }
            append(answer.explanation, &bytes)
            let meanings = answer.meanings.sorted { $0.key < $1.key }
            append(UInt32(meanings.count), &bytes)
            for (code, meaning) in meanings {
                append(code, &bytes)
                append(meaning, &bytes)
            }
        } else {
            bytes.append(0)
        }
    }

    /// Decodes every line in `bytes` into a batch, each text kept once.
    static func decodeBatch(_ bytes: [UInt8]) -> ClaimBatch {
        var batch = ClaimBatch()
        bytes.withUnsafeBytes { bytes in
            var reader = Reader(bytes: bytes)
            while !reader.isAtEnd {
                let claimID = batch.intern(reader.text())
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
                let corrects = reader.byte() == 1 ? batch.intern(reader.text()) : TextTable.none
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
    /// the reasons), its detail and its row.
    static func encode(_ line: RejectedLine, row: String, into bytes: inout [UInt8]) {
        append(Int64(line.source.file), &bytes)
        append(Int64(line.source.line), &bytes)
        append(Int64(RejectionReason.allCases.firstIndex(of: line.reason) ?? 0), &bytes)
        append(line.detail, &bytes)
        append(row, &bytes)
    }

    private static func append(_ text: String, _ bytes: inout [UInt8]) {
        let utf8 = text.utf8
        append(UInt32(utf8.count), &bytes)
        bytes.append(contentsOf: utf8)
    }

    private static func append(_ text: UnsafeRawBufferPointer, _ bytes: inout [UInt8]) {
        append(UInt32(text.count), &bytes)
        bytes.append(contentsOf: text.bindMemory(to: UInt8.self))
    }

    private static func append(_ value: UInt32, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(_ value: Int64, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
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
