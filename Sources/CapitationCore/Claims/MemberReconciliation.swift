/// The outcome of reconciling one member's claim lines: what counts, per regime, and what was rejected.
package struct MemberReconciliation: Sendable {
    /// The accepted amount per regime, credits netted, after pro-rating.
    package var accepted = RegimeAmounts()
    /// The number of accepted lines (debits and credits) per regime.
    package var acceptedLines = RegimeCounts()
    /// The part of accepted lines excluded by pro-rating, per regime.
    package var proRataExcluded = RegimeAmounts()
    /// The member's spending per regime that is out of scope (the part in the period and the population).
    package var outOfScope = RegimeAmounts()
    /// The accepted and out-of-scope lines, amounts and volumes per code.
    package var codes = CodeTotals()
    /// Per recipient group, the accepted amount per provider of the group (for attribution).
    package var attribution: [[PartyID: Cents]]
    /// The rejected lines, with their full signed amounts.
    package var rejected: [RejectedLine] = []
    /// The accepted amounts by month of service and of receipt, when the contract has a run-out.
    package var receipts = ReceiptLags()

    init(groupCount: Int) {
        attribution = Array(repeating: [:], count: groupCount)
    }
}
