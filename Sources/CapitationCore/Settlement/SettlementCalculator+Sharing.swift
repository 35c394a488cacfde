extension SettlementCalculator {
    /// Step 9: what the payment model gives the providers or takes from them.
    mutating func sharingStage(
        totals: Totals,
        thresholds: Thresholds,
        quality: QualityResult?
    ) throws(SettlementError) -> SharingResult {
        var result = SharingResult(
            model: contract.settlement.modelName,
            sharingRate: nil,
            finalSharingRate: nil,
            sharedBase: nil,
            earned: .zero,
            cap: nil,
            capped: false,
            earnedAfterCap: .zero,
            paymentReduction: .zero,
            payout: .zero,
            lossSharingRate: nil,
            sharedLoss: .zero,
            lossCap: nil,
            lossCapped: false,
            lossPayment: .zero,
            outcome: .feeForService,
            quality: nil
        )
        switch contract.settlement {
        case .feeForService:
            result.outcome = .feeForService
        case .capitation(let terms):
            try capitation(terms, totals: totals, into: &result)
        case .sharedSavings(let terms):
            try sharedSavings(terms, totals: totals, thresholds: thresholds, quality: quality, into: &result)
        }
        return result
    }

    private mutating func sharedSavings(
        _ terms: SharedSavingsTerms,
        totals: Totals,
        thresholds: Thresholds,
        quality: QualityResult?,
        into result: inout SharingResult
    ) throws(SettlementError) {
        let step = "sharing"
        let factor: ExactDecimal
        switch terms.sharingRate.quality {
        case .none:
            factor = .one
        case .multiply:
            factor = (quality?.gatePassed ?? false) ? (quality?.score ?? .zero) : .zero
        case .gate:
            factor = (quality?.gatePassed ?? false) ? .one : .zero
        }
        result.quality = terms.sharingRate.quality
        let finalRate = try exactly(step) { () throws(ArithmeticError) in
            Percentage(try terms.sharingRate.rate.value * factor)
        }
        result.sharingRate = terms.sharingRate.rate
        result.finalSharingRate = finalRate
        let msr = thresholds.savings
        if totals.savings > .zero, msr?.met == true, let msr {
            let base: Cents
            switch terms.sharingRate.basis {
            case .firstEuro:
                base = totals.savings
            case .aboveMinimum:
                base = try money(
                    Fraction(cents: totals.savings) - Fraction(cents: totals.budget) * Fraction(msr.rate.fraction),
                    step
                )
            }
            result.sharedBase = base
            result.earned = try money(Fraction(cents: base) * Fraction(finalRate.fraction), step)
            result.earnedAfterCap = result.earned
            if let cap = terms.savingsCap {
                let limit = try money(Fraction(cents: totals.budget) * Fraction(cap.fraction), step)
                result.cap = limit
                if result.earned > limit {
                    result.earnedAfterCap = limit
                    result.capped = true
                }
            }
            if let reduction = terms.paymentReduction {
                result.paymentReduction = try money(
                    Fraction(cents: result.earnedAfterCap) * Fraction(reduction.fraction),
                    step
                )
            }
            result.payout = try exactly(step) { () throws(ArithmeticError) in
                try result.earnedAfterCap - result.paymentReduction
            }
            result.outcome = .savingsShared
            record(
                step,
                "Shared savings earned by the providers",
                formula:
                    "final sharing rate = sharing rate × quality factor; earned = round(shared base × final rate); "
                    + "capped at round(budget × cap); payout = capped − round(capped × payment reduction)",
                inputs: [
                    ("savings", .cents(totals.savings)), ("budget", .cents(totals.budget)),
                    ("sharingRate", .percent(terms.sharingRate.rate)),
                    ("quality", .text(terms.sharingRate.quality.rawValue)), ("qualityFactor", .decimal(factor)),
                    ("basis", .text(terms.sharingRate.basis.rawValue)),
                ] + (terms.savingsCap.map { [("savingsCap", StepValue.percent($0))] } ?? [])
                    + (terms.paymentReduction.map { [("paymentReduction", StepValue.percent($0))] } ?? []),
                results: [
                    ("finalSharingRate", .percent(finalRate)), ("sharedBase", .cents(base)),
                    ("earned", .cents(result.earned)),
                ] + (result.cap.map { [("cap", StepValue.cents($0)), ("capped", .flag(result.capped))] } ?? [])
                    + [("reduction", .cents(result.paymentReduction)), ("payout", .cents(result.payout))]
            )
            return
        }
        if terms.sides == .two, totals.savings < .zero, let mlr = thresholds.loss, mlr.met {
            let lossRate: Percentage
            switch terms.lossSharingRate {
            case .fixed(let rate)?:
                lossRate = rate
            case .complementOfSharingRate(let minimum, let maximum)?:
                var rate = try exactly(step) { () throws(ArithmeticError) in
                    Percentage(try ExactDecimal(100) - finalRate.value)
                }
                if let minimum, rate < minimum { rate = minimum }
                if let maximum, rate > maximum { rate = maximum }
                lossRate = rate
            case nil:
                throw SettlementError(.contractTerms, "a two-sided contract needs a loss-sharing rate")
            }
            let loss = try exactly(step) { () throws(ArithmeticError) in try totals.savings.negated() }
            result.lossSharingRate = lossRate
            result.sharedLoss = try money(Fraction(cents: loss) * Fraction(lossRate.fraction), step)
            result.lossPayment = result.sharedLoss
            if let cap = terms.lossCap {
                let limit = try money(Fraction(cents: totals.budget) * Fraction(cap.fraction), step)
                result.lossCap = limit
                if result.sharedLoss > limit {
                    result.lossPayment = limit
                    result.lossCapped = true
                }
            }
            result.outcome = .lossShared
            record(
                step,
                "Shared losses borne by the providers",
                formula: "shared loss = round(loss × loss-sharing rate), capped at round(budget × loss cap)",
                inputs: [
                    ("loss", .cents(loss)), ("budget", .cents(totals.budget)),
                    ("finalSharingRate", .percent(finalRate)),
                ]
                    + (terms.lossCap.map { [("lossCap", StepValue.percent($0))] } ?? []),
                results: [("lossSharingRate", .percent(lossRate)), ("sharedLoss", .cents(result.sharedLoss))]
                    + (result.lossCap.map { [("lossCap", StepValue.cents($0)), ("capped", .flag(result.lossCapped))] }
                        ?? [])
                    + [("lossPayment", .cents(result.lossPayment))]
            )
            return
        }
        if totals.savings > .zero {
            result.outcome = .savingsBelowMinimum
        } else if totals.savings < .zero {
            result.outcome = terms.sides == .one ? .lossNotShared : .lossBelowMinimum
        } else {
            result.outcome = .breakEven
        }
        record(
            step,
            "Nothing is shared",
            formula: "savings are shared only when they meet the minimum savings rate (losses, the minimum loss rate)",
            inputs: [("savings", .cents(totals.savings)), ("budget", .cents(totals.budget))],
            results: [("payout", .cents(.zero)), ("lossPayment", .cents(.zero))]
        )
    }

    /// Capitation: the providers keep the result (budget − expenditure), within the corridors.
    ///
    /// With bands in percent of the budget, the providers' part is Σ band share × the part of |savings|
    /// that falls in the band, with the sign of the savings; rounded once.
    private mutating func capitation(
        _ terms: CapitationTerms,
        totals: Totals,
        into result: inout SharingResult
    ) throws(SettlementError) {
        let step = "capitation"
        let savings = Fraction(cents: totals.savings)
        let magnitude = savings.isNegative ? Fraction.zero - savings : savings
        var kept = Fraction.zero
        var bandResults: [(name: String, value: StepValue)] = []
        if terms.corridors.isEmpty {
            kept = magnitude
        } else {
            for band in terms.corridors {
                let lower = Fraction(cents: totals.budget) * Fraction(band.from.fraction)
                let upper = band.to.map { Fraction(cents: totals.budget) * Fraction($0.fraction) }
                let top = upper.map { magnitude.atMost($0) } ?? magnitude
                let inBand = (top - lower).atLeast(.zero)
                kept = kept + inBand * Fraction(band.providerShare.fraction)
                bandResults.append(
                    (
                        "kept.\(band.from.value)-\(band.to.map(\.value.description) ?? "")%",
                        .cents(try money(inBand * Fraction(band.providerShare.fraction), step))
                    )
                )
            }
        }
        let providers = try money(savings.isNegative ? Fraction.zero - kept : kept, step)
        if providers > .zero {
            result.payout = providers
            result.earned = providers
            result.earnedAfterCap = providers
        } else if providers < .zero {
            result.lossPayment = try exactly(step) { () throws(ArithmeticError) in try providers.negated() }
            result.sharedLoss = result.lossPayment
        }
        result.outcome = .capitationResult
        record(
            step,
            "The providers' result under capitation",
            formula: terms.corridors.isEmpty
                ? "providers' result = budget − expenditure"
                : "providers' result = sign(savings) × Σ band share × (part of |savings| in the band), bands in % of the budget",
            inputs: [
                ("budget", .cents(totals.budget)), ("expenditure", .cents(totals.expenditure)),
                ("savings", .cents(totals.savings)),
            ],
            results: bandResults + [("providersResult", .cents(providers))]
        )
    }
}
