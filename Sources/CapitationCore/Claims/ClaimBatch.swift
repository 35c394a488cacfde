/// Claim lines of one or many members in the compact form that reconciliation works on.
///
/// Each line is a fixed-size record of numbers; each text (member, payer, provider, code) is kept once per
/// batch in a ``TextTable`` and a line holds its number. References, nearly all different, are kept one
/// after the other in a ``TextList`` and compared by their bytes. Reconciling records compares and
/// hashes numbers where lines would compare and hash strings, and makes text only for the lines it
/// rejects, so a partition of claims is reconciled without a string per line. Texts are equal when their
/// bytes are and order by their bytes, as identifiers do.
package struct ClaimBatch: Sendable {
    /// The lines, in the order added.
    package private(set) var lines: [Line] = []
    /// The texts the lines name, but for their references.
    package private(set) var texts = TextTable()
    /// The lines' references and the references their credits correct.
    package private(set) var references = TextList()
    /// The financier's answers the lines name.
    package private(set) var answers: [FinancierAnswer] = []

    /// One claim line: ``ClaimLine`` with its texts as numbers in the batch's ``TextTable``, and its
    /// reference and the one it corrects as numbers in the batch's ``TextList`` of references.
    package struct Line: Sendable {
        package var member: Int32
        /// A number of ``ClaimBatch/references``.
        package var claimID: Int32
        package var payer: Int32
        package var provider: Int32
        package var category: Int32
        package var product: Int32
        /// A number of ``ClaimBatch/references``; ``TextList/none`` for a debit.
        package var corrects: Int32
        /// ``TextTable/none`` when the line carries none.
        package var careProfile: Int32
        /// The unit of the volume; ``TextTable/none`` when the line carries no volume.
        package var unit: Int32
        package var regime: Regime
        package var side: ClaimLine.Side
        /// The service's first and last day, as day numbers.
        package var start: Int32
        package var end: Int32
        package var amount: Cents
        /// The volume's count, when ``unit`` is not ``TextTable/none``.
        package var volume: Int64
        /// The day the financier received the line, as a day number; ``notReceived`` when the line does
        /// not say.
        package var received: Int32
        package var source: LineSource
        /// The position of the line's answer in ``ClaimBatch/answers``, `-1` when it has none.
        package var answer: Int32

        package init(
            member: Int32,
            claimID: Int32,
            payer: Int32,
            provider: Int32,
            category: Int32,
            product: Int32,
            corrects: Int32,
            careProfile: Int32,
            unit: Int32,
            regime: Regime,
            side: ClaimLine.Side,
            start: Int32,
            end: Int32,
            amount: Cents,
            volume: Int64,
            received: Int32 = Line.notReceived,
            source: LineSource,
            answer: Int32 = -1
        ) {
            self.member = member
            self.claimID = claimID
            self.payer = payer
            self.provider = provider
            self.category = category
            self.product = product
            self.corrects = corrects
            self.careProfile = careProfile
            self.unit = unit
            self.regime = regime
            self.side = side
            self.start = start
            self.end = end
            self.amount = amount
            self.volume = volume
            self.received = received
            self.source = source
            self.answer = answer
        }

        /// A line that names no text at all, to start from.
        package static let none = Line(
            member: TextTable.none,
            claimID: TextList.none,
            payer: TextTable.none,
            provider: TextTable.none,
            category: TextTable.none,
            product: TextTable.none,
            corrects: TextList.none,
            careProfile: TextTable.none,
            unit: TextTable.none,
            regime: .zvw,
            side: .debit,
            start: 0,
            end: 0,
            amount: .zero,
            volume: 0,
            source: LineSource(file: 0, line: 0)
        )

        /// ``received`` of a line that does not say when it was received.
        package static let notReceived = Int32.min

        /// The amount with its sign: positive for a debit, negative for a credit.
        var signedAmount: Cents { side == .debit ? amount : Cents(-amount.rawValue) }

        /// The volume with the line's sign, `nil` when the line carries none.
        var signedVolume: Int64? {
            guard unit != TextTable.none else { return nil }
            return side == .debit ? volume : -volume
        }
    }

    package init() {}

    /// A batch of `lines`.
    package init(_ lines: [ClaimLine]) {
        self.lines.reserveCapacity(lines.count)
        for line in lines { append(line) }
    }

    /// The number of lines.
    package var count: Int { lines.count }

    /// Removes every line, text, reference and answer, keeping the storage for the next batch: a batch
    /// of a partition takes megabytes, which a fresh batch would take from the system again, a page fault
    /// per page.
    package mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        texts.removeAll()
        references.removeAll()
        answers.removeAll(keepingCapacity: true)
    }

    /// Makes room for `lineCount` lines.
    package mutating func reserveCapacity(_ lineCount: Int) {
        lines.reserveCapacity(lineCount)
    }

    /// The number of `text`, added to the batch's texts when it is new.
    package mutating func intern(_ text: UnsafeRawBufferPointer) -> Int32 {
        texts.intern(text)
    }

    /// The number of `text`, added to the batch's texts when it is new; `previous`, the number of the same
    /// field of the line before, is compared first, because lines of one member mostly follow one another
    /// and share their member, payer, provider and codes.
    package mutating func intern(_ text: UnsafeRawBufferPointer, after previous: Int32) -> Int32 {
        if previous != TextTable.none, texts.equals(previous, text) { return previous }
        return texts.intern(text)
    }

    /// Adds `reference` to the batch's references; returns its number.
    package mutating func addReference(_ reference: UnsafeRawBufferPointer) -> Int32 {
        references.append(reference)
    }

    /// Adds a line whose texts are numbers of this batch's texts (see ``intern(_:)``) and references (see
    /// ``addReference(_:)``).
    package mutating func append(_ line: Line, answer: FinancierAnswer? = nil) {
        var line = line
        if let answer {
            line.answer = Int32(answers.count)
            answers.append(answer)
        }
        lines.append(line)
    }

    /// Adds `line`.
    package mutating func append(_ line: ClaimLine) {
        let packed = Line(
            member: texts.intern(line.member.rawValue),
            claimID: references.append(line.claimID),
            payer: texts.intern(line.payer),
            provider: texts.intern(line.provider),
            category: texts.intern(line.category.rawValue),
            product: texts.intern(line.product.rawValue),
            corrects: references.append(line.corrects),
            careProfile: texts.intern(line.careProfile?.rawValue),
            unit: texts.intern(line.volume?.unit),
            regime: line.regime,
            side: line.side,
            start: Int32(line.service.start.dayNumber),
            end: Int32(line.service.end.dayNumber),
            amount: line.amount,
            volume: line.volume?.count ?? 0,
            received: line.received.map { Int32($0.dayNumber) } ?? Line.notReceived,
            source: line.source
        )
        append(packed, answer: line.answer)
    }

    /// Gives line `index` the financier's `answer`; returns `false`, changing nothing, when it has one.
    package mutating func answer(_ index: Int, with answer: FinancierAnswer) -> Bool {
        guard lines[index].answer < 0 else { return false }
        lines[index].answer = Int32(answers.count)
        answers.append(answer)
        return true
    }
}
