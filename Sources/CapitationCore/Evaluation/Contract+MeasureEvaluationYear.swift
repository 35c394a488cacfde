extension Contract {
    /// Measures each person of a year for an evaluation, on data held in memory: per regime their
    /// accepted, truncated, in-scope cost and their risk-weighted days, under the contract shifted to
    /// `year`, as `capitation evaluate` measures each year of the fieldlab and of its comparison population.
    ///
    /// The baseline years and the performance year of each population make an ``EvaluationPopulation``
    /// (``EvaluationPopulation/init(baseline:performance:)``); a comparison population is measured under
    /// ``forComparison()``, without the fieldlab's area and financiers:
    ///
    /// ```swift
    /// let fieldlab = try EvaluationPopulation(
    ///     baseline: [try contract.measureEvaluationYear(year: 2025, members: roster2025, claims: lines2025)],
    ///     performance: try contract.measureEvaluationYear(year: 2026, members: roster2026, claims: lines2026))
    /// ```
    ///
    /// The members and lines are checked and reconciled as
    /// ``settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``
    /// does; after a run-out a year counts what its final settlement counts. An effect measured on claims
    /// that look incomplete would be their absence, so they are refused.
    ///
    /// - Throws: ``SettlementError`` with code ``SettlementError/Code/invalidInput`` when the contract breaks
    ///   one of its rules or a member or a claim line is not what it should be (with its
    ///   ``SettlementError/location``); ``SettlementError/Code/incompleteClaims`` when the claims look
    ///   incomplete; ``SettlementError/Code/emptyPopulation`` when no one is in the population.
    public func measureEvaluationYear(
        year: Int,
        members: [Member],
        claims: [ClaimLine]
    ) throws(SettlementError) -> MeasuredEvaluationYear {
        try yearCalculator(year, members: members, claims: claims, evaluation: true).measureEvaluationYear()
    }
}
