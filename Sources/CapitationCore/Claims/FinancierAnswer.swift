/// What the financier answered to a declared line: how much of it was approved and, for the rest, why not.
///
/// A municipality answers each iWmo WMO323 declaration with a WMO325 *declaratie-antwoord* that lists the
/// services it refuses, each in full, with return codes; an insurer or care office may give its own
/// adjudication as a CSV of answers, where a line may also be approved in part. A settlement counts what
/// the financier approved: a line refused in full is rejected as ``RejectionReason/refusedByFinancier``,
/// and of a line approved in part only the approved amount takes part in the reconciliation, the refused
/// rest being recorded under the same reason without counting as a line of its own.
public struct FinancierAnswer: Hashable, Sendable {
    /// The approved part of the line's amount: from zero (the line refused) to the whole amount.
    public var approved: Cents
    /// The financier's reason codes as written, for iWmo the return codes of list WJ001.
    public var codes: [String]
    /// The codes with their meanings, in words: "0611 (ProductTarief is niet gelijk aan het contracttarief)".
    public var explanation: String
    /// The meaning of each code that a code list gives (for iWmo, list WJ001); a financier's own codes
    /// have none.
    public var meanings: [String: String]

    public init(approved: Cents, codes: [String], explanation: String, meanings: [String: String] = [:]) {
        self.approved = approved
        self.codes = codes
        self.explanation = explanation
        self.meanings = meanings
    }
}
