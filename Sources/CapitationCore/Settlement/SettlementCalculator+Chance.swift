extension SettlementCalculator {
    /// Each member's share of the capitation budgets and their truncated cost, for the statistics of chance.
    ///
    /// A regime's capitation budget is split over the members in proportion to risk score × days (days
    /// without a risk model), largest remainder, so the shares sum exactly to it; lump sums are the fixed
    /// budget and cost.
    func memberOutcomes(
        regimes: [RegimeResult],
        truncation: TruncationOutcome
    ) -> Result<MemberOutcomes, ChanceError> {
        let members = population.windows.indices.filter { population.windows[$0] != nil }
        var budgets = Array(repeating: Int64(0), count: members.count)
        var costs = Array(repeating: Int64(0), count: members.count)
        var fixed = Int64(0)
        // A provisional settlement's estimate of the claims not yet received is a regime's, not a member's:
        // it stands as a fixed cost in every resample, as lump sums do.
        var estimated = Int64(0)
        for result in regimes {
            let weights = result.riskModel.flatMap { memberRiskDays[$0] }
            let shares = members.enumerated().map { position, index in
                Allocation.Share(
                    key: position,
                    weight: weights?[index] ?? ExactDecimal(population.windows[index]?.dayCount ?? 0)
                )
            }
            let parts: [Cents]
            do { parts = try Allocation.split(result.capitationBudget, by: shares) } catch {
                return .failure(ChanceError(.budgetNotSplit(regime: result.regime, cause: .init(error))))
            }
            for (position, index) in members.enumerated() {
                let excess = truncation.excess[index]?[result.regime] ?? .zero
                let (budget, overflow) = budgets[position].addingReportingOverflow(parts[position].rawValue)
                let (cost, overflow2) = costs[position].addingReportingOverflow(
                    ledger.memberCosts[index][result.regime].rawValue &- excess.rawValue
                )
                guard !overflow, !overflow2 else { return .failure(ChanceError(.amountsTooLarge)) }
                budgets[position] = budget
                costs[position] = cost
            }
            fixed &+= result.lumpSums.rawValue
            estimated &+= result.notYetReceived.rawValue
        }
        do {
            return .success(
                try MemberOutcomes(
                    budgets: budgets.map(Cents.init),
                    costs: costs.map(Cents.init),
                    fixedBudget: Cents(fixed),
                    fixedCost: Cents(fixed &+ estimated)
                )
            )
        } catch {
            return .failure(error)
        }
    }

    /// The bootstrap analysis of chance, when the settlement computes it: a warning, not a refusal, when
    /// it cannot be made.
    mutating func chanceStage(
        outcomes: Result<MemberOutcomes, ChanceError>,
        thresholds: Thresholds
    ) throws(SettlementError) -> ChanceAnalysis? {
        guard let settings = chanceSettings else { return nil }
        let members: MemberOutcomes
        switch outcomes {
        case .success(let value): members = value
        case .failure(let error):
            warnings.append(SettlementWarning(.chanceNotComputed(error.reason)))
            return nil
        }
        let bootstrap = SavingsRateBootstrap(
            outcomes: members,
            seed: settings.seed,
            rates: resampler.rates(of: members, seed: settings.seed, count: settings.resamples)
        )
        let analysis = try exactly("chance") { () throws(ArithmeticError) in
            try ChanceAnalysis(
                outcomes: members,
                bootstrap: bootstrap,
                msr: thresholds.savings?.rate,
                mlr: thresholds.loss?.rate,
                settings: settings
            )
        }
        var results: [(name: String, value: StepValue)] = [
            ("standardError", .decimal(analysis.standardError)),
            ("bootstrapStandardError", .decimal(analysis.bootstrapStandardError)),
            ("resultByChance", .decimal(analysis.resultByChance.decimal)),
        ]
        if let payout = analysis.payout { results.append(("payoutByChance", .decimal(payout.byChance.decimal))) }
        if let loss = analysis.loss { results.append(("lossByChance", .decimal(loss.byChance.decimal))) }
        results += [
            ("intervalLow", .decimal(analysis.interval.low)), ("intervalHigh", .decimal(analysis.interval.high)),
        ]
        record(
            "chance",
            "How likely a result this far from zero is under chance alone: the members resampled with replacement",
            formula: "resampled rate = 1 − Σ cost ÷ Σ budget share over n members drawn with replacement; "
                + "under no true effect the rate is distributed as resampled − observed; "
                + "probabilities are shares of the resamples",
            inputs: [
                ("members", .integer(analysis.members)), ("resamples", .integer(analysis.resamples)),
                ("seed", .text(String(analysis.seed))), ("observedRate", .decimal(analysis.observedRate)),
            ],
            results: results
        )
        return analysis
    }
}
