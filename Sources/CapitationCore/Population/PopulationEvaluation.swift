/// Who on the roster is in the population, on which days, with an index to find members by id.
package struct PopulationEvaluation: Sendable {
    /// The roster, in its order.
    package let roster: [Member]
    /// Each roster member's days in the population, by roster position; `nil` when not in it.
    package let windows: [DatePeriod?]
    /// Each roster member's age on the population's reference date.
    package let ages: [Int]
    /// Roster positions by member id.
    package let positions: [MemberID: Int]
    /// The number of roster members not in the population, per reason.
    package let excluded: [IneligibilityReason: Int]

    /// Evaluates every roster member against the contract's population criteria and period.
    ///
    /// - Precondition: member ids are unique (the roster reader refuses duplicates).
    package init(roster: [Member], contract: Contract) {
        self.roster = roster
        var windows: [DatePeriod?] = []
        var ages: [Int] = []
        var positions: [MemberID: Int] = [:]
        var excluded: [IneligibilityReason: Int] = [:]
        windows.reserveCapacity(roster.count)
        ages.reserveCapacity(roster.count)
        positions.reserveCapacity(roster.count)
        for (index, member) in roster.enumerated() {
            positions[member.id] = index
            ages.append(member.birthDate.age(on: contract.population.referenceDate))
            switch contract.population.eligibility(of: member, during: contract.period) {
            case .eligible(let window):
                windows.append(window)
            case .ineligible(let reason):
                windows.append(nil)
                excluded[reason, default: 0] += 1
            }
        }
        self.windows = windows
        self.ages = ages
        self.positions = positions
        self.excluded = excluded
    }

    /// The number of members in the population.
    package var memberCount: Int { windows.lazy.filter { $0 != nil }.count }

    /// Days of membership summed over members.
    package var exposureDays: Int { windows.reduce(0) { $0 + ($1?.dayCount ?? 0) } }

    /// The roster position of the member with `id` (`nil` when not on the roster) and their days in the
    /// population (`nil` when not in it).
    package func window(of id: MemberID) -> (position: Int?, window: DatePeriod?) {
        guard let position = positions[id] else { return (nil, nil) }
        return (position, windows[position])
    }
}
