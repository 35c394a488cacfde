extension Contract {
    /// Measures a baseline year on data held in memory: the population of `members` in `year` and the
    /// cost of their `claims`, under the contract shifted to that year, as `capitation baseline` measures
    /// each year of its folder.
    ///
    /// A rebased contract is settled on the baseline of the years before its performance year:
    ///
    /// ```swift
    /// let years = [try contract.measureBaseline(year: 2024, members: roster2024, claims: lines2024),
    ///              try contract.measureBaseline(year: 2025, members: roster2025, claims: lines2025)]
    /// let baseline = try BaselineCalculator(contract: contract, targetYear: 2026,
    ///                                       weights: contract.term.baselineWeights, years: years).compute()
    /// let settlement = try contract.settle(members: roster2026, claims: lines2026, rebasedOn: baseline)
    /// ```
    ///
    /// The members and lines are checked as
    /// ``settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``
    /// checks them, and reconciled as it reconciles them. A baseline sets the budget of every year after
    /// it, so it is never measured on claims that look incomplete (a regime of the contract without an
    /// accepted claim line).
    ///
    /// - Parameters:
    ///   - year: The calendar year measured, before the contract's performance years.
    ///   - members: The year's roster, each member once.
    ///   - claims: The year's claim lines of every regime, in any order.
    /// - Returns: The year's population, risk-weighted days and cost per member and regime.
    /// - Throws: ``SettlementError`` with code ``SettlementError/Code/invalidInput`` when the contract breaks
    ///   one of its rules, `year` is not before its first performance year, or a member or a claim line is
    ///   not what it should be (with its ``SettlementError/location``);
    ///   ``SettlementError/Code/incompleteClaims`` when the claims look incomplete;
    ///   ``SettlementError/Code/emptyPopulation`` when no one is in the population.
    public func measureBaseline(
        year: Int,
        members: [Member],
        claims: [ClaimLine]
    ) throws(SettlementError) -> BaselineYear {
        try yearCalculator(year, members: members, claims: claims, evaluation: false).measureBaseline()
    }

    /// Measures how the claims of a baseline year came in, on data held in memory: the lag triangle of
    /// `claims` under the contract shifted to `year`, for the provisional settlement of `performanceYear`
    /// (`nil` for the first), as `capitation settle --stage provisional` measures each baseline year.
    ///
    /// The lines count as the year's final settlement counts them, but none received after the
    /// provisional cut-off of `performanceYear` when that is earlier than the year's own final cut-off:
    /// what was known when the provisional settlement is made.
    ///
    /// ```swift
    /// let completion = ClaimCompletion(baselines: [
    ///     try contract.measureReceiptLags(year: 2025, members: roster2025, claims: lines2025)
    /// ])
    /// let provisional = try contract.staged(.provisional)
    ///     .settle(members: roster2026, claims: lines2026, completion: completion)
    /// ```
    ///
    /// - Throws: ``SettlementError`` as ``measureBaseline(year:members:claims:)`` throws it.
    public func measureReceiptLags(
        year: Int,
        members: [Member],
        claims: [ClaimLine],
        forProvisionalSettlementOf performanceYear: Int? = nil
    ) throws(SettlementError) -> ClaimCompletion.Baseline {
        let provisionalCutOff = try shifted(toYear: performanceYear ?? firstYear).staged(.provisional)
            .reconciliation.cutOff
        var shifted = try shifted(toYear: year).staged(.final)
        if let provisionalCutOff, let cutOff = shifted.reconciliation.cutOff, provisionalCutOff < cutOff {
            shifted.reconciliation.cutOff = provisionalCutOff
        }
        let (_, ledger) = try reconcileYear(year, as: shifted, members: members, claims: claims)
        let observedThrough =
            ReceiptLags.monthNumber(shifted.reconciliation.cutOff ?? shifted.period.end)
            - ReceiptLags.monthNumber(shifted.period.start)
        return ClaimCompletion.Baseline(year: year, lags: ledger.receiptLags, observedThrough: observedThrough)
    }

    /// The calculator of `year` measured for a baseline or an `evaluation`: the `members` and `claims`
    /// reconciled under the contract shifted to that year, as its final settlement counts them; no
    /// indicators, no bootstrap.
    func yearCalculator(
        _ year: Int,
        members: [Member],
        claims: [ClaimLine],
        evaluation: Bool
    ) throws(SettlementError) -> SettlementCalculator {
        let shifted = try shifted(toYear: year).staged(.final)
        let (population, ledger) = try reconcileYear(
            year,
            as: shifted,
            members: members,
            claims: claims,
            evaluation: evaluation
        )
        return SettlementCalculator(
            contract: shifted,
            population: population,
            ledger: ledger,
            indicators: IndicatorObservations(),
            inputs: [],
            chance: nil
        )
    }

    /// The `members` and `claims` of `year` checked and reconciled under `shifted`, the contract as it
    /// applies to that year; refused when the year is no baseline year (unless it is measured for an
    /// `evaluation`, which measures the performance years too) or the claims look incomplete.
    func reconcileYear(
        _ year: Int,
        as shifted: Contract,
        members: [Member],
        claims: [ClaimLine],
        evaluation: Bool = false
    ) throws(SettlementError) -> (population: PopulationEvaluation, ledger: ClaimLedger) {
        _ = try checkRules()
        guard evaluation || year < firstYear else {
            throw SettlementError(
                .invalidInput,
                "\(year) is not before the first performance year \(firstYear) of contract '\(id)', so it is no "
                    + "baseline year"
            )
        }
        try Self.check(members: members, claims: claims)
        let (population, ledger, _) = try shifted.reconcileInMemory(members: members, claims: claims)
        let findings = ClaimCompleteness.findings(
            files: [],
            acceptedLines: { ledger.accepted[$0]?.lines ?? 0 },
            regimes: shifted.regimes.map(\.regime),
            rules: shifted.reconciliation,
            undated: { ledger.receiptLags.undated[$0] ?? LineTotal() }
        )
        if !findings.isEmpty {
            // A baseline sets the budget of every year after it; an effect measured on incomplete claims
            // would be the claims' absence.
            throw SettlementError(
                .incompleteClaims,
                "the claims of \(evaluation ? "" : "baseline year ")\(year) look incomplete: "
                    + findings.map(\.description).joined(separator: "; ")
                    + "; \(evaluation ? "an evaluation" : "a baseline") is not measured on incomplete claims"
            )
        }
        return (population, ledger)
    }
}
