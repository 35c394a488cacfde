import CapitationCore
import ClaimFormats

/// The financier's answers among the claim files — WMO325 declaration answers and CSV answers — read
/// before the claims, so that each claim line is settled on what the financier decided.
///
/// A WMO325 answer is linked to the WMO323 declaration it names (Afzender and Ontvanger the other way
/// round, DeclaratieIdentificatie equal to the declaration's BerichtIdentificatie) and applied as that
/// declaration is read; a CSV answer to the line with its reference, provider and side, as the line is
/// reconciled. An answer that finds nothing it answers is an error of the inputs: it would otherwise pay
/// what the financier refused.
struct FinancierAnswers: Sendable {
    /// The CSV answers by the line they answer.
    private(set) var byLine = AnswerTable()
    /// The WMO325 answers by the declaration they answer.
    private var verdicts: [Link: WMO325Verdict] = [:]

    /// What names a WMO323 declaration: its sender, receiver and BerichtIdentificatie.
    struct Link: Hashable, Sendable {
        var provider: String
        var municipality: String
        var identification: String
        var date: String
    }

    var isEmpty: Bool { byLine.isEmpty && verdicts.isEmpty }
    var hasDeclarationAnswers: Bool { !verdicts.isEmpty }

    /// Adds the answers of file `file` at `path`, of `format`, whose bytes are `bytes`.
    mutating func read(_ bytes: [UInt8], path: String, file: Int, format: ClaimFileFormat) throws(RunError) {
        do throws(InputError) {
            switch format {
            case .answersCSV:
                // A line answered twice in this file is one of its problems; one answered in an earlier
                // file too is refused once this file reads, at its first such row.
                var answeredBefore: Diagnostic?
                try AnswersReader.read(bytes, path: path) { row in
                    guard let earlier = byLine.add(row, path: path, file: file) else { return nil }
                    if earlier.file == file { return earlier.line }
                    answeredBefore =
                        answeredBefore
                        ?? Diagnostic(
                            .error,
                            at: SourceLocation(path: path, line: row.line),
                            "line \(row.key.claimID) of \(row.key.provider) is answered already, on line \(earlier.line) of another answers file"
                        )
                    return nil
                }
                if let answeredBefore { throw InputError(diagnostics: [answeredBefore]) }
            case .wmo325:
                var done = false
                let answer = try WMO325Reader.read(path: path) { () throws(InputError) -> [UInt8]? in
                    defer { done = true }
                    return done ? nil : bytes
                }
                let verdict = try WMO325Verdict(answer: answer, path: path, file: file)
                let link = Link(
                    provider: answer.receiver,
                    municipality: answer.sender,
                    identification: answer.declarationIdentification,
                    date: answer.declarationMessageDate
                )
                if let earlier = verdicts.updateValue(verdict, forKey: link) {
                    throw InputError(diagnostics: [
                        Diagnostic(
                            .error,
                            at: SourceLocation(
                                path: path,
                                line: answer.lines["Header/DeclaratieIdentificatie/Identificatie"]
                            ),
                            "the declaration \(link.identification) of \(link.date) is answered already, by \(earlier.path); a declaration has one answer"
                        )
                    ])
                }
            default:
                return
            }
        } catch {
            throw RunError(error)
        }
    }

    /// The answer to the declaration with `header`, if any.
    func verdict(for header: WMO323Header) -> WMO325Verdict? {
        verdicts[Link(header)]
    }

    /// Fails when an answer answers nothing that was read: a WMO325 whose declaration is not among the
    /// claims (`linked` holds those that were found), or a CSV answer to a line not among them (`matched`,
    /// by answer number, says which were found).
    ///
    /// A line that could not be read (`unreadable`, by reference) has no provider or side to match, and is
    /// found by its reference alone: a financier refuses such lines too, and the line stays invalid.
    func checkAllFound(
        linked: Set<Link>,
        matched: [Bool],
        unreadable: Set<String>,
        inputPaths: [String]
    ) throws(RunError) {
        var diagnostics: [Diagnostic] = []
        for (link, verdict) in verdicts where !linked.contains(link) {
            diagnostics.append(
                Diagnostic(
                    .error,
                    at: SourceLocation(
                        path: verdict.path,
                        line: verdict.answer.lines["Header/DeclaratieIdentificatie/Identificatie"]
                    ),
                    "the answer is to declaration \(link.identification) of \(link.date) from \(link.provider) to \(link.municipality), which is not among the claim files"
                )
            )
        }
        for number in 0..<Int32(byLine.count) where !matched[Int(number)] {
            let key = byLine.key(number)
            guard !unreadable.contains(key.claimID) else { continue }
            let source = byLine.source(number)
            diagnostics.append(
                Diagnostic(
                    .error,
                    at: SourceLocation(
                        path: source.file < inputPaths.count ? inputPaths[source.file] : "",
                        line: source.line
                    ),
                    "answers line \(key.claimID) of \(key.provider) (\(key.side == .debit ? "debit" : "credit")), which is not among the claims read"
                )
            )
        }
        guard !diagnostics.isEmpty else { return }
        throw .invalidInput(
            diagnostics.sorted {
                ($0.location?.path ?? "", $0.location?.line ?? 0, $0.message)
                    < ($1.location?.path ?? "", $1.location?.line ?? 0, $1.message)
            }
        )
    }
}

extension FinancierAnswers.Link {
    init(_ header: WMO323Header) {
        self.init(
            provider: header.sender,
            municipality: header.receiver,
            identification: header.identification,
            date: header.messageDate
        )
    }
}
