/// Each member's share of the budget and their cost: what the statistics of chance resample.
///
/// A member's budget share is their part of the capitation budgets, split over the members in proportion
/// to risk score × days (largest remainder, so the shares sum exactly to the budgets); their cost is their
/// accepted, truncated expenditure in the contract's regimes. Lump sums do not follow members: they are
/// the ``fixedBudget`` and the ``fixedCost`` of every resample. The savings rate of the outcomes is
/// therefore exactly the settlement's: (budget − cost) ÷ budget with budget = Σ budget shares + fixed
/// budget and cost = Σ costs + fixed cost.
public struct MemberOutcomes: Hashable, Sendable {
    /// Per member, the share of the budget in cents.
    public let budgets: [Int64]
    /// Per member, the cost in cents.
    public let costs: [Int64]
    /// The part of the budget that does not follow members (lump sums), in cents.
    public let fixedBudget: Int64
    /// The part of the cost that does not follow members (lump sums paid), in cents.
    public let fixedCost: Int64
    /// Σ budgets + fixed budget.
    public let totalBudget: Int128
    /// Σ costs + fixed cost.
    public let totalCost: Int128

    /// Outcomes of `budgets.count` members.
    ///
    /// - Throws: ``ChanceError`` when the lists differ in length, there are no members, a budget share
    ///   is negative, or the total budget is not above zero (a savings rate needs a budget).
    public init(
        budgets: [Cents],
        costs: [Cents],
        fixedBudget: Cents = .zero,
        fixedCost: Cents = .zero
    ) throws(ChanceError) {
        guard budgets.count == costs.count else {
            throw ChanceError(.unequalLists(budgets: budgets.count, costs: costs.count))
        }
        guard !budgets.isEmpty else { throw ChanceError(.noMembers) }
        guard !budgets.contains(where: \.isNegative), !fixedBudget.isNegative else {
            throw ChanceError(.negativeBudgetShare)
        }
        self.budgets = budgets.map(\.rawValue)
        self.costs = costs.map(\.rawValue)
        self.fixedBudget = fixedBudget.rawValue
        self.fixedCost = fixedCost.rawValue
        totalBudget = self.budgets.reduce(Int128(fixedBudget.rawValue)) { $0 + Int128($1) }
        totalCost = self.costs.reduce(Int128(fixedCost.rawValue)) { $0 + Int128($1) }
        guard totalBudget > 0 else { throw ChanceError(.zeroBudget) }
    }

    /// The number of members.
    public var count: Int { budgets.count }

    /// The savings rate in units of 10⁻¹², rounded half-even: (budget − cost) × 10¹² ÷ budget.
    static func rateUnits(budget: Int128, cost: Int128) -> Int64 {
        let numerator = (budget - cost) * SavingsRateBootstrap.unitsPerOne
        let (quotient0, remainder) = numerator.quotientAndRemainder(dividingBy: budget)
        // Half-even: budget is positive, so the remainder has the numerator's sign.
        var quotient = quotient0
        let twice = remainder.magnitude * 2
        if twice > budget.magnitude || (twice == budget.magnitude && quotient & 1 != 0) {
            quotient += numerator < 0 ? -1 : 1
        }
        return Int64(clamping: quotient)
    }
}
