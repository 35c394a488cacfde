import CapitationCore
import SafeXML

extension ContractDecoder {
    mutating func decodeRiskModel(_ element: XMLElement, at index: Int) -> RiskModel {
        sourceMap[.riskModel(index)] = element
        var model = RiskModel(id: RiskModelID(text("id", in: element) ?? ""), cells: [])
        for (cellIndex, cell) in element.children(named: "cell").enumerated() {
            sourceMap[.riskCell(model: index, cell: cellIndex)] = cell
            guard let minimum = integer("minAge", in: cell), let weight = requiredDecimal("weight", in: cell) else {
                continue
            }
            model.cells.append(
                AgeSexCell(
                    sex: value(of: "sex", in: cell, as: Sex.self),
                    ages: AgeRange(minimum: minimum, maximum: integer("maxAge", in: cell)),
                    weight: weight
                )
            )
        }
        for (markerIndex, marker) in element.children(named: "marker").enumerated() {
            sourceMap[.riskMarker(model: index, marker: markerIndex)] = marker
            guard let id = required(marker, "id"), let weight = requiredDecimal("weight", in: marker) else { continue }
            model.markers.append(
                RiskMarker(
                    id: RiskMarkerID(id),
                    weight: weight,
                    supersedes: identifiers("supersedes", in: marker),
                    label: text("label", in: marker)
                )
            )
        }
        for (interactionIndex, interaction) in element.children(named: "interaction").enumerated() {
            sourceMap[.riskInteraction(model: index, interaction: interactionIndex)] = interaction
            guard let weight = requiredDecimal("weight", in: interaction) else { continue }
            model.interactions.append(RiskInteraction(markers: identifiers("markers", in: interaction), weight: weight))
        }
        if let normalisation = element.child(named: "normalisation") {
            sourceMap[.normalisation(model: index)] = normalisation
            model.normalisationFactor = requiredDecimal("factor", in: normalisation) ?? .one
        }
        if let cap = element.child(named: "growthCap") {
            sourceMap[.growthCap(model: index)] = cap
            model.growthCap = GrowthCap(
                percent: percentage("percent", in: cap),
                baselineMeanScore: decimal("baselineMean", in: cap),
                demographicPlus: percentage("demographicPlus", in: cap),
                baselineDemographicMeanScore: decimal("baselineDemographicMean", in: cap)
            )
        }
        model.unspecifiedSexUses = value(of: "unspecifiedSexUses", in: element, as: Sex.self)
        return model
    }

    mutating func decodeMSRTable(_ element: XMLElement, at index: Int) -> MSRTable {
        sourceMap[.msrTable(index)] = element
        var table = MSRTable(id: MSRTableID(text("id", in: element) ?? ""), bands: [])
        for (bandIndex, band) in element.children(named: "band").enumerated() {
            sourceMap[.msrBand(table: index, band: bandIndex)] = band
            guard let from = integer("from", in: band),
                let low = requiredPercentage("low", in: band),
                let high = requiredPercentage("high", in: band)
            else { continue }
            table.bands.append(MSRBand(from: from, to: integer("to", in: band), atLowEnd: low, atHighEnd: high))
        }
        return table
    }
}
