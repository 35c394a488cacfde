import CapitationCore
import ClaimFormats

/// The CSV answers by the line they answer, kept compactly: a national year has millions of them, and
/// memory is to follow the members, not the lines.
///
/// References and providers are kept once each as bytes, an answer's reason codes and reason once per
/// different pair, and each answer as numbers; its explanation is written out only when the line is
/// settled on it.
struct AnswerTable: Sendable {
    /// The references of the lines answered.
    private var references = TextTable()
    private var referenceFilter = ReferenceFilter()
    private var providers = TextTable()
    /// The answer to each line, by its reference, provider and side.
    private var index: [Key: Int32] = [:]
    private var entries: [Entry] = []
    /// The different reason codes and reasons.
    private var reasons: [Reason] = []
    private var reasonNumbers: [Reason: Int32] = [:]
    /// The path of each answers file, by its position among the inputs.
    private var paths: [Int: String] = [:]

    private struct Key: Hashable {
        var reference: Int32
        var provider: Int32
        var side: ClaimLine.Side
    }

    private struct Entry {
        var key: Key
        var approved: Cents
        var reason: Int32
        var source: LineSource
    }

    private struct Reason: Hashable {
        var codes: [String]
        var reason: String?
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// Adds the answer of `row` of the file at `path`, the input at position `file`; returns where the line
    /// was answered already, changing nothing, if it was.
    mutating func add(_ row: AnswersReader.Row, path: String, file: Int) -> LineSource? {
        let known = references.count
        let reference = Self.intern(row.key.claimID, in: &references)
        if references.count > known {
            var text = row.key.claimID
            referenceFilter.insert(text.withUTF8 { TextTable.hash(UnsafeRawBufferPointer($0)) })
        }
        let key = Key(
            reference: reference,
            provider: Self.intern(row.key.provider, in: &providers),
            side: row.key.side
        )
        if let earlier = index[key] { return entries[Int(earlier)].source }
        let reason = Reason(codes: row.codes, reason: row.reason)
        let number: Int32
        if let known = reasonNumbers[reason] {
            number = known
        } else {
            number = Int32(reasons.count)
            reasons.append(reason)
            reasonNumbers[reason] = number
        }
        paths[file] = path
        index[key] = Int32(entries.count)
        entries.append(
            Entry(key: key, approved: row.approved, reason: number, source: LineSource(file: file, line: row.line))
        )
        return nil
    }

    /// The number of the answer to the line with reference `reference`, provider `provider` and `side`; a
    /// reference no answer names is told, nearly always, by the filter alone.
    func find(reference: UnsafeRawBufferPointer, provider: UnsafeRawBufferPointer, side: ClaimLine.Side) -> Int32? {
        let hash = TextTable.hash(reference)
        guard referenceFilter.mayContain(hash), let reference = references.number(of: reference, hash: hash),
            let provider = providers.number(of: provider)
        else { return nil }
        return index[Key(reference: reference, provider: provider, side: side)]
    }

    /// Whether any answer is to a line with reference `reference`.
    func answers(reference: String) -> Bool {
        var text = reference
        return text.withUTF8 { references.number(of: UnsafeRawBufferPointer($0)) != nil }
    }

    /// Answer number `number`, as the line is settled on it.
    func answer(_ number: Int32) -> FinancierAnswer {
        let entry = entries[Int(number)]
        let reason = reasons[Int(entry.reason)]
        return FinancierAnswer(
            approved: entry.approved,
            codes: reason.codes,
            explanation: AnswersReader.explanation(
                path: paths[entry.source.file] ?? "",
                line: entry.source.line,
                codes: reason.codes,
                reason: reason.reason
            )
        )
    }

    /// The line that answer number `number` answers.
    func key(_ number: Int32) -> ClaimAnswer.Key {
        let key = entries[Int(number)].key
        return ClaimAnswer.Key(
            claimID: references.string(key.reference),
            provider: providers.string(key.provider),
            side: key.side
        )
    }

    /// Where answer number `number` is.
    func source(_ number: Int32) -> LineSource { entries[Int(number)].source }

    private static func intern(_ text: String, in table: inout TextTable) -> Int32 {
        var text = text
        return text.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
    }
}
