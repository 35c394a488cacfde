/// The minimum savings rate and, two-sided, the minimum loss rate, with whether the result meets them.
struct Thresholds {
    var savings: ThresholdResult?
    var loss: ThresholdResult?
}

extension SettlementCalculator {
    /// The normal quantile z for each supported confidence level (the values of the payment-method reference).
    static let zValues: [Percentage: ExactDecimal] = [
        Percentage(literal: "80"): ExactDecimal(significand: 1_282, scale: 3),
        Percentage(literal: "90"): ExactDecimal(significand: 1_645, scale: 3),
        Percentage(literal: "95"): ExactDecimal(significand: 1_960, scale: 3),
        Percentage(literal: "97.5"): ExactDecimal(significand: 2_241, scale: 3),
        Percentage(literal: "99"): ExactDecimal(significand: 2_576, scale: 3),
        Percentage(literal: "99.5"): ExactDecimal(significand: 2_807, scale: 3),
    ]

    /// Step 7: the minimum savings (and loss) rate in its mode, and whether the savings rate meets it.
    ///
    /// "Meets" is tested exactly: savings × 100 ≥ rate × budget, never with a rounded savings rate.
    mutating func thresholdStage(
        totals: Totals,
        outcomes: Result<MemberOutcomes, ChanceError>,
        populationResult: PopulationResult
    ) throws(SettlementError) -> Thresholds {
        guard case .sharedSavings(let terms) = contract.settlement else { return Thresholds() }
        let size = populationResult.members
        let savings = try threshold(
            terms.minimumSavingsRate,
            id: "minimumSavingsRate",
            size: size,
            outcomes: outcomes,
            populationResult: populationResult
        )
        let savingsMet = savingsMeet(savings.rate, totals)
        var thresholds = Thresholds(
            savings: ThresholdResult(
                mode: savings.mode,
                rate: savings.rate,
                table: savings.table,
                confidence: savings.confidence,
                populationSize: size,
                met: savingsMet
            )
        )
        recordThreshold("minimumSavingsRate", "savings", thresholds.savings, totals: totals)
        if terms.sides == .two, let lossRule = terms.minimumLossRate {
            var loss: ThresholdResult
            switch lossRule {
            case .sameAsSavings:
                loss = ThresholdResult(
                    mode: "same-as-savings",
                    rate: savings.rate,
                    table: savings.table,
                    confidence: savings.confidence,
                    populationSize: size,
                    met: false
                )
            case .rule(let rule):
                let computed = try threshold(
                    rule,
                    id: "minimumLossRate",
                    size: size,
                    outcomes: outcomes,
                    populationResult: populationResult
                )
                loss = ThresholdResult(
                    mode: computed.mode,
                    rate: computed.rate,
                    table: computed.table,
                    confidence: computed.confidence,
                    populationSize: size,
                    met: false
                )
            }
            loss.met = try lossMeets(loss.rate, totals)
            thresholds.loss = loss
            recordThreshold("minimumLossRate", "loss", loss, totals: totals)
        }
        return thresholds
    }

    /// `thresholds` with the same rates, and whether `totals` meet them decided again.
    func reevaluate(_ thresholds: Thresholds, totals: Totals) throws(SettlementError) -> Thresholds {
        var result = thresholds
        if let savings = thresholds.savings { result.savings?.met = savingsMeet(savings.rate, totals) }
        if let loss = thresholds.loss { result.loss?.met = try lossMeets(loss.rate, totals) }
        return result
    }

    /// Whether there are savings and they meet `rate`.
    private func savingsMeet(_ rate: Percentage, _ totals: Totals) -> Bool {
        totals.savings > .zero && meets(totals.savings, rate: rate, budget: totals.budget)
    }

    /// Whether there is a loss and it meets `rate`.
    private func lossMeets(_ rate: Percentage, _ totals: Totals) throws(SettlementError) -> Bool {
        let magnitude = try exactly("minimumLossRate") { () throws(ArithmeticError) in try totals.savings.negated() }
        return totals.savings < .zero && meets(magnitude, rate: rate, budget: totals.budget)
    }

    private func meets(_ amount: Cents, rate: Percentage, budget: Cents) -> Bool {
        Fraction(cents: amount) * Fraction(100) >= Fraction(rate.value) * Fraction(cents: budget)
    }

