import CapitationCore
import SafeXML

extension ContractDecoder {
    /// The settlement's parameter elements, and which models take them.
    private static let parameters: [(name: String, element: ContractElement, models: Set<String>)] = [
        ("minimumSavingsRate", .minimumSavingsRate, ["shared-savings"]),
        ("minimumLossRate", .minimumLossRate, ["shared-savings"]),
        ("sharingRate", .sharingRate, ["shared-savings"]),
        ("savingsCap", .savingsCap, ["shared-savings"]),
        ("lossSharingRate", .lossSharingRate, ["shared-savings"]),
        ("lossCap", .lossCap, ["shared-savings"]),
        ("paymentReduction", .paymentReduction, ["shared-savings"]),
        ("riskCorridors", .settlement, ["capitation"]),
    ]

    mutating func decodeSettlement(_ element: XMLElement) -> SettlementTerms? {
        sourceMap[.settlement] = element
        guard let model = required(element, "model") else { return nil }
        for parameter in Self.parameters {
            guard let child = element.child(named: parameter.name) else { continue }
            if parameter.element != .settlement { sourceMap[parameter.element] = child }
            if !parameter.models.contains(model) {
                error(
                    child,
                    nil,
                    "a \(model) settlement takes no <\(parameter.name)>; it belongs to \(parameter.models.sorted().joined(separator: ", ")) contracts"
                )
            }
        }
        if model != "shared-savings", element.attribute("sides") != nil {
            error(element, "sides", "only shared-savings contracts are one- or two-sided")
        }
        switch model {
        case "fee-for-service":
            return .feeForService
        case "capitation":
            let bands = element.child(named: "riskCorridors")?.children(named: "band") ?? []
            return .capitation(
                CapitationTerms(corridors: bands.enumerated().compactMap { decodeCorridorBand($1, at: $0) })
            )
        case "shared-savings":
            return decodeSharedSavings(element).map(SettlementTerms.sharedSavings)
        default:
            error(element, "model", "'\(model)' is not a payment model")
            return nil
        }
    }

    private mutating func decodeSharedSavings(_ element: XMLElement) -> SharedSavingsTerms? {
        guard let sides = value(of: "sides", in: element, as: SharedSavingsTerms.Sides.self) else {
            if element.attribute("sides") == nil {
                error(element, nil, "a shared-savings settlement needs sides=\"one\" or sides=\"two\"")
            }
            return nil
        }
        guard let msrElement = element.child(named: "minimumSavingsRate") else {
            error(element, nil, "a shared-savings settlement needs a <minimumSavingsRate>")
            return nil
        }
        guard let sharingElement = element.child(named: "sharingRate") else {
            error(element, nil, "a shared-savings settlement needs a <sharingRate>")
            return nil
        }
        guard let msr = decodeMinimumRate(msrElement, alternatives: ["percent", "table", "confidence"]),
            let rate = requiredPercentage("percent", in: sharingElement)
        else { return nil }
        var terms = SharedSavingsTerms(
            sides: sides,
            minimumSavingsRate: msr,
            sharingRate: SharingRate(
                rate: rate,
                quality: value(of: "quality", in: sharingElement, as: QualityApplication.self) ?? .none,
                basis: value(of: "basis", in: sharingElement, as: SharingBasis.self) ?? .firstEuro
            )
        )
        if let mlr = element.child(named: "minimumLossRate") {
            if boolean("sameAsSavings", in: mlr) == true {
                if exactlyOne(of: ["sameAsSavings", "percent", "table", "confidence"], in: mlr) != nil {
                    terms.minimumLossRate = .sameAsSavings
                }
            } else if mlr.attribute("sameAsSavings") != nil {
                error(
                    mlr,
                    "sameAsSavings",
                    "sameAsSavings=\"false\" says nothing; give percent, table or confidence instead"
                )
            } else {
                terms.minimumLossRate = decodeMinimumRate(mlr, alternatives: ["percent", "table", "confidence"]).map(
                    MinimumLossRateRule.rule
                )
            }
        }
        terms.savingsCap = element.child(named: "savingsCap").flatMap { requiredPercentage("percentOfBudget", in: $0) }
        terms.lossCap = element.child(named: "lossCap").flatMap { requiredPercentage("percentOfBudget", in: $0) }
        terms.paymentReduction = element.child(named: "paymentReduction").flatMap {
            requiredPercentage("percent", in: $0)
        }
        terms.lossSharingRate = element.child(named: "lossSharingRate").flatMap { decodeLossSharingRate($0) }
        return terms
    }

    private mutating func decodeMinimumRate(_ element: XMLElement, alternatives: [String]) -> MinimumRateRule? {
        switch exactlyOne(of: alternatives, in: element) {
        case "percent": return percentage("percent", in: element).map(MinimumRateRule.fixed)
        case "table": return text("table", in: element).map { .table(MSRTableID($0)) }
        case "confidence": return percentage("confidence", in: element).map(MinimumRateRule.confidence)
        default: return nil
        }
    }

    private mutating func decodeLossSharingRate(_ element: XMLElement) -> LossSharingRate? {
        let bounds = ["minimumPercent", "maximumPercent"].filter { element.attribute($0) != nil }
        if boolean("complementOfSharingRate", in: element) == true {
            if element.attribute("percent") != nil {
                error(element, "percent", "takes either percent or complementOfSharingRate=\"true\", not both")
                return nil
            }
            return .complementOfSharingRate(
                minimum: percentage("minimumPercent", in: element),
                maximum: percentage("maximumPercent", in: element)
            )
        }
        if let bound = bounds.first {
            error(
                element,
                bound,
                "\(bound) bounds a rate that is the complement of the sharing rate; add complementOfSharingRate=\"true\" or remove it"
            )
            return nil
        }
        guard element.attribute("percent") != nil else {
            error(element, nil, "needs percent, or complementOfSharingRate=\"true\"")
            return nil
        }
        return percentage("percent", in: element).map(LossSharingRate.fixed)
    }

    private mutating func decodeCorridorBand(_ element: XMLElement, at index: Int) -> CorridorBand? {
        sourceMap[.corridorBand(index)] = element
        guard let from = requiredPercentage("fromPercent", in: element),
            let share = requiredPercentage("providerSharePercent", in: element)
        else { return nil }
        return CorridorBand(from: from, to: percentage("toPercent", in: element), providerShare: share)
    }
}
