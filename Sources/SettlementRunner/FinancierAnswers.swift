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
    private(set) var byLine: [ClaimAnswer.Key: ClaimAnswer] = [:]
    /// The references of the lines the CSV answers answer.
    private(set) var references: Set<String> = []
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
                for answer in try AnswersReader.read(bytes, path: path, file: file) {
                    references.insert(answer.key.claimID)
                    if let earlier = byLine.updateValue(answer, forKey: answer.key) {
                        throw InputError(diagnostics: [
                            Diagnostic(
                                .error,
                                at: SourceLocation(path: path, line: answer.source.line),
                                "line \(answer.key.claimID) of \(answer.key.provider) is answered already, on line \(earlier.source.line) of another answers file"
                            )
                        ])
                    }
                }
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
    /// claims (`linked` holds those that were found), or a CSV answer to a line not among them (`matched`).
    ///
    /// A line that could not be read (`unreadable`, by reference) has no provider or side to match, and is
    /// found by its reference alone: a financier refuses such lines too, and the line stays invalid.
    func checkAllFound(
        linked: Set<Link>,
        matched: Set<ClaimAnswer.Key>,
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
        for answer in byLine.values where !matched.contains(answer.key) && !unreadable.contains(answer.key.claimID) {
            diagnostics.append(
                Diagnostic(
                    .error,
                    at: SourceLocation(
                        path: answer.source.file < inputPaths.count ? inputPaths[answer.source.file] : "",
                        line: answer.source.line
                    ),
                    "answers line \(answer.key.claimID) of \(answer.key.provider) (\(answer.key.side == .debit ? "debit" : "credit")), which is not among the claims read"
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
