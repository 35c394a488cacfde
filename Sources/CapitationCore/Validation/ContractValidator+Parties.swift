extension ContractValidator {
    mutating func checkParties() {
        checkUnique(contract.parties.map(\.id), element: { .party($0) }, attribute: "id", describe: { "party '\($0)'" })
        for (index, party) in contract.parties.enumerated() {
            switch (party.role.financedRegime, party.regime) {
            case (let financed?, let stated?) where financed != stated:
                error(
                    .party(index),
                    "regime",
                    "party '\(party.id)' is \(party.role.withArticle) and so finances the \(financed), not the \(stated)"
                )
            case (nil, let stated?):
                error(
                    .party(index),
                    "regime",
                    "party '\(party.id)' is \(party.role.withArticle); only financiers have a regime, not the \(stated)"
                )
            default:
                break
            }
        }
    }

    mutating func checkPopulation() {
        let population = contract.population
        if let minimum = population.minimumAge, let maximum = population.maximumAge, minimum > maximum {
            error(
                .population,
                nil,
                "the minimum age \(minimum) is above the maximum age \(maximum), so nobody is eligible"
            )
        }
        for (index, range) in population.postcodeRanges.enumerated() {
            if range.from > range.to {
                error(.postcodeRange(index), "to", "postcode range \(range.from)–\(range.to) ends before it starts")
            }
            for (bound, attribute) in [(range.from, "from"), (range.to, "to")] where !(1000...9999).contains(bound) {
                error(.postcodeRange(index), attribute, "\(bound) is not a four-digit Dutch postcode (1000–9999)")
            }
        }
    }

    mutating func checkUnusedParties() {
        var used: Set<PartyID> = Set(contract.regimes.map(\.financier))
        for lumpSum in contract.lumpSums { used.formUnion([lumpSum.payer, lumpSum.payee]) }
        if let distribution = contract.distribution {
            for recipient in distribution.recipients { used.formUnion(recipient.parties) }
            for transfer in distribution.transfers { used.formUnion([transfer.from, transfer.to]) }
            if case .fixedShares(let shares) = distribution.financing { used.formUnion(shares.map(\.party)) }
            if case .fixedShares(let shares) = distribution.lossFinancing { used.formUnion(shares.map(\.party)) }
        }
        for (index, party) in contract.parties.enumerated() where !used.contains(party.id) {
            warning(.party(index), nil, .partyTakesNoPart(party: party.id))
        }
    }
}
