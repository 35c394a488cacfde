extension Contract {
    /// Settles a case of pre-aggregated results under the contract's settlement rules, for the
    /// performance `year` (`nil` for the first): savings, the minimum savings (and loss) rate, quality,
    /// sharing and, when the financiers can be told apart, the distribution between the parties.
    ///
    /// This is what `capitation settle --totals` computes for each row of its file. The case's amounts are
    /// complete: the contract's lump sums are not added to them.
    ///
    /// ```swift
    /// let row = TotalsCase(id: "A", people: 34_601, budget: budget, expenditure: expenditure,
    ///                      qualityScore: ExactDecimal(significand: 9, scale: 1))
    /// let result = try contract.settle(totals: row)
    /// print(result.sharing.payout)
    /// ```
    ///
    /// - Throws: ``SettlementError`` with code ``SettlementError/Code/invalidInput`` when the contract
    ///   breaks one of its rules; ``SettlementError/Code/baselineRequired`` for a rebased benchmark, whose
    ///   amounts a case of totals cannot give; ``SettlementError/Code/caseOfTotals`` when the case cannot be
    ///   settled under the contract (a regime the contract does not cover, per-regime amounts that do not
    ///   sum to the totals, a missing quality score the sharing rate needs);
    ///   ``SettlementError/Code/minimumRateUnavailable`` for a minimum rate from the spread of members'
    ///   costs, which a case has not.
    public func settle(totals: TotalsCase, year: Int? = nil) throws(SettlementError) -> TotalsSettlement {
        _ = try checkRules()
        return try SettlementCalculator.settle(totals, under: try prepared(forYear: year ?? firstYear, rebasedOn: nil))
    }
}
