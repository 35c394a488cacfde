import CapitationCore
import ClaimFormats

/// A compact binary form of claim lines and rejected lines, for spilling partitions to disk.
///
/// Claim lines are written in runs: the lines one buffer receives from its first line on (a partition's
/// lines of one chunk of a file). Within a run, a line leaves out what it shares with the line before:
/// its member, payer, provider, category and product when they are the same, and its care profile and
/// unit when they are those of the last line in the run that had one (a bit each in its second byte says
/// so), and the beginning of its reference (up to 32 bytes) that the reference before had too (written as
/// the number of bytes shared). The first line of a run shares nothing, so runs can be concatenated in
/// any order and still read back line by line. Lines of one member mostly follow one
/// another in a claim file and share most of their texts; a line of the project's CSV takes about a third
/// of its bytes in this form.
///
/// A line starts with a byte of its regime, side and which optional parts follow, and a byte of what it
/// repeats; its texts are a length byte (255, then a 32-bit length, for a text of 255 bytes and more)
/// and UTF-8 bytes; its numbers are variable-length integers (seven bits a byte, the least significant
/// first; signed ones zigzagged): the start's day number, the end's days after the start, the cents,
/// the day of receipt's days after the start, the volume, the file and the line. An answer's amount is a 64-bit integer and its texts have 32-bit
/// lengths, as are a rejected line's key and texts. The form is private to one run of the program: it
/// is written and read by the same program within one settlement.
enum ClaimRecordCodec {
    /// What a run remembers of the line written last, to leave out what the next line repeats: where the
    /// texts last written sit in the run's buffer, and the beginning of the last reference.
    struct Run {
        /// Where each text that can repeat (by its number in ``Field``) was last written in the buffer, and
        /// its length; a start of -1 while none was.
        fileprivate var starts = SIMD8<Int>(repeating: -1)
        fileprivate var lengths = SIMD8<Int>(repeating: 0)
        /// The first bytes of the last reference, up to ``Run/referenceBytes``: what the next reference can
        /// share of it, held in place rather than in an array of its own.
        fileprivate var reference: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        fileprivate var referenceCount = 0

        /// The most bytes a reference shares with the one before.
        static let referenceBytes = 32

        /// Remembers `line`, whose texts were written where `placed` says (-1 for one left out or absent),
        /// `offset` bytes into the buffer.
        fileprivate mutating func remember(_ line: borrowing ClaimRecord, _ placed: SIMD8<Int>, at offset: Int) {
            func place(_ field: Int, _ text: UnsafeRawBufferPointer?) {
                guard placed[field] >= 0 else { return }
                starts[field] = placed[field] + offset
                lengths[field] = text?.count ?? 0
            }
            place(Field.member, line.member)
            place(Field.payer, line.payer)
            place(Field.provider, line.provider)
            place(Field.category, line.category)
            place(Field.product, line.product)
            place(Field.careProfile, line.careProfile)
            place(Field.unit, line.volume?.unit)
            referenceCount = min(line.claimID.count, Self.referenceBytes)
            if let source = line.claimID.baseAddress {
                withUnsafeMutableBytes(of: &reference) { target in
                    target.baseAddress?.copyMemory(from: source, byteCount: referenceCount)
                }
            }
        }
    }

    /// The texts a line leaves out when the line before had them: their numbers, by which ``Run`` holds
    /// their positions, and so their bits in a line's second byte (`1 << number`).
    fileprivate enum Field {
        static let member = 0
        static let payer = 1
        static let provider = 2
        static let category = 3
        static let product = 4
        static let careProfile = 5
        static let unit = 6
    }

