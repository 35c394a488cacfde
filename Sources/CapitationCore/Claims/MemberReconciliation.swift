/// The outcome of reconciling one member's claim lines: what counts, per regime, and what was rejected.
public struct MemberReconciliation: Sendable {
    /// The accepted amount per regime, credits netted, after pro-rating.
    public var accepted: [Regime: Cents] = [:]
    /// The number of accepted lines (debits and credits) per regime.
    public var acceptedLines: [Regime: Int] = [:]
    /// The part of accepted lines excluded by pro-rating, per regime.
    public var proRataExcluded: [Regime: Cents] = [:]
    /// The member's spending per regime that is out of scope (the part in the period and the population).
    public var outOfScope: [Regime: Cents] = [:]
    /// The accepted and out-of-scope lines, amounts and volumes per code.
    public var codes = CodeTotals()
    /// Per recipient group, the accepted amount per provider of the group (for attribution).
    public var attribution: [[PartyID: Cents]]
    /// The rejected lines, with their full signed amounts.
    public var rejected: [RejectedLine] = []

    init(groupCount: Int) {
        attribution = Array(repeating: [:], count: groupCount)
    }

    mutating func reject(_ line: ClaimLine, _ reason: RejectionReason, _ detail: String) throws(ArithmeticError) {
        rejected.append(
            RejectedLine(
                source: line.source,
                claimID: line.claimID,
                regime: line.regime,
                amount: line.signedAmount,
                reason: reason,
                detail: detail,
                member: line.member.rawValue
            )
        )
    }

    /// Records a kept line with its debit's outcome; `counted` is the signed amount that counts.
    mutating func record(
        _ line: ClaimLine,
        _ outcome: DebitOutcome,
        counted: Cents,
        attribution rules: [ClaimReconciler.AttributionRule]
    ) throws(ArithmeticError) {
        switch outcome.reason {
        case nil:
            accepted[line.regime] = try (accepted[line.regime] ?? .zero) + counted
            acceptedLines[line.regime, default: 0] += 1
            let excluded = try line.signedAmount - counted
            if !excluded.isZero {
                proRataExcluded[line.regime] = try (proRataExcluded[line.regime] ?? .zero) + excluded
            }
            try codes.add(line, counted: counted, as: .accepted)
            for (index, rule) in rules.enumerated() {
                guard let party = rule.providers[line.provider], rule.category.map({ $0 == line.category }) ?? true
                else {
                    continue
                }
                attribution[index][party] = try (attribution[index][party] ?? .zero) + counted
            }
        case .outOfScope?:
            outOfScope[line.regime] = try (outOfScope[line.regime] ?? .zero) + counted
            try codes.add(line, counted: counted, as: .outOfScope)
            try reject(line, .outOfScope, outcome.detail)
        case let reason?:
            try reject(line, reason, outcome.detail)
        }
    }
}