    private mutating func recordThreshold(_ id: String, _ what: String, _ result: ThresholdResult?, totals: Totals) {
        guard let result else { return }
        var inputs: [(name: String, value: StepValue)] = [
            ("mode", .text(result.mode)), ("populationSize", .integer(result.populationSize)),
        ]
        if let table = result.table { inputs.append(("table", .text(table.rawValue))) }
        if let confidence = result.confidence { inputs.append(("confidence", .percent(confidence))) }
        inputs += [("savings", .cents(totals.savings)), ("budget", .cents(totals.budget))]
        record(
            id,
            "The minimum \(what) rate and whether the \(what) rate meets it",
            formula: what == "savings"
                ? "met when savings > 0 and savings × 100 ≥ rate × budget"
                : "met when savings < 0 and −savings × 100 ≥ rate × budget",
            inputs: inputs,
            results: [("rate", .percent(result.rate)), ("met", .flag(result.met))]
        )
    }

    private mutating func threshold(
        _ rule: MinimumRateRule,
        id: String,
        size: Int,
        outcomes: Result<MemberOutcomes, ChanceError>,
        populationResult: PopulationResult
    ) throws(SettlementError) -> ThresholdResult {
        switch rule {
        case .fixed(let percent):
            return ThresholdResult(
                mode: "fixed",
                rate: percent,
                table: nil,
                confidence: nil,
                populationSize: size,
                met: false
            )
        case .table(let tableID):
            guard let table = contract.msrTable(tableID) else {
                throw SettlementError(.minimumRateUnavailable, "\(id): there is no table '\(tableID)'")
            }
            let rate = try exactly(id) { () throws(ArithmeticError) in try table.rate(forPopulation: size) }
            guard let rate else {
                throw SettlementError(
                    .minimumRateUnavailable,
                    "\(id): table '\(tableID)' has no rate for a population of \(size)"
                )
            }
            return ThresholdResult(
                mode: "table",
                rate: rate,
                table: tableID,
                confidence: nil,
                populationSize: size,
                met: false
            )
        case .confidence(let level):
            let rate = try confidenceRate(level: level, id: id, outcomes: outcomes)
            return ThresholdResult(
                mode: "confidence",
                rate: rate,
                table: nil,
                confidence: level,
                populationSize: size,
                met: false
            )
        }
    }

    /// `z × SE` in percent, with SE the standard error of the savings rate from the spread of the members'
    /// budget shares and costs (``SavingsRateSpread``, the closed form of what `capitation simulate`
    /// resamples), rounded half-even to six decimals of a percent.
    private mutating func confidenceRate(
        level: Percentage,
        id: String,
        outcomes: Result<MemberOutcomes, ChanceError>
    ) throws(SettlementError) -> Percentage {
        guard let z = Self.zValues[level] else {
            throw SettlementError(.minimumRateUnavailable, "\(id): confidence level \(level) is not supported")
        }
        let members: MemberOutcomes
        switch outcomes {
        case .success(let value): members = value
        case .failure(let error):
            throw SettlementError(
                .minimumRateUnavailable,
                "\(id): the spread of the members' costs is unknown: \(error)"
            )
        }
        let standardError = try exactly(id) { () throws(ArithmeticError) in
            try SavingsRateSpread.standardError(of: members)
        }
        let rate = try rate(Fraction(z) * Fraction(standardError) * Fraction(100), id)
        record(
            "\(id).confidence",
            "A minimum rate from the spread of the members' costs at \(level) confidence",
            formula: "rate = z × SE × 100 %; SE² = Σ (cᵢ − R eᵢ − x̄)² ÷ E², R = C ÷ E, over the members' costs c "
                + "and budget shares e (E, C with lump sums); SE to eight decimals, rounded down",
            inputs: [
                ("z", .decimal(z)), ("members", .integer(members.count)),
                ("budget", .cents(Cents(Int64(clamping: members.totalBudget)))),
                ("expenditure", .cents(Cents(Int64(clamping: members.totalCost)))),
            ],
            results: [("standardError", .decimal(standardError)), ("rate", .decimal(rate))]
        )
        return Percentage(rate)
    }
}
