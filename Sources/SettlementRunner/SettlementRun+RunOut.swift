package import CapitationCore
import SettlementReports

// After a run-out: the baseline years' lag triangles for a provisional estimate, and the true-up of a final settlement.
extension SettlementRun {
    /// The baseline years' lag triangles, for a provisional settlement of `year` under `contract` (as
    /// loaded): every baseline year of ``baselineFolder`` before `year`, or those the contract's baseline
    /// weights name, each measured as its final settlement counts it, or as it stood at the provisional
    /// cut-off of `year` when that is earlier.
    func completion(of contract: Contract, year: Int) async throws(RunError) -> ClaimCompletion {
        guard let folder = baselineFolder else {
            throw .refused(
                SettlementError(
                    .baselineRequired,
                    "a provisional settlement estimates the claims not yet received from how quickly the baseline "
                        + "years' claims came in: settle a folder with baseline years (FOLDER/baseline/YEAR/)"
                )
            )
        }
        let provisionalCutOff: CalendarDate?
        do { provisionalCutOff = try contract.shifted(toYear: year).staged(.provisional).reconciliation.cutOff } catch {
            throw .refused(error)
        }
        let (years, _) = try BaselineRun(folder: folder, targetYear: year, threads: threads)
            .plan(contract: contract, targetYear: year)
        var baselines: [ClaimCompletion.Baseline] = []
        for baselineYear in years {
            let paths = try BaselineRun.yearPaths(folder: folder, year: baselineYear, firstYear: contract.firstYear)
            let run = SettlementRun(paths: paths, threads: threads, partitionBytes: partitionBytes)
            baselines.append(
                try await run.measureReceiptLags(of: contract, year: baselineYear, notAfter: provisionalCutOff)
            )
        }
        return ClaimCompletion(baselines: baselines)
    }

    /// Measures how the claims of a baseline year came in: the roster and claims of ``paths`` under
    /// `contract` shifted to `year`, counted as the year's final settlement counts them, but none received
    /// after `notAfter`.
    package func measureReceiptLags(
        of contract: Contract,
        year: Int,
        notAfter: CalendarDate?
    ) async throws(RunError) -> ClaimCompletion.Baseline {
        let (shifted, claims) = try await reconcileYear(of: contract, year: year, notAfter: notAfter, evaluation: false)
        let observedThrough =
            ReceiptLags.monthNumber(shifted.reconciliation.cutOff ?? shifted.period.end)
            - ReceiptLags.monthNumber(shifted.period.start)
        return ClaimCompletion.Baseline(year: year, lags: claims.ledger.receiptLags, observedThrough: observedThrough)
    }

    /// The roster and claims of ``paths`` reconciled under `contract` shifted to `year`, counted as the
    /// year's final settlement counts them but none received after `notAfter`; refused when they look
    /// incomplete.
    func reconcileYear(
        of contract: Contract,
        year: Int,
        notAfter: CalendarDate? = nil,
        evaluation: Bool
    ) async throws(RunError) -> (contract: Contract, claims: ClaimPipeline.Output) {
        var shifted: Contract
        do { shifted = try contract.shifted(toYear: year).staged(.final) } catch { throw .refused(error) }
        if let notAfter, let cutOff = shifted.reconciliation.cutOff, notAfter < cutOff {
            shifted.reconciliation.cutOff = notAfter
        }
        let partitioning = try partitioningRosterFirst()
        defer { partitioning.spill?.remove() }
        let claims = try await reconcile(
            contract: shifted,
            population: populationSource(shifted),
            inputsBefore: [paths.population],
            partitioning: partitioning
        )
        _ = try completeness(of: claims, under: shifted, year: year, evaluation: evaluation)
        return (shifted, claims)
    }

    /// The true-up of `final`, a settlement of `contract`, against the issued provisional settlement
    /// (``provisionalSettlement``), listed then as an input, or else the provisional settlement of the same
    /// inputs, made again.
    func trueUp(
        against final: Settlement,
        contract: Contract
    ) async throws(RunError) -> (trueUp: TrueUp, file: InputFile?) {
        guard let path = provisionalSettlement else {
            var provisional = self
            provisional.stage = .provisional
            provisional.progress = nil
            let settled = try await provisional.settle(chance: nil).settlement
            do {
                return (try TrueUp(provisional: settled, final: final), nil)
            } catch {
                throw .refused(error, in: "the true-up")
            }
        }
        let (bytes, hash) = try InputFileReader.readAll(path)
        let document: SettlementDocument
        do { document = try SettlementDocument(json: bytes) } catch {
            throw .invalidInput([
                Diagnostic(.error, at: SourceLocation(path: path), "cannot be read as a settlement.json: \(error)")
            ])
        }
        let cutOff = contract.reconciliation.runOut?.cutOff(of: contract.period, stage: .provisional)
        let expected =
            "contract '\(contract.id)' version \(contract.version), \(contract.period), provisional, cut-off "
            + (cutOff?.description ?? "none")
        let found =
            "contract '\(document.contract.id)' version \(document.contract.version), "
            + "\(document.contract.start)..\(document.contract.end), "
            + (document.runOut.map { "\($0.stage.rawValue), cut-off \($0.cutOff)" } ?? "settled once")
        guard document.contract.id == contract.id.rawValue, document.contract.version == contract.version,
            document.contract.start == contract.period.start, document.contract.end == contract.period.end,
            let runOut = document.runOut, runOut.stage == .provisional, runOut.cutOff == cutOff
        else {
            throw .refused(
                SettlementError(
                    .trueUp,
                    "\(path) is not the provisional settlement of this final one: it is of \(found); the final "
                        + "settlement trues up against the \(expected)"
                )
            )
        }
        do {
            let trueUp = try TrueUp(
                provisionalCutOff: runOut.cutOff,
                provisionalFile: TrueUp.File(path: path, sha256: hash),
                nets: document.parties.map { (PartyID($0.party), $0.net) },
                regimes: document.regimes.compactMap { regime in
                    Regime(rawValue: regime.regime).map { ($0, regime.claims, regime.notYetReceived) }
                },
                final: final
            )
            let file = InputFile(
                role: "provisional settlement",
                path: path,
                sha256: hash,
                lines: Self.lineCount(bytes),
                format: "capitation-settlement-json"
            )
            return (trueUp, file)
        } catch {
            throw .refused(error, in: "the true-up against \(path)")
        }
    }
}
