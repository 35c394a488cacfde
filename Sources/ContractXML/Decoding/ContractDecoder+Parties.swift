import CapitationCore
import SafeXML

extension ContractDecoder {
    mutating func decodeParties(_ element: XMLElement) -> [Party] {
        element.children(named: "party").enumerated().compactMap { index, party in
            sourceMap[.party(index)] = party
            guard let id = required(party, "id"), let name = required(party, "name"),
                let role = value(of: "role", in: party, as: PartyRole.self)
            else { return nil }
            return Party(
                id: PartyID(id),
                role: role,
                regime: value(of: "regime", in: party, as: Regime.self),
                name: name,
                uzovi: text("uzovi", in: party),
                municipalityCode: text("municipalityCode", in: party),
                agb: text("agb", in: party)
            )
        }
    }

    mutating func decodePopulation(_ element: XMLElement) -> PopulationCriteria? {
        sourceMap[.population] = element
        guard let referenceDate = date("referenceDate", in: element) else { return nil }
        var criteria = PopulationCriteria(
            referenceDate: referenceDate,
            minimumAge: element.child(named: "minimumAge").flatMap { integer("years", in: $0) },
            maximumAge: element.child(named: "maximumAge").flatMap { integer("years", in: $0) },
            insurers: element.children(named: "insurer").compactMap { text("uzovi", in: $0) }
        )
        for entry in element.child(named: "area")?.children ?? [] {
            switch entry.name {
            case "postcodes":
                guard let from = integer("from", in: entry), let to = integer("to", in: entry) else { continue }
                sourceMap[.postcodeRange(criteria.postcodeRanges.count)] = entry
                criteria.postcodeRanges.append(PostcodeRange(from: from, to: to))
            case "postcode":
                guard let code = integer("code", in: entry) else { continue }
                sourceMap[.postcodeRange(criteria.postcodeRanges.count)] = entry
                criteria.postcodeRanges.append(PostcodeRange(from: code, to: code))
            case "municipality":
                if let code = text("code", in: entry) { criteria.municipalities.append(code) }
            default:
                break
            }
        }
        return criteria
    }

    mutating func decodeLumpSum(_ element: XMLElement, at index: Int) -> LumpSum? {
        sourceMap[.lumpSum(index)] = element
        guard let payer = required(element, "payer"), let payee = required(element, "payee"),
            let amount = cents("amount", in: element), let label = required(element, "label")
        else { return nil }
        return LumpSum(payer: PartyID(payer), payee: PartyID(payee), amount: amount, label: label)
    }

    mutating func decodeTruncation(_ element: XMLElement) -> Truncation? {
        sourceMap[.truncation] = element
        switch exactlyOne(of: ["perMemberAnnual", "percentile"], in: element) {
        case "perMemberAnnual": return cents("perMemberAnnual", in: element).map(Truncation.perMemberAnnual)
        case "percentile": return percentage("percentile", in: element).map(Truncation.percentile)
        default: return nil
        }
    }

    mutating func decodeQuality(_ element: XMLElement) -> QualityTerms? {
        sourceMap[.quality] = element
        let indicators = element.children(named: "indicator").enumerated().compactMap { index, indicator in
            decodeIndicator(indicator, at: index)
        }
        return QualityTerms(
            minimumScore: decimal("minimumScore", in: element) ?? .zero,
            indicators: indicators,
            whenUnobserved: value(of: "whenUnobserved", in: element, as: UnobservedIndicatorRule.self)
        )
    }

    private mutating func decodeIndicator(_ element: XMLElement, at index: Int) -> OutcomeIndicator? {
        sourceMap[.indicator(index)] = element
        guard let id = required(element, "id"),
            let better = value(of: "better", in: element, as: OutcomeIndicator.Direction.self),
            let unit = value(of: "unit", in: element, as: IndicatorUnit.self),
            let baseline = requiredDecimal("baseline", in: element),
            let target = requiredDecimal("target", in: element),
            let floor = requiredDecimal("floor", in: element),
            let weight = requiredDecimal("weight", in: element)
        else { return nil }
        return OutcomeIndicator(
            id: IndicatorID(id),
            label: text("label", in: element),
            better: better,
            unit: unit,
            baseline: baseline,
            target: target,
            floor: floor,
            weight: weight,
            isMandatory: boolean("mandatory", in: element) ?? false,
            whenUnobserved: value(of: "whenUnobserved", in: element, as: UnobservedIndicatorRule.self)
        )
    }
}
