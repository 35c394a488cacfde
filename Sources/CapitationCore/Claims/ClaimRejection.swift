/// Why a claim line does not count against the budget.
///
/// Every line that is not accepted has exactly one.
///
/// Reasons are tried in the order of this enumeration; a line gets the first that applies.
public enum RejectionReason: String, CaseIterable, Hashable, Comparable, Sendable {
    /// The line could not be read, or a field is impossible (a date that does not exist, an end before
    /// the start, an amount that is not an amount).
    case invalid
    /// The financier received the line after the cut-off of the settlement (see ``RunOut``): it counts in a
    /// later settlement, or, after the final cut-off, in none. It takes no further part, so a credit of it
    /// has no debit.
    case receivedAfterCutOff = "received after the cut-off"
    /// The financier refused the line, or the refused part of a line it approved in part (see
    /// ``FinancierAnswer``): its answer's reason codes are in the detail.
    case refusedByFinancier = "refused by the financier"
    /// Another line has the same reference for the same member, regime and provider.
    case duplicate = "duplicate reference"
    /// A credit whose corrected line is missing, or that would credit more than its line's remaining amount.
    case creditWithoutDebit = "credit without its debit"
    /// The service lies outside the performance period.
    case outsidePeriod = "outside period"
    /// The member is not in the population on the service date, or the claim is paid by another financier.
    case outsidePopulation = "outside population"
    /// The service is not in the regime's scope, or the regime is not in the contract. Such spending of the
    /// population is totalled per regime, so that cost shifting shows.
    case outOfScope = "out of scope"

    /// The position in ``allCases``, the order of the reasons.
    package var ordinal: Int {
        switch self {
        case .invalid: 0
        case .receivedAfterCutOff: 1
        case .refusedByFinancier: 2
        case .duplicate: 3
        case .creditWithoutDebit: 4
        case .outsidePeriod: 5
        case .outsidePopulation: 6
        case .outOfScope: 7
        }
    }

    public static func < (lhs: RejectionReason, rhs: RejectionReason) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    // By position rather than by the raw value's text, which a raw-value enum hashes by default: every
    // rejected line is added up under its reason.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }
}

/// A claim line that was not accepted, with its reason and, in words, why.
public struct RejectedLine: Hashable, Sendable {
    /// Where the line came from.
    public var source: LineSource
    /// The line's reference, when it could be read.
    public var claimID: String?
    /// The line's regime, when it could be read.
    public var regime: Regime?
    /// The signed amount, when it could be read.
    public var amount: Cents?
    /// The reason.
    public var reason: RejectionReason
    /// The specific problem, for example "end_date 2026-01-03 is before start_date 2026-01-05".
    public var detail: String
    /// The member as written in the line, when it could be read; only to keep it out of outputs (see
    /// ``redactingMember(in:)``), never written itself.
    public var member: String?
    /// Whether this is a whole line; `false` for the refused part of a line the financier approved in part,
    /// whose amount is rejected while the line itself is counted with its approved part.
    public var isWholeLine: Bool
    /// For a line refused by the financier, its answer.
    public var answer: FinancierAnswer?

    public init(
        source: LineSource,
        claimID: String?,
        regime: Regime?,
        amount: Cents?,
        reason: RejectionReason,
        detail: String,
        member: String? = nil,
        isWholeLine: Bool = true,
        answer: FinancierAnswer? = nil
    ) {
        self.source = source
        self.claimID = claimID
        self.regime = regime
        self.amount = amount
        self.reason = reason
        self.detail = detail
        self.member = member
        self.isWholeLine = isWholeLine
        self.answer = answer
    }

    /// `text` with every occurrence of the line's member replaced by asterisks, when the member is nine
    /// digits (a BSN, or a mistyped one): a provider may have put it in the line's own reference.
    public func redactingMember(in text: String) -> String {
        // The dummy BSN 999999999 is no one's, and stays readable.
        guard let member, member != BSN.dummyMemberID, BSN.nineDigitNumber(member.utf8) != nil, text.contains(member)
        else { return text }
        return text.replacing(member, with: String(repeating: "*", count: 9))
    }
}
