/// What a contract warning is about, with its figures: terms that are valid but probably not what the
/// parties meant.
///
/// A settlement records its contract's warnings as these, so that each report can say them in its own
/// language; ``message`` says them in English, as `capitation validate` prints them.
public enum ContractWarning: Hashable, Sendable {
    /// A loss-financing rule other than the default, where the providers never bear a loss.
    case lossFinancingWithoutEffect(rule: String)
    /// A regime's financier without a fixed financing share, so that it finances nothing of `of`.
    case financierWithoutShare(financier: PartyID, regime: Regime, of: FinancedPart)
    /// A financier among the recipients of the payout it finances.
    case financierAsRecipient(party: PartyID)
    /// A party that finances, pays and receives nothing.
    case partyTakesNoPart(party: PartyID)
    /// A per-capita amount outside the range a year of the regime's care costs per person.
    case implausiblePerCapita(regime: Regime, annual: Cents, expected: ClosedRange<Cents>)
    /// A percentage between 0 and 1, probably written as a fraction.
    case percentBelowOne(term: PercentTerm, percent: Percentage, attribute: String)
    /// A savings cap below the minimum savings rate.
    case savingsCapBelowMinimum(cap: Percentage, minimum: Percentage)
    /// An actual trend for a year that is not a performance year.
    case actualTrendOutsideTerm(year: Int, performanceYears: ClosedRange<Int>)
    /// An actual trend without the forecast it replaces, where the budget applies no trend of its own.
    case actualTrendWithoutForecast(year: Int, regime: Regime, rebased: Bool)
    /// A care profile (ZZP) in the scope of a regime other than the Wlz.
    case careProfileOutsideWlz(regime: Regime)
    /// A scope entry listed twice.
    case scopeEntryTwice(entry: ScopeEntry, regime: Regime)
    /// A baseline demographic mean score on a growth cap without a limit beyond the demographic part.
    case unusedBaselineDemographicMean
    /// A risk model no regime uses.
    case unusedRiskModel(model: RiskModelID)
    /// Two-sided shared savings without a loss cap.
    case uncappedLosses

    /// What a financier without a financing share finances nothing of.
    public enum FinancedPart: String, CaseIterable, Hashable, Sendable {
        /// The payout.
        case payout
        /// A shared loss.
        case loss
        /// The payout, and a shared loss.
        case payoutAndLoss = "payout-and-loss"

        /// What the financier does not do, in English: `pays nothing toward the payout`.
        var consequence: String {
            switch self {
            case .payout: "pays nothing toward the payout"
            case .loss: "receives nothing of a shared loss"
            case .payoutAndLoss: "pays nothing toward the payout and receives nothing of a shared loss"
            }
        }
    }

    /// A contract term given in percent.
    public enum PercentTerm: String, CaseIterable, Hashable, Sendable {
        case sharingRate = "sharing-rate"
        case savingsCap = "savings-cap"
        case lossCap = "loss-cap"
        case lossSharingRate = "loss-sharing-rate"
        case lossSharingRateBound = "loss-sharing-rate-bound"

        /// The term in English words: `savings cap`.
        public var words: String {
            switch self {
            case .sharingRate: "sharing rate"
            case .savingsCap: "savings cap"
            case .lossCap: "loss cap"
            case .lossSharingRate: "loss-sharing rate"
            case .lossSharingRateBound: "loss-sharing rate bound"
            }
        }
    }

    /// An entry of a regime's scope.
    public enum ScopeEntry: Hashable, Sendable {
        case category(CategoryCode)
        case product(ProductCode, category: CategoryCode?)
        case careProfile(CareProfileCode)

        /// The entry in English words: `product 02A01 in 02`.
        public var words: String {
            switch self {
            case .category(let code): "category \(code)"
            case .product(let code, let category): "product \(code)\(category.map { " in \($0)" } ?? "")"
            case .careProfile(let code): "care profile \(code)"
            }
        }
    }

