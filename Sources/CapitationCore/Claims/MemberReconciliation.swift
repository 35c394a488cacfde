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
    /// The accepted amount and lines per scope code.
    public var byCode: [CodeKey: CodeTotal] = [:]
    /// Per recipient group, the accepted amount per provider of the group (for attribution).
    public var attribution: [[PartyID: Cents]]
    /// The rejected lines, with their full signed amounts.
    public var rejected: [RejectedLine] = []

    init(groupCount: Int) {
        attribution = Array(repeating: [:], count: groupCount)
    }

    /// A regime, category and product.
    public struct CodeKey: Hashable, Comparable, Sendable {
        public var regime: Regime
        public var category: CategoryCode
        public var product: ProductCode

        public static func < (lhs: CodeKey, rhs: CodeKey) -> Bool {
            if lhs.regime != rhs.regime { return lhs.regime < rhs.regime }
            if lhs.category != rhs.category { return lhs.category < rhs.category }
            return lhs.product < rhs.product
        }
    }

    /// Lines and an amount.
    public struct CodeTotal: Hashable, Sendable {
        public var lines = 0
        public var amount = Cents.zero
    }

    mutating func reject(_ line: ClaimLine, _ reason: RejectionReason, _ detail: String) throws(ArithmeticError) {
        rejected.append(
            RejectedLine(
                source: line.source,
                claimID: line.claimID,
                regime: line.regime,
                amount: line.signedAmount,
                reason: reason,
                detail: detail
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
            let key = CodeKey(regime: line.regime, category: line.category, product: line.product)
            var total = byCode[key] ?? CodeTotal()
            total.lines += 1
            total.amount = try total.amount + counted
            byCode[key] = total
            for (index, rule) in rules.enumerated() {
                guard let party = rule.providers[line.provider], rule.category.map({ $0 == line.category }) ?? true
                else {
                    continue
                }
                attribution[index][party] = try (attribution[index][party] ?? .zero) + counted
            }
        case .outOfScope?:
            outOfScope[line.regime] = try (outOfScope[line.regime] ?? .zero) + counted
            try reject(line, .outOfScope, outcome.detail)
        case let reason?:
            try reject(line, reason, outcome.detail)
        }
    }
}
