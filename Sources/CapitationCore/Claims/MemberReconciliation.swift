/// The outcome of reconciling one member's claim lines: what counts, per regime, and what was rejected.
public struct MemberReconciliation: Sendable {
    /// The accepted amount per regime, credits netted, after pro-rating.
    public var accepted = RegimeAmounts()
    /// The number of accepted lines (debits and credits) per regime.
    public var acceptedLines = RegimeCounts()
    /// The part of accepted lines excluded by pro-rating, per regime.
    public var proRataExcluded = RegimeAmounts()
    /// The member's spending per regime that is out of scope (the part in the period and the population).
    public var outOfScope = RegimeAmounts()
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

    /// Sets aside what the financier refused: rejects the lines refused in full and the refused parts of
    /// lines approved in part; returns the lines that go on, those approved in part with their approved
    /// amount.
    mutating func applyAnswers(to lines: [ClaimLine]) throws(ArithmeticError) -> [ClaimLine] {
        var kept: [ClaimLine] = []
        kept.reserveCapacity(lines.count)
        for line in lines {
            guard let answer = line.answer, answer.approved < line.amount else {
                kept.append(line)
                continue
            }
            guard !answer.approved.isZero, !answer.approved.isNegative else {
                try reject(line, .refusedByFinancier, "the financier refused it: \(answer.explanation)")
                rejected[rejected.count - 1].answer = answer
                continue
            }
            var refused = line
            refused.amount = try line.amount - answer.approved
            rejected.append(
                RejectedLine(
                    source: line.source,
                    claimID: line.claimID,
                    regime: line.regime,
                    amount: refused.signedAmount,
                    reason: .refusedByFinancier,
                    detail:
                        "the financier approved \(answer.approved) of \(line.amount) and refused \(refused.amount): \(answer.explanation)",
                    member: line.member.rawValue,
                    isWholeLine: false,
                    answer: answer
                )
            )
            var approved = line
            approved.amount = answer.approved
            kept.append(approved)
        }
        return kept
    }

    /// Records a kept line with its debit's outcome; `counted` is the signed amount that counts.
    mutating func record(
        _ line: ClaimLine,
        _ outcome: DebitOutcome,
        counted: Cents,
        attribution rules: [ClaimReconciler.AttributionRule],
        lookup: inout RuleLookup
    ) throws(ArithmeticError) {
        switch outcome.reason {
        case nil:
            try accepted.add(counted, to: line.regime)
            acceptedLines[line.regime] += 1
            let excluded = try line.signedAmount - counted
            if !excluded.isZero { try proRataExcluded.add(excluded, to: line.regime) }
            try codes.add(line, counted: counted, as: .accepted)
            guard !rules.isEmpty else { return }
            for (index, party) in lookup.parties(of: line.provider, rules).enumerated() {
                guard let party, rules[index].category.map({ $0 == line.category }) ?? true else { continue }
                attribution[index][party] = try (attribution[index][party] ?? .zero) + counted
            }
        case .outOfScope?:
            try outOfScope.add(counted, to: line.regime)
            try codes.add(line, counted: counted, as: .outOfScope)
            try reject(line, .outOfScope, outcome.detail)
        case let reason?:
            try reject(line, reason, outcome.detail)
        }
    }
}