    /// The warning's code, as a settlement records it: `uncapped-losses`.
    public var code: String {
        switch self {
        case .lossFinancingWithoutEffect: "loss-financing-without-effect"
        case .financierWithoutShare: "financier-without-share"
        case .financierAsRecipient: "financier-as-recipient"
        case .partyTakesNoPart: "party-takes-no-part"
        case .implausiblePerCapita: "implausible-per-capita"
        case .percentBelowOne: "percent-below-one"
        case .savingsCapBelowMinimum: "savings-cap-below-minimum"
        case .actualTrendOutsideTerm: "actual-trend-outside-term"
        case .actualTrendWithoutForecast: "actual-trend-without-forecast"
        case .careProfileOutsideWlz: "care-profile-outside-wlz"
        case .scopeEntryTwice: "scope-entry-twice"
        case .unusedBaselineDemographicMean: "unused-baseline-demographic-mean"
        case .unusedRiskModel: "unused-risk-model"
        case .uncappedLosses: "uncapped-losses"
        }
    }

    /// What is probably wrong, in English, in a sentence the contract's author can act on.
    public var message: String {
        switch self {
        case .lossFinancingWithoutEffect(let rule):
            "lossFinancing=\"\(rule)\" has no effect: under this contract the providers never bear a loss"
        case .financierWithoutShare(let financier, let regime, let part):
            "financier '\(financier)' of the \(regime) has no financing share and \(part.consequence)"
        case .financierAsRecipient(let party):
            "party '\(party)' is a financier and would receive part of the payout it finances"
        case .partyTakesNoPart(let party):
            "party '\(party)' takes no part: it finances, pays and receives nothing"
        case .implausiblePerCapita(let regime, let annual, let expected):
            "a per-capita amount of \(annual.formattedEuros) a year for \(regime.rawValue) is "
                + (annual < expected.lowerBound ? "far below" : "far above")
                + " what a year of the regime's care costs per person (this check expects "
                + "\(expected.lowerBound.formattedEuros) to \(expected.upperBound.formattedEuros)): "
                + "is it a monthly amount, or in thousands or cents? annual is in euros a year"
        case .percentBelowOne(let term, let percent, let attribute):
            "a \(term.words) of \(percent) is less than one percent; the attribute is in percent, not a fraction, "
                + "so if \(Self.hundredfold(percent)) % was meant, write \(attribute)=\"\(Self.hundredfold(percent))\""
        case .savingsCapBelowMinimum(let cap, let minimum):
            "the savings cap of \(cap) of the budget is below the minimum savings rate of \(minimum); contracts "
                + "set the cap well above the minimum (the MSSP: a cap of 10 % against a minimum of 2 to 3.9 %), "
                + "so is one of the two in the wrong unit?"
        case .actualTrendOutsideTerm(let year, let years):
            "\(year) is not a performance year of the contract ("
                + (years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)")
                + "), so this actual trend applies to no settlement"
        case .actualTrendWithoutForecast(let year, let regime, let rebased):
            "the actual trend of \(year) is compared with the trends the budget applies, but "
                + (rebased
                    ? "a rebased per-capita amount carries its trend from the baseline years"
                    : "the \(regime) applies none")
                + ": give forecastPercent, the trend the per-capita amount carries"
        case .careProfileOutsideWlz(let regime):
            "care profiles (ZZP) are Wlz codes; no \(regime) claim line carries one, so this entry matches nothing"
        case .scopeEntryTwice(let entry, let regime):
            "\(entry.words) is listed twice in the \(regime) scope"
        case .unusedBaselineDemographicMean:
            "the baseline demographic mean counts only for a cap beyond the demographic part "
                + "(demographicPlus), which this growth cap does not have"
        case .unusedRiskModel(let model):
            "risk model '\(model)' is not used by any regime"
        case .uncappedLosses:
            "shared losses are not capped: add a <lossCap> unless an unlimited liability is meant"
        }
    }

    /// A hundred times `percent`, as the attribute would be written: `50` for `0.5`.
    package static func hundredfold(_ percent: Percentage) -> String {
        (try? percent.value * ExactDecimal(100)).map { "\($0)" } ?? "100 times as much"
    }
}
