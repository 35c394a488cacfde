extension ContractValidator {
    /// The confidence levels for which the contract format knows the normal quantile.
    static let supportedConfidenceLevels: [Percentage] = ["80", "90", "95", "97.5", "99", "99.5"].map {
        Percentage(literal: $0)
    }

    mutating func checkSettlement() {
        switch contract.settlement {
        case .feeForService:
            break
        case .capitation(let terms):
            checkCorridors(terms.corridors)
            requireDistribution(for: "capitation")
        case .sharedSavings(let terms):
            checkSharedSavings(terms)
            requireDistribution(for: "shared-savings")
        }
    }

    private mutating func requireDistribution(for model: String) {
        if contract.distribution == nil {
            error(.settlement, nil, "a \(model) contract needs a <distribution> that says who receives the result")
        }
    }

    private mutating func checkSharedSavings(_ terms: SharedSavingsTerms) {
        checkMinimumRate(terms.minimumSavingsRate, .minimumSavingsRate, "minimum savings rate")
        checkPercentRange(terms.sharingRate.rate, .sharingRate, "percent", "a sharing rate")
        checkPercentRange(terms.savingsCap, .savingsCap, "percentOfBudget", "a savings cap")
        checkPercentRange(terms.paymentReduction, .paymentReduction, "percent", "a payment reduction")
        if terms.sharingRate.quality != .none, contract.quality?.indicators.isEmpty ?? true {
            error(
                .sharingRate,
                "quality",
                "quality \"\(terms.sharingRate.quality.rawValue)\" applies the quality score, but the contract has no <indicators>"
            )
        }
        switch terms.sides {
        case .one:
            let twoSidedOnly: [(Bool, ContractElement, String)] = [
                (terms.minimumLossRate != nil, .minimumLossRate, "minimumLossRate"),
                (terms.lossSharingRate != nil, .lossSharingRate, "lossSharingRate"),
                (terms.lossCap != nil, .lossCap, "lossCap"),
            ]
            for (present, element, name) in twoSidedOnly where present {
                error(
                    element,
                    nil,
                    "<\(name)> applies to two-sided contracts only; this one is one-sided (sides=\"one\")"
                )
            }
        case .two:
            if case .rule(let rule) = terms.minimumLossRate {
                checkMinimumRate(rule, .minimumLossRate, "minimum loss rate")
            } else if terms.minimumLossRate == nil {
                error(
                    .settlement,
                    nil,
                    "a two-sided contract needs a <minimumLossRate> (use sameAsSavings=\"true\" for a symmetric one)"
                )
            }
            switch terms.lossSharingRate {
            case nil:
                error(.settlement, nil, "a two-sided contract needs a <lossSharingRate>")
            case .fixed(let rate):
                checkPercentRange(rate, .lossSharingRate, "percent", "a loss-sharing rate")
            case .complementOfSharingRate(let minimum, let maximum):
                checkPercentRange(minimum, .lossSharingRate, "minimumPercent", "a loss-sharing rate bound")
                checkPercentRange(maximum, .lossSharingRate, "maximumPercent", "a loss-sharing rate bound")
                if let minimum, let maximum, minimum > maximum {
                    error(
                        .lossSharingRate,
                        "minimumPercent",
                        "the lower bound \(minimum) is above the upper bound \(maximum)"
                    )
                }
            }
            if terms.lossCap == nil {
                warning(
                    .settlement,
                    nil,
                    .uncappedLosses
                )
            }
            checkPercentRange(terms.lossCap, .lossCap, "percentOfBudget", "a loss cap")
        }
    }

    private mutating func checkMinimumRate(_ rule: MinimumRateRule, _ element: ContractElement, _ what: String) {
        switch rule {
        case .fixed(let percent):
            checkPercentRange(percent, element, "percent", "a \(what)")
        case .table(let table):
            if contract.msrTable(table) == nil {
                let known = (MSRTable.builtIn + contract.msrTables).map { "'\($0.id)'" }.joined(separator: ", ")
                error(
                    element,
                    "table",
                    "refers to table '\(table)', which is neither built in nor defined in the contract (known: \(known))"
                )
            }
        case .confidence(let level):
            if !Self.supportedConfidenceLevels.contains(level) {
                let levels = Self.supportedConfidenceLevels.map(\.value.description).joined(separator: ", ")
                error(element, "confidence", "a confidence level of \(level) is not supported; use one of \(levels)")
            }
        }
    }

    private mutating func checkCorridors(_ bands: [CorridorBand]) {
        var expectedFrom = Percentage.zero
        for (index, band) in bands.enumerated() {
            if band.from != expectedFrom {
                error(
                    .corridorBand(index),
                    "fromPercent",
                    "the band should start at \(expectedFrom), where the band before it ends: corridors start at 0 % and leave no gaps"
                )
            }
            checkPercentRange(band.providerShare, .corridorBand(index), "providerSharePercent", "a provider share")
            if let to = band.to {
                if to <= band.from {
                    error(
                        .corridorBand(index),
                        "toPercent",
                        "the band \(band.from.value)–\(to.value) % is empty: it must end above where it starts"
                    )
                }
                expectedFrom = to
            } else if index != bands.count - 1 {
                error(.corridorBand(index), "toPercent", "only the last corridor band may be open-ended")
            }
        }
        if let last = bands.last, last.to != nil {
            error(
                .corridorBand(bands.count - 1),
                "toPercent",
                "the last corridor band must be open-ended, so that every result falls in a band"
            )
        }
    }
}
