import CapitationCore
import SystemPackage

/// The input files of one settlement and where its outputs go.
///
/// A settlement folder bundles a case so that one path is enough: `contract.xml`, `population.csv`,
/// `claims/` (every file in it and in its subfolders), `indicators.csv` and `indicators/` (every `.csv` file
/// in it and its subfolders; another file there is refused). Names starting with `.` are hidden and never
/// read. Explicit paths override each part. Claim and indicator files are ordered by their paths' bytes, so
/// that the order in which they are given or listed never matters.
public struct SettlementPaths: Sendable {
    public var contract: String
    public var population: String
    public var claims: [String]
    public var indicators: [String]
    public var output: String

    public init(contract: String, population: String, claims: [String], indicators: [String], output: String) {
        self.contract = contract
        self.population = population
        self.claims = claims.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.indicators = indicators.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.output = output
    }

    /// Resolves the parts of a settlement from `folder` and the explicit overrides.
    ///
    /// - Parameters:
    ///   - folder: The settlement folder, if one is given.
    ///   - contract: The contract, overriding the folder's.
    ///   - population: The roster, overriding the folder's.
    ///   - claims: Claim files or folders; folders contribute every regular file in them.
    ///   - indicators: Indicator files or folders; folders contribute every `.csv` file in them.
    ///   - output: The output folder, overriding `FOLDER/settlement`.
    /// - Returns: The paths of the settlement's parts.
    /// - Throws: ``RunError/Code/invalidInput`` naming each part that is missing.
    public static func resolve(
        folder: String?,
        contract: String?,
        population: String?,
        claims: [String],
        indicators: [String],
        output: String?
    ) throws(RunError) -> SettlementPaths {
        var problems: [Diagnostic] = []
        func inFolder(_ name: String) -> String? { folder.map { join($0, name) } }
        let contractPath = contract ?? inFolder("contract.xml")
        let populationPath = population ?? inFolder("population.csv")
        if contractPath == nil {
            problems.append(Diagnostic(.error, at: nil, "no contract: give a settlement folder or --contract"))
        }
        if populationPath == nil {
            problems.append(
                Diagnostic(.error, at: nil, "no population roster: give a settlement folder or --population")
            )
        }
        var claimFiles: [String] = []
        let claimSources = claims.isEmpty ? (inFolder("claims").map { [$0] } ?? []) : claims
        for source in claimSources {
            if let files = directoryFiles(source, extension: nil, problems: &problems) {
                claimFiles += files
            } else {
                claimFiles.append(source)
            }
        }
        if claimSources.isEmpty {
            problems.append(
                Diagnostic(.error, at: nil, "no claims: give a settlement folder with a claims/ folder, or --claims")
            )
        } else if claimFiles.isEmpty {
            problems.append(
                Diagnostic(.error, at: SourceLocation(path: claimSources[0]), "the claims folder holds no files")
            )
        }
        var indicatorFiles: [String] = []
        if indicators.isEmpty, let folder {
            let single = join(folder, "indicators.csv")
            if isRegularFile(single) { indicatorFiles.append(single) }
            indicatorFiles += directoryFiles(join(folder, "indicators"), extension: "csv", problems: &problems) ?? []
        } else {
            for source in indicators {
                indicatorFiles += directoryFiles(source, extension: "csv", problems: &problems) ?? [source]
            }
        }
        guard problems.isEmpty, let contractPath, let populationPath else { throw .invalidInput(problems) }
        let outputPath = output ?? inFolder("settlement") ?? "settlement"
        return SettlementPaths(
            contract: contractPath,
            population: populationPath,
            claims: claimFiles,
            indicators: indicatorFiles,
            output: outputPath
        )
    }

    /// The folder with the roster and claims of `year` in settlement folder `folder`, if any.
    ///
    /// With `baseline`, first `FOLDER/baseline/YEAR/`; then `FOLDER/YEAR/`; for the contract's first year,
    /// `FOLDER` itself when it holds a roster.
    static func yearFolder(in folder: String, year: Int, firstYear: Int, baseline: Bool) -> String? {
        let candidates =
            (baseline ? [join(join(folder, "baseline"), String(year))] : []) + [join(folder, String(year))]
        if let found = candidates.first(where: { DirectoryListing.kind(of: $0) == .directory }) { return found }
        return year == firstYear && isRegularFile(join(folder, "population.csv")) ? folder : nil
    }

    static func join(_ folder: String, _ name: String) -> String {
        (FilePath(folder).appending(name)).string
    }

    /// The files in `path` and its subfolders when it is a directory, ordered by path, or `nil` when it is
    /// not a directory.
    ///
    /// Hidden names (starting with `.`) are skipped. With `wanted`, a file without that extension is a
    /// problem rather than skipped; an entry that is neither file nor folder is listed, so that opening it
    /// says what it is.
    static func directoryFiles(
        _ path: String,
        extension wanted: String?,
        problems: inout [Diagnostic]
    ) -> [String]? {
        guard DirectoryListing.kind(of: path) == .directory else { return nil }
        var files: [String] = []
        func walk(_ folder: String, depth: Int) {
            guard depth <= maximumDepth else {
                problems.append(
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: folder),
                        "folders are nested more than \(maximumDepth) levels deep (a link to a folder above it?)"
                    )
                )
                return
            }
            guard let entries = DirectoryListing.entries(of: folder) else {
                problems.append(Diagnostic(.error, at: SourceLocation(path: folder), "the folder cannot be listed"))
                return
            }
            for name in entries where !name.hasPrefix(".") {
                let entry = join(folder, name)
                if DirectoryListing.kind(of: entry) == .directory {
                    walk(entry, depth: depth + 1)
                } else if let wanted, !name.hasSuffix("." + wanted) {
                    problems.append(
                        Diagnostic(
                            .error,
                            at: SourceLocation(path: entry),
                            "not a .\(wanted) file, in a folder that holds only .\(wanted) files: move or rename it"
                        )
                    )
                } else {
                    files.append(entry)
                }
            }
        }
        walk(path, depth: 0)
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// How deep folders of claim or indicator files may be nested.
    static let maximumDepth = 16

    static func isRegularFile(_ path: String) -> Bool {
        DirectoryListing.kind(of: path) == .file
    }
}
