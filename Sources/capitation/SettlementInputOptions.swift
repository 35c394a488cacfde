import ArgumentParser
import SettlementRunner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Whether an option overrides a part of the settlement folder.
    var overridesParts: Bool {
        contract != nil || population != nil || !claims.isEmpty || !indicators.isEmpty
    }

    /// The settlement of `year` that a command reading the inputs without writing works on: for a
    /// settlement folder of several years (or with a year), that year's, rebased as the contract says;
    /// otherwise the parts as given.
    func settlementRun(year: Int?, threads: Int?) async throws(RunError) -> SettlementRun {
        let threadCount = threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let folder, !overridesParts {
            let severalYears = try year != nil ? true : MultiYearRun.coversSeveralYears(folder: folder)
            if severalYears {
                return try await MultiYearRun(folder: folder, threads: threadCount).settlementRun(for: year)
            }
        }
        return SettlementRun(paths: try paths(output: nil), threads: threadCount, year: year)
    }

    /// The paths of the parts, with the outputs going to `output`.
    func paths(output: String?) throws(RunError) -> SettlementPaths {
        try SettlementPaths.resolve(
            folder: folder,
            contract: contract,
            population: population,
            claims: claims,
            indicators: indicators,
            output: output
        )
    }
}
