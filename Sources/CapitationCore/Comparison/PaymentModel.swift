/// The payment models an evaluator compares on the same inputs, each derived from the contract at hand.
///
/// A model replaces the contract's settlement terms and keeps everything else: population, risk model,
/// budgets, truncation, quality, financing and recipients. Where the contract says nothing about a
/// model's parameters, the model takes the reference mechanics of the payment-method reference: the MSSP
/// Track 1 for one-sided shared savings, Track 2 for two-sided, ACO REACH Professional for corridors.
public enum PaymentModel: String, CaseIterable, Hashable, Sendable {
    /// The contract as it stands.
    case asContracted = "as-contracted"
    /// The financiers pay the claims; nothing is settled.
    case feeForService = "fee-for-service"
    /// The providers receive the budget and bear all of the result.
    case capitation
    /// Capitation within risk corridors: the contract's own, or REACH Professional's.
    case capitationCorridors = "capitation-corridors"
    /// One-sided shared savings: the contract's terms without losses, or MSSP Track 1.
    case sharedSavingsOneSided = "shared-savings-one-sided"
    /// Two-sided shared savings: the contract's terms with losses, or MSSP Track 2.
    case sharedSavingsTwoSided = "shared-savings-two-sided"

    /// ACO REACH Professional: the providers keep 50 % of a result below 5 % of the benchmark, 35 % of the
    /// part from 5 to 10 %, 15 % from 10 to 15 % and 5 % above.
    public static let reachProfessionalCorridors: [CorridorBand] = [
        CorridorBand(from: 0, to: 5, providerShare: 50), CorridorBand(from: 5, to: 10, providerShare: 35),
        CorridorBand(from: 10, to: 15, providerShare: 15), CorridorBand(from: 15, to: nil, providerShare: 5),
    ]

    /// ACO REACH Global: 100 % below 25 %, 50 % from 25 to 35 %, 25 % from 35 to 50 %, 10 % above.
    public static let reachGlobalCorridors: [CorridorBand] = [
        CorridorBand(from: 0, to: 25, providerShare: 100), CorridorBand(from: 25, to: 35, providerShare: 50),
        CorridorBand(from: 35, to: 50, providerShare: 25), CorridorBand(from: 50, to: nil, providerShare: 10),
    ]

    /// MSSP Track 1: MSR from the MSSP table, 50 % × quality (when the contract measures quality),
    /// capped at 10 % of the benchmark.
    public static func track1(measuresQuality: Bool) -> SharedSavingsTerms {
        SharedSavingsTerms(
            sides: .one,
            minimumSavingsRate: .table("mssp"),
            sharingRate: SharingRate(rate: 50, quality: measuresQuality ? .multiply : .none),
            savingsCap: 10
        )
    }

    /// The one-sided form of `terms`: without losses.
    public static func oneSided(_ terms: SharedSavingsTerms) -> SharedSavingsTerms {
        var result = terms
        result.sides = .one
        result.minimumLossRate = nil
        result.lossSharingRate = nil
        result.lossCap = nil
        return result
    }

    /// The two-sided form of `terms`: losses past the mirrored minimum rate shared at 1 − the final
    /// sharing rate, at most 60 %, capped at 5 % of the benchmark (MSSP Track 2, first year), where
    /// `terms` does not say otherwise.
    public static func twoSided(_ terms: SharedSavingsTerms) -> SharedSavingsTerms {
        var result = terms
        result.sides = .two
        result.minimumLossRate = terms.minimumLossRate ?? .sameAsSavings
        result.lossSharingRate = terms.lossSharingRate ?? .complementOfSharingRate(minimum: nil, maximum: 60)
        result.lossCap = terms.lossCap ?? 5
        return result
    }

    /// The settlement terms of this model for `contract`.
    public func terms(for contract: Contract) -> SettlementTerms {
        let measuresQuality = contract.quality.map { !$0.indicators.isEmpty } ?? false
        switch self {
        case .asContracted:
            return contract.settlement
        case .feeForService:
            return .feeForService
        case .capitation:
            return .capitation(CapitationTerms())
        case .capitationCorridors:
            if case .capitation(let terms) = contract.settlement, !terms.corridors.isEmpty {
                return .capitation(terms)
            }
            return .capitation(CapitationTerms(corridors: Self.reachProfessionalCorridors))
        case .sharedSavingsOneSided:
            guard case .sharedSavings(let terms) = contract.settlement else {
                return .sharedSavings(Self.track1(measuresQuality: measuresQuality))
            }
            return .sharedSavings(Self.oneSided(terms))
        case .sharedSavingsTwoSided:
            guard case .sharedSavings(let terms) = contract.settlement else {
                var track2 = Self.track1(measuresQuality: measuresQuality)
                track2.sharingRate.rate = 60
                track2.savingsCap = 15
                return .sharedSavings(Self.twoSided(track2))
            }
            return .sharedSavings(Self.twoSided(terms))
        }
    }

    /// The contract under this model.
    ///
    /// Fee-for-service keeps the contract's lump sums (the care they fund exists under every model) and
    /// drops its agreed transfers, which share savings against a budget that fee-for-service does not have.
    ///
    /// - Returns: `contract` with this model's settlement terms.
    public func applied(to contract: Contract) -> Contract {
        var result = contract
        result.settlement = terms(for: contract)
        if self == .feeForService { result.distribution?.transfers = [] }
        return result
    }
}

extension SettlementTerms {
    /// The terms in a few words, for the heading of a comparison:
    /// `shared savings, one-sided, MSR table mssp, 50 % × quality, cap 10 %`.
    public var summary: String {
        switch self {
        case .feeForService:
            return "the financiers pay the claims"
        case .capitation(let terms):
            guard !terms.corridors.isEmpty else { return "the providers keep the whole result" }
            let bands = terms.corridors.map { band in
                "\(band.from.value)–\(band.to.map { "\($0.value)" } ?? "") %: \(band.providerShare.value) %"
            }
            return "corridors " + bands.joined(separator: ", ")
        case .sharedSavings(let terms):
            var parts = [terms.sides == .one ? "one-sided" : "two-sided"]
            parts.append("MSR " + terms.minimumSavingsRate.summary)
            let quality: String
            switch terms.sharingRate.quality {
            case .multiply: quality = " × quality"
            case .gate: quality = " if the quality gate passes"
            case .none: quality = ""
            }
            parts.append("\(terms.sharingRate.rate)\(quality)")
            if terms.sharingRate.basis == .aboveMinimum { parts.append("above the MSR") }
            if let cap = terms.savingsCap { parts.append("cap \(cap)") }
            if let reduction = terms.paymentReduction, reduction > .zero { parts.append("reduction \(reduction)") }
            if terms.sides == .two {
                switch terms.lossSharingRate {
                case .fixed(let rate)?: parts.append("losses \(rate)")
                case .complementOfSharingRate(_, let maximum)?:
                    parts.append("losses 1 − rate" + (maximum.map { " ≤ \($0)" } ?? ""))
                case nil: break
                }
                if let cap = terms.lossCap { parts.append("loss cap \(cap)") }
            }
            return parts.joined(separator: ", ")
        }
    }
}

extension MinimumRateRule {
    /// `2 %`, `table mssp`, `95 % confidence`.
    public var summary: String {
        switch self {
        case .fixed(let rate): "\(rate)"
        case .table(let table): "table \(table)"
        case .confidence(let level): "\(level) confidence"
        }
    }
}
