/// The standard error of the savings rate from the spread of members' outcomes, in closed form.
///
/// The savings rate is 1 − C ÷ E, with C the members' total cost and E their total budget share plus the
/// fixed budget. Drawing the members again (as the bootstrap does), its variance is, to first order,
/// Σ (xᵢ − x̄)² ÷ E² with xᵢ = cᵢ − (C ÷ E) × eᵢ: each member's cost minus what their budget share would
/// cost at the population's rate. With yᵢ = E × cᵢ − C × eᵢ, Σ yᵢ = C × L − E × K (L and K the fixed
/// budget and cost) and
///
///     SE² = (E² Σc² − 2 E C Σce + C² Σe² − (C L − E K)² ÷ n) ÷ E⁴
///
/// computed exactly; SE is its square root, to eight decimals, rounded down. Without risk adjustment or
/// lump sums and with every member in for the whole period, SE = σ ÷ (ē √n): the textbook CV ÷ √n, with
/// the spread taken relative to the budget per member rather than the cost.
public enum SavingsRateSpread: Sendable {
    /// The number of decimals of the standard error.
    public static let scale = 8

    /// The standard error of the savings rate of `outcomes`, as a fraction, eight decimals, rounded down.
    public static func standardError(of outcomes: MemberOutcomes) throws(ArithmeticError) -> ExactDecimal {
        var costSquares = WideSum()
        var crossProducts = WideSum()
        var budgetSquares = WideSum()
        for index in outcomes.budgets.indices {
            let cost = Int128(outcomes.costs[index])
            let budget = Int128(outcomes.budgets[index])
            costSquares.add(cost * cost)
            crossProducts.add(cost * budget)
            budgetSquares.add(budget * budget)
        }
        let budget = BigInteger(outcomes.totalBudget)
        let cost = BigInteger(outcomes.totalCost)
        let fixedTotal = cost * BigInteger(outcomes.fixedBudget) - budget * BigInteger(outcomes.fixedCost)
        let sum =
            budget * budget * costSquares.total - BigInteger(2) * budget * cost * crossProducts.total
            + cost * cost * budgetSquares.total
        let squaredTotal = try Fraction(fixedTotal * fixedTotal, over: BigInteger(outcomes.count))
        let budget4 = budget * budget * budget * budget
        return try ((Fraction(sum) - squaredTotal) / Fraction(budget4)).squareRootRoundedDown(scale: scale)
    }
}

/// A sum of Int128 terms kept in Int128 while it fits and carried into a ``BigInteger`` when it would not.
struct WideSum {
    private var carried = BigInteger.zero
    private var partial: Int128 = 0

    mutating func add(_ term: Int128) {
        let (sum, overflow) = partial.addingReportingOverflow(term)
        if overflow {
            carried = carried + BigInteger(partial)
            partial = term
        } else {
            partial = sum
        }
    }

    var total: BigInteger { carried + BigInteger(partial) }
}
