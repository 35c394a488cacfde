extension Contract {
    /// Checks the rules that every contract must satisfy beyond its shape.
    ///
    /// References resolve, identifiers are unique, shares sum to 100 %, age cells neither overlap nor leave
    /// ages uncovered, marker supersession has no cycle, percentages lie in range, and the settlement model
    /// has exactly the parameters it needs. Every violation is reported, not only the first.
    ///
    /// - Returns: The violations in document order; empty for a valid contract.
    public func validate() -> [ContractViolation] {
        var validator = ContractValidator(contract: self)
        validator.checkParties()
        validator.checkTerm()
        validator.checkPopulation()
        validator.checkRiskModels()
        validator.checkMSRTables()
        validator.checkRegimes()
        validator.checkLumpSums()
        validator.checkTruncation()
        validator.checkRunOut()
        validator.checkQuality()
        validator.checkSettlement()
        validator.checkDistribution()
        validator.checkUnusedParties()
        validator.checkPlausibility()
        return validator.violations
    }
}

/// The state of one validation run: the contract and the violations found so far.
struct ContractValidator {
    let contract: Contract
    var violations: [ContractViolation] = []

    init(contract: Contract) {
        self.contract = contract
    }

    mutating func error(
        _ element: ContractElement,
        _ attribute: String? = nil,
        _ message: String,
        related: [ContractViolation.Related] = []
    ) {
        violations.append(ContractViolation(errorAt: element, attribute: attribute, message, related: related))
    }

    mutating func warning(_ element: ContractElement, _ attribute: String? = nil, _ warning: ContractWarning) {
        violations.append(ContractViolation(warning, at: element, attribute: attribute))
    }

    /// Reports the second and later occurrences of each key, pointing back at the first.
    mutating func checkUnique<Key: Hashable>(
        _ keys: [Key],
        element: (Int) -> ContractElement,
        attribute: String,
        describe: (Key) -> String
    ) {
        var first: [Key: Int] = [:]
        for (index, key) in keys.enumerated() {
            if let earlier = first[key] {
                error(
                    element(index),
                    attribute,
                    "\(describe(key)) is defined twice",
                    related: [.init(element(earlier), "first defined here")]
                )
            } else {
                first[key] = index
            }
        }
    }

    /// Reports a percentage outside `0...100`.
    mutating func checkPercentRange(
        _ percent: Percentage?,
        _ element: ContractElement,
        _ attribute: String,
        _ what: String
    ) {
        guard let percent, !percent.isWithinZeroToHundred else { return }
        error(element, attribute, "\(what) of \(percent) is out of range: it must lie between 0 and 100 %")
    }

    /// Reports `party` when it is not one of the contract's parties; returns the party when it is.
    @discardableResult
    mutating func resolve(_ party: PartyID, _ element: ContractElement, _ attribute: String) -> Party? {
        if let found = contract.party(party) { return found }
        error(
            element,
            attribute,
            "refers to party '\(party)', which the contract does not define\(suggestion(for: party))"
        )
        return nil
    }

    /// ", did you mean 'x'?" for the nearest party id, or nothing.
    private func suggestion(for party: PartyID) -> String {
        let candidates = contract.parties.map(\.id.rawValue)
        guard let nearest = EditDistance.nearest(to: party.rawValue, among: candidates) else { return "" }
        return "; did you mean '\(nearest)'?"
    }

    /// The financier of a regime the contract covers, or `nil`.
    func coveredRegime(financedBy party: PartyID) -> RegimeTerms? {
        contract.regimes.first { $0.financier == party }
    }
}
