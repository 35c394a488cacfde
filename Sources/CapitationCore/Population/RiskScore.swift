/// A member's risk score under one risk model, with how it was built.
public struct RiskScore: Hashable, Sendable {
    /// The weight of the member's age/sex cell.
    public var cellWeight: ExactDecimal
    /// The markers whose weight counts, after supersession.
    public var markers: [RiskMarkerID]
    /// The sum of the counted markers' and interactions' weights.
    public var addedWeight: ExactDecimal
    /// Cell weight plus added weight.
    public var raw: ExactDecimal
    /// The raw score times the normalisation factor.
    public var normalised: ExactDecimal
}

/// Why a member cannot be scored.
public enum RiskScoringError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No cell of the model covers the member's sex and age (the contract's rules prevent it for ages in
    /// the population's range).
    case noCell(model: RiskModelID, sex: Sex, age: Int)
    /// The score overflows (absurd weights).
    case arithmetic(ArithmeticError)

    public var description: String {
        switch self {
        case .noCell(let model, let sex, let age): "risk model '\(model)' has no cell for sex \(sex) at age \(age)"
        case .arithmetic(let error): error.description
        }
    }
}

extension RiskModel {
    /// The risk score of a member of `sex` and `age` who carries `memberMarkers`.
    ///
    /// Markers the model does not define are ignored. A marker is dropped when another marker the member
    /// carries supersedes it, directly or through a chain; interactions count when the member carries all
    /// of their markers after supersession.
    public func score(sex: Sex, age: Int, markers memberMarkers: [RiskMarkerID]) throws(RiskScoringError) -> RiskScore {
        guard let cell = cells(for: sex).first(where: { $0.ages.contains(age) }) else {
            throw .noCell(model: id, sex: sex, age: age)
        }
        let known = Set(memberMarkers).filter { marker($0) != nil }
        let superseded = known.reduce(into: Set<RiskMarkerID>()) { result, marker in
            result.formUnion(supersededMarkers(by: marker))
        }
        let counted = known.subtracting(superseded)
        do {
            var added = ExactDecimal.zero
            let ordered = markers.map(\.id).filter(counted.contains)
            for markerID in ordered {
                if let weight = marker(markerID)?.weight { added = try added + weight }
            }
            for interaction in interactions where interaction.markers.allSatisfy(counted.contains) {
                added = try added + interaction.weight
            }
            let raw = try cell.weight + added
            let normalised = try raw * normalisationFactor
            return RiskScore(
                cellWeight: cell.weight,
                markers: ordered,
                addedWeight: added,
                raw: raw,
                normalised: normalised
            )
        } catch {
            throw .arithmetic(error)
        }
    }

    /// The markers that `marker` supersedes, directly or through a chain.
    func supersededMarkers(by start: RiskMarkerID) -> Set<RiskMarkerID> {
        var result: Set<RiskMarkerID> = []
        var pending = marker(start)?.supersedes ?? []
        while let next = pending.popLast() {
            guard next != start, result.insert(next).inserted else { continue }
            pending.append(contentsOf: marker(next)?.supersedes ?? [])
        }
        return result
    }
}
