/// Something an evaluation went on despite: what measuring a population's year found that counts in no
/// figure, or why the placebo could not be estimated.
public struct EvaluationWarning: Hashable, Sendable, CustomStringConvertible {
    /// What it is.
    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The population a measured year belongs to.
    public enum Population: String, CaseIterable, Hashable, Sendable {
        case fieldlab
        case comparison
    }

    /// What an evaluation warns about.
    public enum Kind: Hashable, Sendable {
        /// What reading a population's year found, such as unreadable claim lines.
        case measured(Population, year: Int, SettlementWarning)
        /// What the settlement of the fieldlab's performance year found.
        case settlement(year: Int, SettlementWarning)
        /// The placebo between the baseline years cannot be estimated, for `reason` (in English).
        case placeboNotEstimated(reason: String)
    }

    /// The warning in English: `fieldlab, 2026: claims/zvw.csv: 2 of its 10 claim lines …`.
    public var description: String {
        switch kind {
        case .measured(let population, let year, let warning): "\(population.rawValue), \(year): \(warning)"
        case .settlement(let year, let warning): "fieldlab, \(year), settlement: \(warning)"
        case .placeboNotEstimated(let reason): "the placebo between the baseline years cannot be estimated: \(reason)"
        }
    }
}
