/// Why the probability that a result is chance cannot be computed.
public struct ChanceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What stands in the way.
    public var reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// What stands in the way of resampling the members.
    public enum Reason: Hashable, Sendable {
        /// The lists of budget shares and costs differ in length.
        case unequalLists(budgets: Int, costs: Int)
        /// There are no members to resample.
        case noMembers
        /// A case of totals, which has no members.
        case caseOfTotals
        /// A budget share is negative.
        case negativeBudgetShare
        /// The budget is zero, so there is no savings rate.
        case zeroBudget
        /// A regime's budget cannot be split over the members, for `cause`.
        case budgetNotSplit(regime: Regime, cause: SplitFailure)
        /// A member's amounts are too large to add up.
        case amountsTooLarge

        /// The reason's code, as a settlement records it: `no-members`.
        public var code: String {
            switch self {
            case .unequalLists: "unequal-lists"
            case .noMembers: "no-members"
            case .caseOfTotals: "case-of-totals"
            case .negativeBudgetShare: "negative-budget-share"
            case .zeroBudget: "zero-budget"
            case .budgetNotSplit: "budget-not-split"
            case .amountsTooLarge: "amounts-too-large"
            }
        }

        /// The reason in English.
        public var message: String {
            switch self {
            case .unequalLists(let budgets, let costs): "\(budgets) budget shares for \(costs) costs"
            case .noMembers: "there are no members to resample"
            case .caseOfTotals:
                "a case of totals has no members; settle from member-level data, or give the contract a fixed or table rate"
            case .negativeBudgetShare: "a budget share is negative"
            case .zeroBudget: "the budget is zero, so there is no savings rate"
            case .budgetNotSplit(let regime, let cause):
                "the \(regime) budget cannot be split over the members: \(cause.message)"
            case .amountsTooLarge: "a member's amounts are too large"
            }
        }
    }

    public var description: String { reason.message }

    /// Why a budget cannot be split over the members by their weights.
    public enum SplitFailure: String, CaseIterable, Hashable, Sendable {
        case noShares = "no-shares"
        case negativeWeight = "negative-weight"
        case zeroTotalWeight = "zero-total-weight"
        case overflow

        /// The failure of an allocation.
        init(_ failure: Allocation.Failure) {
            switch failure {
            case .noShares: self = .noShares
            case .negativeWeight: self = .negativeWeight
            case .zeroTotalWeight: self = .zeroTotalWeight
            case .arithmetic: self = .overflow
            }
        }

        /// The failure in English.
        public var message: String {
            switch self {
            case .noShares: "nothing to allocate to: no shares"
            case .negativeWeight: "cannot allocate by a negative weight"
            case .zeroTotalWeight: "cannot allocate by weights that are all zero"
            case .overflow: "the amounts are too large"
            }
        }
    }
}
