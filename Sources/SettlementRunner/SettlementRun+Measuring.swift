package import CapitationCore

// Measuring a year that is not settled: a baseline year, or a year of an evaluation.
extension SettlementRun {
    /// Measures a baseline year: the roster and claims of ``paths`` under `contract` shifted to `year`
    /// (its indicators are not read).
    ///
    /// - Returns: The year's population, mean risk scores and cost per regime.
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when the year cannot be measured.
    package func measureBaseline(of contract: Contract, year: Int) async throws(RunError) -> BaselineYear {
        let calculator = try await yearCalculator(of: contract, year: year, evaluation: false).calculator
        do {
            return try calculator.measureBaseline()
        } catch {
            throw .refused(error, in: "baseline year \(year)")
        }
    }

    /// Measures each person of the folder's population in `year` under `contract` shifted to that year, for
    /// an evaluation (``SettlementCalculator/measureEvaluationYear()``).
    package func measureEvaluationYear(
        of contract: Contract,
        year: Int
    ) async throws(RunError) -> MeasuredEvaluationYear {
        let (calculator, warnings) = try await yearCalculator(of: contract, year: year, evaluation: true)
        do {
            var measured = try calculator.measureEvaluationYear()
            measured.warnings = warnings
            return measured
        } catch {
            throw .refused(error, in: "\(paths.population), \(year)")
        }
    }

    /// The calculator of a year measured for a baseline or an evaluation, and the year's warnings.
    ///
    /// The roster and claims of ``paths`` reconciled under `contract` shifted to `year`, refused when they
    /// look incomplete; no indicators, no bootstrap. After a run-out, the year counts what its final
    /// settlement counts. The warnings are about unreadable lines that raised no finding.
    func yearCalculator(
        of contract: Contract,
        year: Int,
        evaluation: Bool
    ) async throws(RunError) -> (calculator: SettlementCalculator, warnings: [SettlementWarning]) {
        let (shifted, claims) = try await reconcileYear(of: contract, year: year, evaluation: evaluation)
        let warnings = ClaimCompleteness.warnings(
            files: claims.files,
            findings: [],
            listedIn: .settleCommand
        )
        let calculator = SettlementCalculator(
            contract: shifted,
            population: claims.population,
            ledger: claims.ledger,
            indicators: IndicatorObservations(),
            inputs: [claims.roster] + claims.inputs,
            chance: nil
        )
        return (calculator, warnings)
    }
}
