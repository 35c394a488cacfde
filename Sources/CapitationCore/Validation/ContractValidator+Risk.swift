extension ContractValidator {
    mutating func checkRiskModels() {
        checkUnique(
            contract.riskModels.map(\.id),
            element: { .riskModel($0) },
            attribute: "id",
            describe: { "risk model '\($0)'" }
        )
        let usedModels = Set(contract.regimes.compactMap(\.riskModel))
        for (index, model) in contract.riskModels.enumerated() {
            checkCells(of: model, at: index)
            checkMarkers(of: model, at: index)
            checkInteractions(of: model, at: index)
            if model.normalisationFactor <= .zero {
                error(
                    .normalisation(model: index),
                    "factor",
                    "the normalisation factor must be above zero, not \(model.normalisationFactor)"
                )
            }
            if let cap = model.growthCap {
                if let percent = cap.percent {
                    checkPercentRange(percent, .growthCap(model: index), "percent", "a growth cap")
                }
                if let points = cap.demographicPlus {
                    checkPercentRange(points, .growthCap(model: index), "demographicPlus", "a growth cap")
                }
                if cap.percent == nil, cap.demographicPlus == nil {
                    error(
                        .growthCap(model: index),
                        "percent",
                        "a growth cap needs percent (a cap on the whole score), demographicPlus (a cap beyond the "
                            + "demographic part) or both"
                    )
                }
                if let baseline = cap.baselineMeanScore, baseline <= .zero {
                    error(
                        .growthCap(model: index),
                        "baselineMean",
                        "the baseline mean score must be above zero, not \(baseline)"
                    )
                }
                if let baseline = cap.baselineDemographicMeanScore, baseline <= .zero {
                    error(
                        .growthCap(model: index),
                        "baselineDemographicMean",
                        "the baseline demographic mean score must be above zero, not \(baseline)"
                    )
                }
                if cap.baselineDemographicMeanScore != nil, cap.demographicPlus == nil {
                    warning(
                        .growthCap(model: index),
                        "baselineDemographicMean",
                        .unusedBaselineDemographicMean
                    )
                }
            }
            if model.unspecifiedSexUses == .unspecified {
                error(.riskModel(index), "unspecifiedSexUses", "members of sex X must take the cells of F or M")
            }
            if !usedModels.contains(model.id) {
                warning(.riskModel(index), "id", .unusedRiskModel(model: model.id))
            }
        }
    }

    private mutating func checkCells(of model: RiskModel, at modelIndex: Int) {
        for (index, cell) in model.cells.enumerated() {
            if let maximum = cell.ages.maximum, maximum < cell.ages.minimum {
                error(
                    .riskCell(model: modelIndex, cell: index),
                    "maxAge",
                    "the cell's maximum age \(maximum) is below its minimum age \(cell.ages.minimum)"
                )
            }
            if cell.weight <= .zero {
                error(
                    .riskCell(model: modelIndex, cell: index),
                    "weight",
                    "a cell's weight must be above zero, not \(cell.weight)"
                )
            }
        }
        // A cell whose ages run backwards is reported above; overlaps and gaps would only repeat it.
        let isWellFormed = model.cells.allSatisfy { cell in cell.ages.maximum.map { $0 >= cell.ages.minimum } ?? true }
        guard isWellFormed else { return }
        // Overlaps: two cells that apply to a common sex and share an age.
        let sexes: [Sex?] = [.female, .male, .unspecified]
        var reported: Set<[Int]> = []
        for (later, cell) in model.cells.enumerated() {
            for earlier in 0..<later {
                let other = model.cells[earlier]
                let sharesSex = sexes.contains { sex in
                    (cell.sex == nil || cell.sex == sex) && (other.sex == nil || other.sex == sex)
                }
                guard sharesSex, cell.ages.overlaps(other.ages), reported.insert([earlier, later]).inserted else {
                    continue
                }
                error(
                    .riskCell(model: modelIndex, cell: later),
                    "minAge",
                    "cell \(describe(cell)) overlaps cell \(describe(other)): every member must fall in exactly one cell",
                    related: [.init(.riskCell(model: modelIndex, cell: earlier), "the overlapping cell")]
                )
            }
        }
        // Coverage: every age of the population, for every sex, falls in some cell.
        let population = contract.population.ageRange
        for sex in Sex.allCases {
            let gaps = uncoveredAges(of: population, by: model.cells(for: sex).map(\.ages))
            if !gaps.isEmpty {
                let hint =
                    sex == .unspecified && model.unspecifiedSexUses == nil
                    ? " (add cells for X, or unspecifiedSexUses=\"F\" or \"M\")" : ""
                error(
                    .riskModel(modelIndex),
                    nil,
                    "risk model '\(model.id)' has no cell for sex \(sex) at ages \(gaps.map(\.description).joined(separator: ", "))\(hint)"
                )
            }
        }
    }

    /// The ages of `population` that none of `ranges` covers.
    private func uncoveredAges(of population: AgeRange, by ranges: [AgeRange]) -> [AgeRange] {
        var gaps: [AgeRange] = []
        var next = population.minimum
        for range in ranges.sorted(by: { $0.minimum < $1.minimum }) {
            if let limit = population.maximum, next > limit { break }
            if range.minimum > next {
                let gapEnd = population.maximum.map { min($0, range.minimum - 1) } ?? range.minimum - 1
                gaps.append(AgeRange(minimum: next, maximum: gapEnd))
            }
            guard let maximum = range.maximum else { return gaps }
            next = max(next, maximum + 1)
        }
        if population.maximum.map({ next <= $0 }) ?? true {
            gaps.append(AgeRange(minimum: next, maximum: population.maximum))
        }
        return gaps
    }

    private func describe(_ cell: AgeSexCell) -> String {
        "\(cell.sex.map { "\($0) " } ?? "")\(cell.ages)"
    }

    private mutating func checkMarkers(of model: RiskModel, at modelIndex: Int) {
        checkUnique(
            model.markers.map(\.id),
            element: { .riskMarker(model: modelIndex, marker: $0) },
            attribute: "id",
            describe: { "marker '\($0)'" }
        )
        let known = Set(model.markers.map(\.id))
        for (index, marker) in model.markers.enumerated() {
            if marker.weight.isNegative {
                error(
                    .riskMarker(model: modelIndex, marker: index),
                    "weight",
                    "a marker's weight must not be negative, not \(marker.weight)"
                )
            }
            for superseded in marker.supersedes where !known.contains(superseded) {
                error(
                    .riskMarker(model: modelIndex, marker: index),
                    "supersedes",
                    "marker '\(marker.id)' supersedes '\(superseded)', which risk model '\(model.id)' does not define"
                )
            }
        }
        for cycle in supersessionCycles(in: model) {
            guard let first = model.markers.firstIndex(where: { $0.id == cycle[0] }) else { continue }
            let path = (cycle + [cycle[0]]).map(\.rawValue).joined(separator: " → ")
            error(
                .riskMarker(model: modelIndex, marker: first),
                "supersedes",
                "markers supersede each other in a cycle: \(path)"
            )
        }
    }

    /// Each cycle of the supersession graph once, starting at its marker that comes first in the document.
    private func supersessionCycles(in model: RiskModel) -> [[RiskMarkerID]] {
        let edges = Dictionary(model.markers.map { ($0.id, $0.supersedes) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(model.markers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var cycles: [[RiskMarkerID]] = []
        var seen: Set<Set<RiskMarkerID>> = []
        for start in model.markers.map(\.id) {
            // Depth-first search for paths that return to `start` through markers later in the document.
            var stack: [(marker: RiskMarkerID, path: [RiskMarkerID])] = [(start, [start])]
            while let (marker, path) = stack.popLast() {
                for next in edges[marker] ?? [] {
                    if next == start {
                        if seen.insert(Set(path)).inserted { cycles.append(path) }
                    } else if !path.contains(next), (order[next] ?? 0) > (order[start] ?? 0) {
                        stack.append((next, path + [next]))
                    }
                }
            }
        }
        return cycles
    }

    private mutating func checkInteractions(of model: RiskModel, at modelIndex: Int) {
        let known = Set(model.markers.map(\.id))
        for (index, interaction) in model.interactions.enumerated() {
            let element = ContractElement.riskInteraction(model: modelIndex, interaction: index)
            if Set(interaction.markers).count < 2 {
                error(element, "markers", "an interaction needs at least two different markers")
            } else if Set(interaction.markers).count != interaction.markers.count {
                error(element, "markers", "an interaction lists the same marker twice")
            }
            for marker in interaction.markers where !known.contains(marker) {
                error(
                    element,
                    "markers",
                    "interaction refers to marker '\(marker)', which risk model '\(model.id)' does not define"
                )
            }
            if interaction.weight.isNegative {
                error(element, "weight", "an interaction's weight must not be negative, not \(interaction.weight)")
            }
        }
    }
}
