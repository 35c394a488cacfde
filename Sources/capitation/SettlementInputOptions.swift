import ArgumentParser
import CapitationCore
import SettlementRunner

/// The inputs of a settlement on the command line.
///
/// A settlement folder, and options that override each of its parts; shared by `settle` and `pseudonymize`.
struct SettlementInputOptions: ParsableArguments {
    @Argument(help: "A settlement folder.", completion: .directory)
    var folder: String?

    @Option(help: "The contract (default: FOLDER/contract.xml).", completion: .file(extensions: ["xml"]))
    var contract: String?

    @Option(help: "The population roster (default: FOLDER/population.csv).", completion: .file(extensions: ["csv"]))
    var population: String?

    @Option(help: "A claim file or a folder of them; repeatable (default: FOLDER/claims/).", completion: .file())
    var claims: [String] = []

    @Option(
        help:
            "An indicator file or a folder of them; repeatable (default: FOLDER/indicators.csv and FOLDER/indicators/)."
    )
    var indicators: [String] = []

    /// Checks that the parts of a settlement are given; commands call it from their own `validate()`.
    func validateParts() throws {
        if folder == nil, contract == nil || population == nil || claims.isEmpty {
            throw ValidationError("Give a settlement folder, or --contract, --population and --claims.")
        }
    }

    /// The settlement job of these inputs, of `year`, on `threads` threads (by default one per processor),
    /// accepting incomplete claims for `acceptIncomplete` and settling `stage` of a run-out.
    func job(
        year: Int?,
        threads: Int?,
        acceptIncomplete: String? = nil,
        stage: SettlementStage? = nil
    ) -> SettlementJob {
        var job = SettlementJob(
            folder: folder,
            contract: contract,
            population: population,
            claims: claims,
            indicators: indicators
        )
        job.year = year
        if let threads { job.threads = threads }
        job.acceptIncomplete = acceptIncomplete
        job.stage = stage
        return job
    }

    /// The paths of the parts, with the outputs going to `output`.
    func paths(output: String?) throws(RunError) -> SettlementPaths {
        try job(year: nil, threads: nil).paths(output: output)
    }
}

/// Which settlement of a contract with a run-out to make; shared by `settle`, `compare` and `simulate`.
struct StageOptions: ParsableArguments {
    @Option(
        help:
            "For a contract with a run-out: the provisional settlement (claims received by the run-out's end, plus an estimate of those not yet received) or the final one (with its true-up against the provisional)."
    )
    var stage: StageOption?
}

/// Settling on claims that look incomplete, on the command line.
struct AcceptanceOption: ParsableArguments {
    @Option(
        name: .customLong("accept-incomplete"),
        help: ArgumentHelp(
            "Settle although the claims look incomplete (a file without readable claim lines, too many unreadable lines, a regime without accepted claims), for the reason given; the reason and what was accepted are recorded in settlement.json and on the report's first page.",
            valueName: "reason"
        )
    )
    var reason: String?

    func validate() throws {
        if let reason, reason.allSatisfy(\.isWhitespace) {
            throw ValidationError("--accept-incomplete needs a reason, in words.")
        }
        if let reason, reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError(
                "--accept-incomplete takes a reason on one line, without control characters: it stands in "
                    + "settlement.json and the reports as given."
            )
        }
    }
}
