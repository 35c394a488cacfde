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
        truncation: TruncationOutcome,
        populationResult: PopulationResult
    ) throws(SettlementError) -> Thresholds {
        guard case .sharedSavings(let terms) = contract.settlement else { return Thresholds() }
        let size = populationResult.members
        let savings = try threshold(
            terms.minimumSavingsRate,
            id: "minimumSavingsRate",
            size: size,
            truncation: truncation,
            populationResult: populationResult
        )
        let savingsMet = totals.savings > .zero && meets(totals.savings, rate: savings.rate, budget: totals.budget)
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
                    truncation: truncation,
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
            let magnitude = try exactly("minimumLossRate") { () throws(ArithmeticError) in try totals.savings.negated()
            }
            loss.met = totals.savings < .zero && meets(magnitude, rate: loss.rate, budget: totals.budget)
            thresholds.loss = loss
            recordThreshold("minimumLossRate", "loss", loss, totals: totals)
        }
        return thresholds
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
        truncation: TruncationOutcome,
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
                throw SettlementError("\(id): there is no table '\(tableID)'")
            }
            let rate = try exactly(id) { () throws(ArithmeticError) in try table.rate(forPopulation: size) }
            guard let rate else {
                throw SettlementError("\(id): table '\(tableID)' has no rate for a population of \(size)")
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
            let rate = try confidenceRate(
                level: level,
                id: id,
                truncation: truncation,
                populationResult: populationResult
            )
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

    /// `z × CV ÷ √n` in percent, with CV the coefficient of variation of the members' truncated costs,
    /// annualised and weighted by days of membership.
    ///
    /// With cost c and d days for each of n members in a period of D days: mean = D × Σc ÷ Σd;
    /// variance = D² × Σ(c² ÷ d) ÷ Σd − mean². √(CV² ÷ n) is taken to eight decimals, rounded down, and
    /// the rate rounded half-even to six decimals of a percent.
    private mutating func confidenceRate(
        level: Percentage,
        id: String,
        truncation: TruncationOutcome,
        populationResult: PopulationResult
    ) throws(SettlementError) -> Percentage {
        guard let z = Self.zValues[level] else {
            throw SettlementError("\(id): confidence level \(level) is not supported")
        }
        let covered = contract.regimes.map(\.regime)
        let daysInPeriod = BigInteger(contract.period.dayCount)
        var sumCosts = BigInteger.zero
        var squaresByDays: [Int: Int128] = [:]
        for (index, window) in population.windows.enumerated() {
            guard let window else { continue }
            let amounts = ledger.memberCosts[index]
            let excess = truncation.excess[index] ?? RegimeAmounts()
            let cost = covered.reduce(Int128(0)) { $0 + Int128(amounts[$1].rawValue) - Int128(excess[$1].rawValue) }
            sumCosts = sumCosts + BigInteger(cost)
            let (square, overflow) = cost.multipliedReportingOverflow(by: cost)
            let (sum, overflow2) = (squaresByDays[window.dayCount] ?? 0).addingReportingOverflow(square)
            guard !overflow, !overflow2 else {
                throw SettlementError("\(id): member costs too large to compute their spread")
            }
            squaresByDays[window.dayCount] = sum
        }
        let exposure = Fraction(populationResult.exposureDays)
        let mean = try exactly(id) { () throws(ArithmeticError) in try Fraction(sumCosts * daysInPeriod) / exposure }
        guard !mean.isZero else {
            throw SettlementError(
                "\(id): the members' mean cost is zero, so its spread cannot set a confidence-based rate"
            )
        }
        var weightedSquares = Fraction.zero
        for (days, squares) in squaresByDays {
            weightedSquares =
                weightedSquares
                + (try exactly(id) { () throws(ArithmeticError) in
                    try Fraction(BigInteger(squares), over: BigInteger(days))
                })
        }
        let meanOfSquares = try exactly(id) { () throws(ArithmeticError) in
            try weightedSquares * Fraction(daysInPeriod * daysInPeriod) / exposure
        }
        let variance = (meanOfSquares - mean * mean).atLeast(.zero)
        let ratio = try exactly(id) { () throws(ArithmeticError) in
            try variance / (mean * mean) / Fraction(populationResult.members)
        }
        let scale = BigInteger(WideArithmetic.powersOfTen[16])
        let root = (ratio * Fraction(scale)).rounded(.floor).squareRootRoundedDown()
        let cvOverRootN = try exactly(id) { () throws(ArithmeticError) in
            try Fraction(root, over: BigInteger(WideArithmetic.powersOfTen[8]))
        }
        let percent = cvOverRootN * Fraction(z) * Fraction(100)
        let rate = try rate(percent, id)
        let cv = try self.rate(try exactly(id) { () throws(ArithmeticError) in try variance / (mean * mean) }, id)
        record(
            "\(id).confidence",
            "A minimum rate from the spread of the members' costs at \(level) confidence",
            formula:
                "rate = z × √(CV² ÷ n) × 100 %, CV² = variance ÷ mean² of annualised truncated costs weighted by days",
            inputs: [
                ("z", .decimal(z)), ("members", .integer(populationResult.members)),
                ("exposureDays", .integer(populationResult.exposureDays)),
            ],
            results: [
                ("meanAnnualCost", .cents(try money(mean, id))), ("cvSquared", .decimal(cv)), ("rate", .decimal(rate)),
            ]
        )
        return Percentage(rate)
    }
}