    /// Appends `line` to `bytes`, the buffer of `run`, written whole into a buffer and appended at once
    /// rather than field by field (an append per field costs more than the fields themselves).
    static func encode(_ line: ClaimRecord, run: inout Run, into bytes: inout [UInt8]) {
        let omitted = Omitted(line, run: run, bytes: bytes)
        // Nearly every line fits a small buffer with room to spare, and is written without being counted
        // first: each of its nine texts at most needs five bytes of length, its flags and numbers at most
        // 2 + 8 × 10.
        var texts = line.claimID.count + line.member.count + line.payer.count + line.provider.count
        texts += line.category.count + line.product.count + (line.corrects?.count ?? 0)
        texts += (line.careProfile?.count ?? 0) + (line.volume?.unit.count ?? 0)
        let base = bytes.count
        if line.answer == nil, texts <= smallLineBytes - 9 * 5 - 82 {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: smallLineBytes) { buffer in
                var writer = Writer(buffer: UnsafeMutableRawBufferPointer(buffer))
                let placed = write(line, omitting: omitted, to: &writer)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<writer.offset]))
                run.remember(line, placed, at: base)
            }
            return
        }
        var size = Counter()
        _ = write(line, omitting: omitted, to: &size)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size.bytes) { buffer in
            var writer = Writer(buffer: UnsafeMutableRawBufferPointer(buffer))
            let placed = write(line, omitting: omitted, to: &writer)
            precondition(writer.offset == size.bytes, "a claim record's size was miscounted")
            bytes.append(contentsOf: buffer)
            run.remember(line, placed, at: base)
        }
    }

    /// The size of the buffer that a line with no answer and short texts is written into.
    private static let smallLineBytes = 512

    /// Appends `line` to `bytes`, the buffer of `run`, field by field: the same bytes as
    /// ``encode(_:run:into:)``.
    static func encodeFieldByField(_ line: ClaimRecord, run: inout Run, into bytes: inout [UInt8]) {
        let omitted = Omitted(line, run: run, bytes: bytes)
        var appender = Appender()
        swap(&appender.bytes, &bytes)
        // The appender's positions are those of the whole buffer.
        let placed = write(line, omitting: omitted, to: &appender)
        swap(&appender.bytes, &bytes)
        run.remember(line, placed, at: 0)
    }

    /// What a line leaves out: the bits of its second byte for the texts it repeats, and the number of
    /// bytes its reference shares with the reference before.
    fileprivate struct Omitted {
        var repeats: UInt8 = 0
        var shared = 0

        init(_ line: borrowing ClaimRecord, run: borrowing Run, bytes: borrowing [UInt8]) {
            let (starts, lengths) = (run.starts, run.lengths)
            repeats = bytes.withUnsafeBytes { buffer in
                // An empty buffer has no line before.
                guard let base = buffer.baseAddress else { return 0 }
                var repeats: UInt8 = 0
                @inline(__always)
                func same(_ field: Int, _ text: UnsafeRawBufferPointer?) {
                    guard let text, starts[field] >= 0, lengths[field] == text.count else { return }
                    // Both empty, or the same bytes.
                    if let start = text.baseAddress, !text.isEmpty,
                        !equalBytes(start, base + starts[field], text.count)
                    {
                        return
                    }
                    repeats |= 1 << field
                }
                same(Field.member, line.member)
                same(Field.payer, line.payer)
                same(Field.provider, line.provider)
                same(Field.category, line.category)
                same(Field.product, line.product)
                same(Field.careProfile, line.careProfile)
                same(Field.unit, line.volume?.unit)
                return repeats
            }
            let reference = line.claimID
            let count = min(reference.count, run.referenceCount)
            shared = withUnsafeBytes(of: run.reference) { last in
                guard let a = reference.baseAddress, let b = last.baseAddress else { return 0 }
                return sharedBytes(a, b, count)
            }
        }
    }

    /// Whether the `count` bytes at `a` and at `b` are the same.
    @inline(__always)
    private static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        sharedBytes(a, b, count) == count
    }

    /// How many of the first `count` bytes at `a` and at `b` are the same before one differs, compared
    /// eight at a time, then four, two and one (texts are mostly shorter than eight bytes, and a loop over
    /// their bytes mispredicts its end).
    @inline(__always)
    private static func sharedBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int {
        var offset = 0
        /// Compares the next word of type `Word` if it fits; whether one of its bytes differs (`offset`
        /// then stops at that byte).
        @inline(__always)
        func differs<Word: FixedWidthInteger & UnsignedInteger>(_: Word.Type) -> Bool {
            let size = MemoryLayout<Word>.size
            guard offset + size <= count else { return false }
            let difference =
                Word(littleEndian: a.loadUnaligned(fromByteOffset: offset, as: Word.self))
                ^ Word(littleEndian: b.loadUnaligned(fromByteOffset: offset, as: Word.self))
            offset += difference == 0 ? size : difference.trailingZeroBitCount / 8
            return difference != 0
        }
        while offset + 8 <= count {
            if differs(UInt64.self) { return offset }
        }
        _ = differs(UInt32.self) || differs(UInt16.self) || differs(UInt8.self)
        return offset
    }

    /// The fields of `line`, in the order ``decodeBatch(_:)`` reads them, leaving out what `omitted` says;
    /// where its texts were written.
    private static func write<Sink: FieldSink>(
        _ line: ClaimRecord,
        omitting omitted: Omitted,
        to sink: inout Sink
    ) -> SIMD8<Int> {
        var flags = regimeCode(line.regime)
        if line.side == .credit { flags |= Flag.credit }
        if line.corrects != nil { flags |= Flag.corrects }
        if line.careProfile != nil { flags |= Flag.careProfile }
        if line.volume != nil { flags |= Flag.volume }
        if line.answer != nil { flags |= Flag.answer }
        if line.received != nil { flags |= Flag.received }
        sink.byte(flags)
        sink.byte(omitted.repeats)
        sink.unsigned(UInt64(omitted.shared))
        sink.shortText(UnsafeRawBufferPointer(rebasing: line.claimID[omitted.shared...]))
        var placed = SIMD8<Int>(repeating: -1)
        func text(_ text: UnsafeRawBufferPointer, _ field: Int) {
            guard omitted.repeats & 1 << field == 0 else { return }
            sink.shortText(text)
            placed[field] = sink.position - text.count
        }
        text(line.member, Field.member)
        text(line.payer, Field.payer)
        text(line.provider, Field.provider)
        text(line.category, Field.category)
        text(line.product, Field.product)
        let start = Int64(line.service.start.dayNumber)
        sink.signed(start)
        sink.signed(Int64(line.service.end.dayNumber) - start)
        sink.signed(line.amount.rawValue)
        if let received = line.received { sink.signed(Int64(received.dayNumber) - start) }
        if let corrects = line.corrects { sink.shortText(corrects) }
        if let careProfile = line.careProfile { text(careProfile, Field.careProfile) }
        if let volume = line.volume {
            sink.signed(volume.count)
            text(volume.unit, Field.unit)
        }
        sink.unsigned(UInt64(line.source.file))
        sink.unsigned(UInt64(line.source.line))
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
        return placed
    }

    /// The bits of a claim line's first byte above its regime's code (bits 0 and 1).
    private enum Flag {
        static let credit: UInt8 = 1 << 2
        static let corrects: UInt8 = 1 << 3
        static let careProfile: UInt8 = 1 << 4
        static let volume: UInt8 = 1 << 5
        static let answer: UInt8 = 1 << 6
        static let received: UInt8 = 1 << 7
    }

    /// Decodes every line in `bytes`, one run or several concatenated, into a batch, each text kept once.
    static func decodeBatch(_ bytes: [UInt8]) -> ClaimBatch {
        decodeBatch(bytes, answers: AnswerTable()).batch
    }

    /// Decodes every line in `bytes`, one run or several concatenated, into a batch, each text kept once,
    /// and finds the lines that `answers` answer, each with its answer's number, while their reference
    /// and provider are at hand.
    static func decodeBatch(
        _ bytes: [UInt8],
        answers: AnswerTable
    ) -> (batch: ClaimBatch, answered: [(line: Int, answer: Int32)]) {
        var batch = ClaimBatch()
        let answered = decodeBatch(bytes, answers: answers, into: &batch)
        return (batch, answered)
    }

    /// Decodes every line in `bytes` into `batch` as ``decodeBatch(_:answers:)`` does.
    ///
    /// The batch is emptied first and its storage used again. Returns the lines that `answers` answer.
    static func decodeBatch(
        _ bytes: [UInt8],
        answers: AnswerTable,
        into batch: inout ClaimBatch
    ) -> [(line: Int, answer: Int32)] {
        var answered: [(line: Int, answer: Int32)] = []
        let findsAnswers = !answers.isEmpty
        batch.removeAll()
        // A line takes twenty bytes and more in this form.
        batch.reserveCapacity(bytes.count / 20)
        bytes.withUnsafeBytes { bytes in
            var reader = Reader(bytes: bytes)
            // The texts of the line before, as numbers of the batch's texts, and its reference.
            var last = ClaimBatch.Line.none
            var reference: [UInt8] = []
            // The reader and the batch go in as arguments, not captured: a captured variable is checked for
            // exclusive access at run time on every use.
            func text(
                _ repeats: UInt8,
                _ bit: UInt8,
                _ last: Int32,
                _ reader: inout Reader,
                _ batch: inout ClaimBatch
            ) -> Int32 {
                guard repeats & bit != 0 else { return batch.intern(reader.shortText()) }
                precondition(last != TextTable.none, "a partition's lines do not decode")
                return last
            }
            // The bytes of the last provider read, in place.
            var providerBytes = UnsafeRawBufferPointer(start: nil, count: 0)
            while !reader.isAtEnd {
                let flags = reader.byte()
                let repeats = reader.byte()
                let shared = Int(reader.unsigned())
                precondition(shared <= reference.count, "a partition's lines do not decode")
                reference.removeLast(reference.count - shared)
                reference.append(contentsOf: reader.shortText().assumingMemoryBound(to: UInt8.self))
                let claimID = reference.withUnsafeBytes { batch.addReference($0) }
                let member = text(repeats, 1 << Field.member, last.member, &reader, &batch)
                let payer = text(repeats, 1 << Field.payer, last.payer, &reader, &batch)
                let provider: Int32
                if repeats & 1 << Field.provider == 0 {
                    providerBytes = reader.shortText()
                    provider = batch.intern(providerBytes)
                } else {
                    precondition(last.provider != TextTable.none, "a partition's lines do not decode")
                    provider = last.provider
                }
                let category = text(repeats, 1 << Field.category, last.category, &reader, &batch)
                let product = text(repeats, 1 << Field.product, last.product, &reader, &batch)
                let start = reader.signed()
                let end = start &+ reader.signed()
                precondition(
                    Int64(Int32.min)...Int64(Int32.max) ~= start && Int64(Int32.min)...Int64(Int32.max) ~= end,
                    "a partition's lines do not decode"
                )
                let amount = Cents(reader.signed())
                var received = ClaimBatch.Line.notReceived
                if flags & Flag.received != 0 {
                    let day = start &+ reader.signed()
                    precondition(
                        Int64(Int32.min) < day && day <= Int64(Int32.max),
                        "a partition's lines do not decode"
                    )
                    received = Int32(day)
                }
                let corrects = flags & Flag.corrects != 0 ? batch.addReference(reader.shortText()) : TextList.none
                let careProfile =
                    flags & Flag.careProfile != 0
                    ? text(repeats, 1 << Field.careProfile, last.careProfile, &reader, &batch) : TextTable.none
                var volume: Int64 = 0
                var unit = TextTable.none
                if flags & Flag.volume != 0 {
                    volume = reader.signed()
                    unit = text(repeats, 1 << Field.unit, last.unit, &reader, &batch)
                }
                let file = reader.unsigned()
                let lineNumber = reader.unsigned()
                precondition(
                    file <= UInt64(Int32.max) && lineNumber <= UInt64(Int.max),
                    "a partition's lines do not decode"
                )
                let source = LineSource(file: Int(file), line: Int(lineNumber))
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
                let side: ClaimLine.Side = flags & Flag.credit == 0 ? .debit : .credit
                if findsAnswers,
                    let number = reference.withUnsafeBytes({
                        answers.find(reference: $0, provider: providerBytes, side: side)
                    })
                {
                    answered.append((batch.count, number))
                }
                let line = ClaimBatch.Line(
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
                    side: side,
                    start: Int32(start),
                    end: Int32(end),
                    amount: amount,
                    volume: volume,
                    received: received,
                    source: source
                )
                batch.append(line, answer: answer)
                // An absent care profile or unit leaves the last one standing, as the writer does.
                last.member = member
                last.payer = payer
                last.provider = provider
                last.category = category
                last.product = product
                if careProfile != TextTable.none { last.careProfile = careProfile }
                if unit != TextTable.none { last.unit = unit }
            }
        }
        return answered
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

        @inline(__always)
        mutating func byte() -> UInt8 {
            precondition(offset < bytes.count, "a partition's lines do not decode")
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer() -> Int64 {
            precondition(offset + 8 <= bytes.count, "a partition's lines do not decode")
            defer { offset += 8 }
            return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        }

        /// A variable-length integer: seven bits a byte, the least significant first, the high bit set on
        /// every byte but the last.
        @inline(__always)
        mutating func unsigned() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                precondition(offset < bytes.count && shift < 64, "a partition's lines do not decode")
                let byte = bytes[offset]
                offset += 1
                // The tenth byte holds the 64th bit alone.
                precondition(shift < 63 || byte <= 1, "a partition's lines do not decode")
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        /// A zigzagged variable-length integer: 0, -1, 1, -2, … as 0, 1, 2, 3, ….
        @inline(__always)
        mutating func signed() -> Int64 {
            let value = unsigned()
            return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        }

        /// A text written with ``FieldSink/shortText(_:)``, in place.
        @inline(__always)
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

/// Where encoded fields go: bytes; fixed-size integers and 32-bit lengths little-endian; variable-length
/// integers (``unsigned(_:)``, ``signed(_:)``); texts as a 32-bit length or (``shortText(_:)``) a byte of
/// length, and their bytes.
private protocol FieldSink {
    /// The number of bytes written so far.
    var position: Int { get }
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

    /// A variable-length integer: seven bits a byte, the least significant first, the high bit set on every
    /// byte but the last.
    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            byte(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        byte(UInt8(value))
    }

    /// A zigzagged ``unsigned(_:)``: 0, -1, 1, -2, … as 0, 1, 2, 3, …, so that small magnitudes take
    /// few bytes whatever their sign.
    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: value << 1) ^ UInt64(bitPattern: value >> 63))
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

}

