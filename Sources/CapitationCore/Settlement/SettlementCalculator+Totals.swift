extension SettlementCalculator {
    /// Settles a case of pre-aggregated results under the settlement rules of `contract`: savings, the
    /// minimum savings (and loss) rate, quality, sharing and, when the financiers can be told apart (per
    /// regime amounts, or a contract of one regime), the distribution between the parties.
    ///
    /// The case's amounts are complete: the contract's lump sums are not added to them. A minimum rate
    /// computed from the spread of members' costs cannot be used, because the case has no members.
    ///
    /// - Returns: The case's settlement, with its steps.
    /// - Throws: ``SettlementError`` when the case cannot be settled under the contract: a regime the
    ///   contract does not cover, per-regime amounts that do not sum to the totals, a missing quality
    ///   score the sharing rate needs, a confidence-based minimum rate, or an overflow.
    package static func settle(
        _ totalsCase: TotalsCase,
        under contract: Contract
    ) throws(SettlementError)
        -> TotalsSettlement
    {
        var rules = contract
        rules.lumpSums = []
        var calculator = SettlementCalculator(
            contract: rules,
            population: PopulationEvaluation(roster: [], contract: rules),
            ledger: ClaimLedger(memberCount: 0, groupCount: 0),
            indicators: IndicatorObservations(),
            inputs: [],
            chance: nil
        )
        return try calculator.settleTotals(totalsCase)
    }

    private mutating func settleTotals(_ totalsCase: TotalsCase) throws(SettlementError) -> TotalsSettlement {
        guard totalsCase.people > 0 else {
            throw SettlementError(.caseOfTotals, "the number of people must be at least 1")
        }
        let regimes = try totalsRegimes(totalsCase)
        let totals: Totals
        if regimes.isEmpty {
            totals = try pooledTotals(totalsCase)
        } else {
            totals = try totalsStage(regimes, outOfScope: RegimeAmounts(), truncationThreshold: nil)
        }
        let population = PopulationResult(
            rosterMembers: totalsCase.people,
            members: totalsCase.people,
            exposureDays: 0,
            daysInPeriod: contract.period.dayCount,
            personYears: totalsCase.personYears ?? .zero,
            excluded: []
        )
        let noMembers = ChanceError(.caseOfTotals)
        let thresholds = try thresholdStage(totals: totals, outcomes: .failure(noMembers), populationResult: population)
        let quality = try totalsQuality(totalsCase)
        let sharing = try sharingStage(totals: totals, thresholds: thresholds, quality: quality)
        var perPersonYear: Cents?
        if let personYears = totalsCase.personYears, personYears > .zero {
            perPersonYear = try money(
                try exactly("savingsPerPersonYear") { () throws(ArithmeticError) in
                    try Fraction(cents: totals.savings) / Fraction(personYears)
                },
                "savingsPerPersonYear"
            )
        }
        var distribution = DistributionOutcome(transfers: [], parties: [])
        var note: String?
        if regimes.isEmpty {
            note =
                "the contract has \(contract.regimes.count) regimes and the case gives no amounts per regime, so the financiers' parts are not known"
        } else if contract.distribution?.recipients.contains(where: \.isAttributedGroup) == true {
            note = "a recipient group shares by attributed members, which a case of totals does not have"
        } else {
            distribution = try distributionStage(regimes: regimes, sharing: sharing)
        }
        return TotalsSettlement(
            totalsCase: totalsCase,
            totals: totals,
            regimes: regimes,
            minimumSavingsRate: thresholds.savings,
            minimumLossRate: thresholds.loss,
            quality: quality,
            sharing: sharing,
            savingsPerPersonYear: perPersonYear,
            parties: distribution.parties,
            transfers: distribution.transfers,
            note: note,
            steps: steps
        )
    }

    /// The case's regimes with their savings: as given, or the contract's only regime with the totals.
    private mutating func totalsRegimes(_ totalsCase: TotalsCase) throws(SettlementError) -> [RegimeResult] {
        var given = totalsCase.regimes
        if given.isEmpty, contract.regimes.count == 1 {
            given = [
                RegimeTotals(
                    regime: contract.regimes[0].regime,
                    budget: totalsCase.budget,
                    expenditure: totalsCase.expenditure
                )
            ]
        }
        guard !given.isEmpty else { return [] }
        var results: [RegimeResult] = []
        for amounts in given {
            guard let terms = contract.terms(for: amounts.regime) else {
                throw SettlementError(
                    .caseOfTotals,
                    "the case gives amounts for the \(amounts.regime), which the contract does not cover"
                )
            }
            let step = "savings.\(amounts.regime)"
            let savings = try exactly(step) { () throws(ArithmeticError) in try amounts.budget - amounts.expenditure }
            results.append(
                RegimeResult(
                    regime: amounts.regime,
                    financier: terms.financier,
                    riskModel: nil,
                    perCapitaAnnual: .zero,
                    riskWeightedPersonYears: .zero,
                    capitationBudget: amounts.budget,
                    lumpSums: .zero,
                    budget: amounts.budget,
                    claims: amounts.expenditure,
                    truncated: .zero,
                    expenditure: amounts.expenditure,
                    savings: savings,
                    savingsRate: try savingsRate(savings, of: amounts.budget, step),
                    outOfScope: .zero,
                    acceptedLines: 0
                )
            )
        }
        let budget = try exactly("savings") { () throws(ArithmeticError) in try results.map(\.budget).sum() }
        let expenditure = try exactly("savings") { () throws(ArithmeticError) in
            try results.map(\.expenditure).sum()
        }
        guard budget == totalsCase.budget, expenditure == totalsCase.expenditure else {
            throw SettlementError(
                .caseOfTotals,
                "the regimes' budgets sum to \(budget) and their expenditure to \(expenditure), "
                    + "but the case's totals are \(totalsCase.budget) and \(totalsCase.expenditure)"
            )
        }
        return results
    }

    /// Totals of a case whose regimes are not told apart.
    private mutating func pooledTotals(_ totalsCase: TotalsCase) throws(SettlementError) -> Totals {
        let step = "savings"
        let savings = try exactly(step) { () throws(ArithmeticError) in
            try totalsCase.budget - totalsCase.expenditure
        }
        let totals = Totals(
            budget: totalsCase.budget,
            claims: totalsCase.expenditure,
            truncated: .zero,
            lumpSums: .zero,
            expenditure: totalsCase.expenditure,
            savings: savings,
            savingsRate: try savingsRate(savings, of: totalsCase.budget, step),
            outOfScope: .zero,
            outOfScopeByRegime: RegimeAmounts(),
            truncationThreshold: nil
        )
        record(
            step,
            "Total budget, expenditure and savings",
            formula: "savings = budget − expenditure; savings rate = savings ÷ budget",
            inputs: [("budget", .cents(totals.budget)), ("expenditure", .cents(totals.expenditure))],
            results: [("savings", .cents(savings))]
                + (totals.savingsRate.map { [("savingsRate", StepValue.decimal($0))] } ?? [])
        )
        return totals
    }

    /// The case's quality score and gate; required when the sharing rate depends on quality.
    private mutating func totalsQuality(_ totalsCase: TotalsCase) throws(SettlementError) -> QualityResult? {
        guard let score = totalsCase.qualityScore else {
            if case .sharedSavings(let terms) = contract.settlement, terms.sharingRate.quality != .none {
                throw SettlementError(
                    .caseOfTotals,
                    "the contract's sharing rate depends on quality (\(terms.sharingRate.quality.rawValue)), so the case needs a quality score"
                )
            }
            return nil
        }
        guard score >= .zero, score <= .one else {
            throw SettlementError(.caseOfTotals, "the quality score \(score) is not between 0 and 1")
        }
        let minimum = contract.quality?.minimumScore ?? .zero
        let passed = totalsCase.qualityGatePassed ?? (score >= minimum)
        var failures: [GateFailure] = []
        if !passed {
            failures.append(score < minimum ? .scoreBelowMinimum(score: score, minimum: minimum) : .givenAsFailed)
        }
        record(
            "quality",
            "The quality score and gate as the case gives them",
            formula: totalsCase.qualityGatePassed == nil
                ? "the gate passes when score ≥ minimum score" : "the gate as the case gives it",
            inputs: [("score", .decimal(score)), ("minimumScore", .decimal(minimum))],
            results: [("gatePassed", .flag(passed))]
        )
        return QualityResult(
            indicators: [],
            score: score,
            minimumScore: minimum,
            gatePassed: passed,
            gateFailures: failures
        )
    }
}
