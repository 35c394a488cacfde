import CapitationCore

extension Audit {
    /// The normal quantiles of the supported confidence levels, as the settlement uses them.
    static let zValues: [String: Fraction] = [
        "80": decimal("1.282"), "90": decimal("1.645"), "95": decimal("1.96"), "97.5": decimal("2.241"),
        "99": decimal("2.576"), "99.5": decimal("2.807"),
    ]

    private static func decimal(_ text: String) -> Fraction {
        (try? ExactDecimal(parsing: text)).map(Fraction.init) ?? .zero
    }

    /// `minimumSavingsRate`, `minimumLossRate`: met when savings > 0 (a loss) and |savings| × 100 ≥ rate ×
    /// budget, exactly.
    mutating func threshold(_ node: Recorded, loss: Bool) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let savings = try inputs["savingsCents"].cents()
        let budget = try inputs["budgetCents"].cents()
        let rate = try result["ratePercent"].decimal()
        expect(inputs["savingsCents"], cents: try document["totals"]["savingsCents"].cents())
        expect(inputs["budgetCents"], cents: try document["totals"]["budgetCents"].cents())
        expect(inputs["populationSize"], integer: try document["population"]["members"].integer())
        let magnitude = loss ? Fraction.zero - savings : savings
        let met = magnitude > .zero && magnitude * Fraction(100) >= rate * budget
        expect(result["met"], flag: met)
        let section = document[loss ? "minimumLossRate" : "minimumSavingsRate"]
        expect(section["percent"], decimal: rate)
        expect(section["met"], flag: met)
        expect(section["mode"], text: try inputs["mode"].text())
        expect(section["populationSize"], integer: try inputs["populationSize"].integer())
        let id = loss ? "minimumLossRate" : "minimumSavingsRate"
        switch try inputs["mode"].text() {
        case "same-as-savings":
            expect(result["ratePercent"], decimal: try document["minimumSavingsRate"]["percent"].decimal())
        case "fixed":
            break
        case "table":
            cannotRecompute(
                id,
                "the rate comes from the contract's table \(inputs["table"].written) by population size"
            )
        case "confidence":
            // The rate is the one its confidence step computed.
            let confidence = step(id + ".confidence")
            if let confidence {
                expect(result["ratePercent"], decimal: try confidence["result"]["rate"].decimal())
            } else {
                differ(
                    field: "steps",
                    recorded: "no step \(id).confidence",
                    expected: "the step that computes the rate"
                )
            }
        default:
            break
        }
    }

    /// `minimumSavingsRate.confidence`: rate = z × SE × 100, six decimals, z of the confidence level.
    mutating func confidenceRate(_ node: Recorded, threshold id: String) throws(Unreadable) {
        let z = try node["inputs"]["z"].decimal()
        let level = step(id)?["inputs"]["confidencePercent"]
        if let level, let text = try? level.text(), let expected = Self.zValues[text] {
            expect(node["inputs"]["z"], decimal: expected)
        }
        let standardError = try node["result"]["standardError"].decimal()
        if document["chance"]["standardError"].isPresent {
            // The same closed form the chance analysis reports.
            expect(node["result"]["standardError"], decimal: try document["chance"]["standardError"].decimal())
        }
        expect(node["result"]["rate"], decimal: rate(z * standardError * Fraction(100)))
        cannotRecompute(id + ".confidence", "the standard error follows from each member's costs and budget share")
    }

    /// `quality.INDICATOR`: the value from the observations, and the points between floor and target.
    mutating func indicator(_ node: Recorded, id: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["quality"]["indicators"].elements(label: { try? $0["id"].text() }).first {
            (try? $0["id"].text()) == id
        }
        var value: Fraction?
        if try result["measured"].flag() {
            if inputs["events"].isPresent {
                let events = try inputs["events"].number()
                let days = try inputs["daysInPeriod"].number()
                expect(inputs["exposureDays"], number: try document["population"]["exposureDays"].number())
                value = rate(
                    try divide(
                        events * Fraction(1000) * days,
                        try inputs["exposureDays"].number(),
                        "inputs.exposureDays"
                    )
                )
            } else {
                value = rate(
                    try divide(
                        try inputs["valueTimesRespondents"].decimal(),
                        try inputs["respondents"].number(),
                        "inputs.respondents"
                    )
                )
            }
        }
        expect(result["value"], optionalDecimal: value)
        let inScore = try result["inScore"].flag()
        if let value, inScore {
            let floor = try inputs["floor"].decimal()
            let span = (try inputs["target"].decimal()) - floor
            let raw = try divide(value - floor, span, "inputs.target")
            expect(result["points"], decimal: rate(raw.atLeast(.zero).atMost(.one)))
        } else if inScore {
            expect(result["points"], decimal: .zero)
        }
        guard let section else {
            differ(field: "quality.indicators", recorded: "no \(id)", expected: "the indicator of step quality.\(id)")
            return
        }
        expect(section["value"], optionalDecimal: value)
        expect(section["measured"], flag: try result["measured"].flag())
        expect(section["inScore"], flag: inScore)
        if inScore { expect(section["points"], decimal: try result["points"].decimal()) }
        for key in ["baseline", "target", "floor", "weight"] {
            expect(section[key], decimal: try inputs[key].decimal())
        }
        if inputs["events"].isPresent {
            expect(section["events"], integer: try inputs["events"].integer())
            expect(section["excludedEvents"], integer: try inputs["excludedEvents"].integer())
        }
        if inputs["respondents"].isPresent {
            expect(section["respondents"], integer: try inputs["respondents"].integer())
        }
    }

    /// `quality`: score = Σ weight × points ÷ Σ weight over the indicators in the score; the gate passes
    /// when the score reaches the minimum and every mandatory indicator is measured and not beyond its floor.
    mutating func qualityScore(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["quality"]
        var weighted = Fraction.zero
        var weights = Fraction.zero
        for (id, weight) in inputs["weight"].members {
            weighted = weighted + (try weight.decimal()) * (try inputs["points"][id].decimal())
            weights = weights + (try weight.decimal())
        }
        let minimum = try inputs["minimumScore"].decimal()
        var passes = !weights.isZero
        // Why the gate fails, in the order the settlement gives them: the score, then each mandatory indicator.
        var failures: [(code: String, figures: [(String, Fraction)], indicator: String?)] = []
        if !weights.isZero {
            let score = rate(try divide(weighted, weights, "inputs.weight"))
            expect(result["score"], decimal: score)
            expect(section["score"], decimal: score)
            passes = score >= minimum
            if !passes { failures.append(("score-below-minimum", [("score", score), ("minimumScore", minimum)], nil)) }
        } else {
            failures.append(("no-score", [], nil))
        }
        // The indicators in the score are those with points, each as its own step gave them.
        for indicator in section["indicators"].elements(label: { try? $0["id"].text() }) {
            let id = try indicator["id"].text()
            let inScore = try indicator["inScore"].flag()
            expect(indicator["inScore"], flag: inputs["points"][id].isPresent)
            if inScore {
                expect(inputs["points"][id], decimal: try indicator["points"].decimal())
                expect(inputs["weight"][id], decimal: try indicator["weight"].decimal())
            }
            guard try indicator["mandatory"].flag() else { continue }
            guard try indicator["measured"].flag(), let value = try indicator["value"].optionalDecimal() else {
                passes = false
                failures.append(("mandatory-unobserved", [], id))
                continue
            }
            let floor = try indicator["floor"].decimal()
            let target = try indicator["target"].decimal()
            // Beyond the floor: on the side away from the target.
            if (target > floor && value < floor) || (target < floor && value > floor) {
                passes = false
                failures.append(("mandatory-beyond-floor", [("value", value), ("floor", floor)], id))
            }
        }
        expect(result["gatePassed"], flag: passes)
        expect(section["gatePassed"], flag: passes)
        expect(section["minimumScore"], decimal: minimum)
        // Earlier formats wrote the failures as sentences; they are said again from the figures checked above.
        guard (try? document["format"].text()) == SettlementVerifier.formats.last else { return }
        let recorded = section["gateFailures"].elements()
        let expected = passes ? [] : failures
        if recorded.count != expected.count {
            differ(
                field: section["gateFailures"].path,
                recorded: "\(recorded.count) failure\(recorded.count == 1 ? "" : "s")",
                expected: "\(expected.count): "
                    + (expected.isEmpty ? "none" : expected.map(\.code).joined(separator: ", "))
            )
            return
        }
        for (node, failure) in zip(recorded, expected) {
            expect(node["code"], text: failure.code)
            if let indicator = failure.indicator { expect(node["indicator"], text: indicator) }
            for (name, value) in failure.figures { expect(node[name], decimal: value) }
        }
    }

    /// `sharing`: the shared savings earned, the shared loss borne, or nothing shared, as the totals and
    /// the minimum rates decide.
    mutating func sharing(_ node: Recorded) throws(Unreadable) {
        let result = node["result"]
        let section = document["sharing"]
        let savings = try document["totals"]["savingsCents"].cents()
        let savingsMet = (try? document["minimumSavingsRate"]["met"].flag()) == true
        let twoSided = (try? document["contract"]["sides"].text()) == "two"
        let lossMet = (try? document["minimumLossRate"]["met"].flag()) == true
        if savings > .zero, savingsMet {
            try earned(node)
        } else if twoSided, savings < .zero, lossMet {
            try sharedLoss(node)
        } else {
            // Nothing is shared: the savings do not meet their minimum rate, nor a loss its own.
            for key in ["earnedCents", "sharedLossCents"] where result[key].isPresent {
                differ(result[key], "nothing: nothing is shared")
            }
            expect(result["payoutCents"], cents: .zero)
            expect(result["lossPaymentCents"], cents: .zero)
            expect(section["payoutCents"], cents: .zero)
            expect(section["lossPaymentCents"], cents: .zero)
        }
    }

    /// Shared savings: final rate = sharing rate × quality factor; earned = round(base × final rate),
    /// capped at round(budget × cap); payout = capped − round(capped × payment reduction).
    private mutating func earned(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["sharing"]
        let savings = try inputs["savingsCents"].cents()
        let budget = try inputs["budgetCents"].cents()
        expect(inputs["savingsCents"], cents: try document["totals"]["savingsCents"].cents())
        expect(inputs["budgetCents"], cents: try document["totals"]["budgetCents"].cents())
        expect(document["minimumSavingsRate"]["met"], flag: true)
        // The quality factor as the contract applies the quality: 1, the score or 0 after a failed gate.
        let factor = try inputs["qualityFactor"].decimal()
        let quality = document["quality"]
        let passed = (try? quality["gatePassed"].flag()) ?? false
        let score = (try? quality["score"].decimal()) ?? .zero
        let application = inputs["quality"]
        switch try application.text() {
        case "none": expect(inputs["qualityFactor"], decimal: .one)
        case "multiply": expect(inputs["qualityFactor"], decimal: passed ? score : .zero)
        case "gate": expect(inputs["qualityFactor"], decimal: passed ? .one : .zero)
        default: differ(application, "\"none\", \"multiply\" or \"gate\"")
        }
        let finalRate = (try inputs["sharingRatePercent"].decimal()) * factor
        expect(result["finalSharingRatePercent"], decimal: finalRate)
        let base: Fraction
        switch try inputs["basis"].text() {
        case "above-minimum":
            base = money(savings - budget * Self.percent(try document["minimumSavingsRate"]["percent"].decimal()))
        default:
            base = savings
        }
        expect(result["sharedBaseCents"], cents: base)
        let earned = money(base * Self.percent(finalRate))
        expect(result["earnedCents"], cents: earned)
        let afterCap = try capped(earned, at: inputs["savingsCapPercent"], of: budget, result, "capCents")
        let reduction = money(afterCap * Self.percent(try inputs["paymentReductionPercent"].optionalDecimal() ?? .zero))
        expect(result["reductionCents"], cents: reduction)
        expect(result["payoutCents"], cents: afterCap - reduction)
        expect(section["sharingRate"], decimal: try inputs["sharingRatePercent"].decimal())
        expect(section["finalSharingRate"], decimal: finalRate)
        expect(section["sharedBaseCents"], cents: base)
        expect(section["earnedCents"], cents: earned)
        expect(section["capped"], flag: afterCap != earned)
        expect(section["earnedAfterCapCents"], cents: afterCap)
        expect(section["paymentReductionCents"], cents: reduction)
        expect(section["payoutCents"], cents: afterCap - reduction)
        expect(section["lossPaymentCents"], cents: .zero)
    }

    /// Shared losses: shared loss = round(loss × loss-sharing rate), capped at round(budget × loss cap).
    private mutating func sharedLoss(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["sharing"]
        let loss = try inputs["lossCents"].cents()
        let budget = try inputs["budgetCents"].cents()
        expect(inputs["lossCents"], cents: Fraction.zero - (try document["totals"]["savingsCents"].cents()))
        expect(inputs["budgetCents"], cents: try document["totals"]["budgetCents"].cents())
        expect(document["minimumLossRate"]["met"], flag: true)
        let rate = try result["lossSharingRatePercent"].decimal()
        let shared = money(loss * Self.percent(rate))
        expect(result["sharedLossCents"], cents: shared)
        let payment = try capped(shared, at: inputs["lossCapPercent"], of: budget, result, "lossCapCents")
        expect(result["lossPaymentCents"], cents: payment)
        expect(section["lossSharingRate"], decimal: rate)
        expect(section["sharedLossCents"], cents: shared)
        expect(section["lossCapped"], flag: payment != shared)
        expect(section["lossPaymentCents"], cents: payment)
        expect(section["payoutCents"], cents: .zero)
        cannotRecompute(
            "sharing",
            "whether the loss-sharing rate is fixed or the complement of the sharing rate is in the contract"
        )
    }

    /// `amount` limited to round(budget × cap) when the step has a cap: checks the cap, whether it applied, and
    /// the same cap in the sharing section under `key`.
    private mutating func capped(
        _ amount: Fraction,
        at cap: Recorded,
        of budget: Fraction,
        _ result: Recorded,
        _ key: String
    ) throws(Unreadable) -> Fraction {
        guard let percent = try cap.optionalDecimal() else { return amount }
        let limit = money(budget * Self.percent(percent))
        expect(result[key], cents: limit)
        expect(result["capped"], flag: amount > limit)
        expect(document["sharing"][key], cents: limit)
        return amount > limit ? limit : amount
    }

    /// `capitation`: the providers keep the result, budget − expenditure, within the corridors.
    mutating func capitationResult(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["sharing"]
        let budget = try inputs["budgetCents"].cents()
        let expenditure = try inputs["expenditureCents"].cents()
        expect(inputs["budgetCents"], cents: try document["totals"]["budgetCents"].cents())
        expect(inputs["expenditureCents"], cents: try document["totals"]["expenditureCents"].cents())
        expect(inputs["savingsCents"], cents: budget - expenditure)
        let providers = try result["providersResultCents"].cents()
        let savings = budget - expenditure
        let bands = result["keptCents"].members
        if bands.isEmpty {
            expect(result["providersResultCents"], cents: savings)
        } else {
            // Within corridors the providers keep a part of the result, of its sign, each band's part rounded
            // on its own and the whole once: they differ by less than a cent a band.
            var kept = Fraction.zero
            for (_, amount) in bands { kept = kept + (try amount.cents()) }
            let magnitude = providers < .zero ? Fraction.zero - providers : providers
            let whole = savings < .zero ? Fraction.zero - savings : savings
            let gap = kept > magnitude ? kept - magnitude : magnitude - kept
            checks += 1
            if (providers > .zero && savings < .zero) || (providers < .zero && savings > .zero) || magnitude > whole
                || gap >= Fraction(bands.count)
            {
                differ(
                    result["providersResultCents"],
                    "a part of the savings of \(Self.amount(savings)), of its sign, near Σ kept \(Self.amount(kept))"
                )
            }
            cannotRecompute("capitation", "the providers' share of each corridor band is in the contract")
        }
        expect(section["payoutCents"], cents: providers > .zero ? providers : .zero)
        expect(section["lossPaymentCents"], cents: providers < .zero ? Fraction.zero - providers : .zero)
    }

    /// `chance`: each probability is its share of the resamples, half-even to four decimals.
    mutating func chance(_ node: Recorded) throws(Unreadable) {
        let section = document["chance"]
        let resamples = try section["resamples"].number()
        var proportions = [section["resultByChance"], section["minimumSavingsRate"]["payoutByChance"]]
        proportions += section["power"].elements().map { $0["probability"] }
        for proportion in proportions where proportion.isPresent {
            let count = try proportion["resamples"].number()
            expect(
                proportion["probability"],
                decimal: resamples.isZero ? .zero : Self.decimals(try divide(count, resamples, "chance.resamples"), 4)
            )
        }
        expect(node["result"]["resultByChance"], decimal: try section["resultByChance"]["probability"].decimal())
        expect(section["observedRate"], optionalDecimal: try document["totals"]["savingsRate"].optionalDecimal())
        cannotRecompute("chance", "the resamples draw members, whom the document does not hold")
    }
}