/// Counts the bytes of a record.
private struct Counter: FieldSink {
    var bytes = 0

    var position: Int { bytes }
    mutating func byte(_ value: UInt8) { bytes += 1 }
    mutating func integer(_ value: Int64) { bytes += 8 }
    mutating func count(_ value: Int) { bytes += 4 }
    mutating func bytes(_ bytes: UnsafeRawBufferPointer) { self.bytes += bytes.count }
}

/// Writes a record into a buffer of exactly its size.
private struct Writer: FieldSink {
    let buffer: UnsafeMutableRawBufferPointer
    var offset = 0

    var position: Int { offset }
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
            let target = target + offset
            let count = bytes.count
            if count > 16 {
                target.copyMemory(from: source, byteCount: count)
            } else {
                // Most texts are a few bytes: copied in words of eight, four, two and one rather than by a
                // call to memmove each.
                var done = 0
                @inline(__always)
                func copy<Word: FixedWidthInteger>(_: Word.Type) {
                    guard done + MemoryLayout<Word>.size <= count else { return }
                    let word = source.loadUnaligned(fromByteOffset: done, as: Word.self)
                    target.storeBytes(of: word, toByteOffset: done, as: Word.self)
                    done += MemoryLayout<Word>.size
                }
                while done + 8 <= count { copy(UInt64.self) }
                copy(UInt32.self)
                copy(UInt16.self)
                copy(UInt8.self)
            }
        }
        offset += bytes.count
    }
}

/// Appends fields to an array one by one.
private struct Appender: FieldSink {
    var bytes: [UInt8] = []

    var position: Int { bytes.count }
    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func integer(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func bytes(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }
}
