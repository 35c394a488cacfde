import CapitationCore

// The contract as it applies to the year settled: shifted to the year, rebased, staged.
extension SettlementRun {
    /// The contract as it applies to the year settled: shifted to ``year`` and, when rebased, with the
    /// baseline's per-capita amounts and mean risk scores.
    func prepare(_ contract: Contract) throws(RunError) -> Contract {
        try Self.staged(try Self.prepare(contract, year: year, rebasedOn: rebasedOn), stage)
    }

    /// `contract` as it settles at `stage` of its run-out; refused when a stage is given without a run-out
    /// or a run-out without a stage.
    static func staged(_ contract: Contract, _ stage: SettlementStage?) throws(RunError) -> Contract {
        switch (contract.reconciliation.runOut, stage) {
        case (nil, nil):
            return contract
        case (nil, let stage?):
            throw .refused(
                SettlementError(
                    .contractTerms,
                    "--stage \(stage.rawValue) applies to a contract that settles after a run-out "
                        + "(<reconciliation><runOut months=\"3\" finalMonths=\"12\"/></reconciliation>); contract "
                        + "'\(contract.id)' settles once, on every claim line"
                )
            )
        case (let runOut?, nil):
            throw .refused(
                SettlementError(
                    .stageRequired,
                    "contract '\(contract.id)' settles after a run-out: provisionally on the claims received "
                        + "\(runOut.months) months after the period, finally on those received \(runOut.finalMonths) months "
                        + "after it; give --stage provisional or --stage final"
                )
            )
        case (_, let stage?):
            return contract.staged(stage)
        }
    }

    /// `contract` shifted to `year` (its first year when `nil`) and, when rebased, with `rebasedOn`'s
    /// per-capita amounts and mean risk scores.
    static func prepare(_ contract: Contract, year: Int?, rebasedOn: Baseline?) throws(RunError) -> Contract {
        do {
            return try contract.prepared(forYear: year ?? contract.firstYear, rebasedOn: rebasedOn)
        } catch {
            throw .refused(error)
        }
    }
}
