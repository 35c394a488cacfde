import CapitationCore
import ClaimFormats
import InputFiles
public import Pseudonymisation
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a pseudonymised copy of a settlement folder: the same layout, every BSN replaced by its
/// keyed pseudonym, each file still valid in its format.
///
/// The copy is written to a new folder next to the destination and renamed to it only when every file is
/// done, so a failure never leaves a half-pseudonymised folder. The contract is copied as it is; the
/// roster, the claim files (CSV, AW319, WMO323, recognised by content) and the indicator files are
/// rewritten. Files are read in blocks and written as they go, so memory holds the pseudonyms of the
/// distinct BSNs, not the files.
public struct PseudonymisationRun: Sendable {
    public let paths: SettlementPaths
    public let key: PseudonymKey

    public init(paths: SettlementPaths, key: PseudonymKey) {
        self.paths = paths
        self.key = key
    }

    /// The key from `file`, or else from the environment variable's value `environment`.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` when the file cannot be read or the key is too short.
    public static func key(file: String?, environment: String?) throws(RunError) -> PseudonymKey {
        let contents = try file.map { path throws(RunError) in try InputFileReader.readAll(path).bytes }
        do throws(PseudonymKeyError) {
            return try PseudonymKey(
                contents ?? Array((environment ?? "").utf8),
                source: file ?? PseudonymKey.environmentVariable
            )
        } catch {
            throw .invalidInput([Diagnostic(.error, at: file.map { SourceLocation(path: $0) }, error.description)])
        }
    }

    /// What was written.
    public struct Outcome: Sendable {
        /// Each input and its pseudonymised copy, in the order written.
        public var files: [(input: String, output: String, format: String)]
        /// The number of distinct nine-digit member numbers replaced.
        public var pseudonyms: Int
    }

    /// Writes the copy into `paths.output`, which must not exist yet or be empty.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` for an input that cannot be pseudonymised (nothing is
    ///   written), ``RunError/Code/outputFailed`` when the copy cannot be written.
    public func run() throws(RunError) -> Outcome {
        let destination = FilePath(paths.output).lexicallyNormalized()
        switch DirectoryListing.kind(of: destination.string) {
        case .missing: break
        case .directory where DirectoryListing.entries(of: destination.string)?.isEmpty == true: break
        default:
            throw .outputFailed("\(paths.output) already exists; give a new folder for the pseudonymised copy")
        }
        // The staging folder is a sibling, made afresh, so that leftovers of another run never mix in; those
        // of killed runs are removed. The folders above it are made first when missing.
        let name = destination.lastComponent?.string ?? "pseudonymised"
        let parent = destination.removingLastComponent()
        let parentWriter = try OutputWriter(folder: parent.isEmpty ? "." : parent.string)
        Leftovers.remove(in: parentWriter.folder, folders: true) {
            Leftovers.processID(in: $0, prefix: ".\(name).partial-", suffix: "")
        }
        let staging = parent.appending(".\(name).partial-\(getpid())").string
        let registration: TemporaryPaths.Registration
        do throws(RunError) {
            registration = try TemporaryPaths.withRegistry { registry throws(RunError) in
                guard mkdir(staging, 0o755) == 0 else {
                    let error = Errno(rawValue: errno)
                    throw .outputFailed("cannot create the folder \(staging): \(RegularFile.explain(error))")
                }
                return registry.register(staging, as: .tree)
            }
        } catch {
            parentWriter.removeNewFolders()
            throw error
        }
        do throws(RunError) {
            let outcome = try write(into: try OutputWriter(folder: staging))
            try TemporaryPaths.withRegistry { registry throws(RunError) in
                if DirectoryListing.kind(of: destination.string) == .directory { rmdir(destination.string) }
                guard rename(staging, destination.string) == 0 else {
                    throw .outputFailed("cannot create \(paths.output): \(String(cString: strerror(errno)))")
                }
                registry.unregister(registration)
            }
            parentWriter.keepNewFolders()
            return outcome
        } catch {
            TemporaryPaths.withRegistry { registry in
                DirectoryListing.removeTree(staging)
                registry.unregister(registration)
            }
            parentWriter.removeNewFolders()
            throw error
        }
    }

    private func write(into writer: OutputWriter) throws(RunError) -> Outcome {
        var pseudonyms = BSNPseudonyms(key: key)
        var files: [(input: String, output: String, format: String)] = []
        var names: Set<String> = []
        func name(_ folder: String?, _ path: String) throws(RunError) -> String {
            let base = FilePath(path).lastComponent?.string ?? path
            let relative = folder.map { "\($0)/\(base)" } ?? base
            guard names.insert(relative).inserted else {
                throw .invalidInput([
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: path),
                        "another input is also called \(base); the pseudonymised copy needs distinct names"
                    )
                ])
            }
            return relative
        }
        try copy(paths.contract, to: try name(nil, "contract.xml"), writer)
        files.append((paths.contract, "contract.xml", "capitation-contract-xml"))
        let roster = try name(nil, "population.csv")
        let rosterKind = try rewriteCSV(paths.population, to: roster, writer, &pseudonyms)
        guard rosterKind == .roster else {
            throw .invalidInput([
                Diagnostic(.error, at: SourceLocation(path: paths.population), "this is not a population roster")
            ])
        }
        files.append((paths.population, roster, "capitation-csv"))
        if !paths.claims.isEmpty { try writer.folder("claims") }
        // Answers after the claims, so that the BSNs in the references they name are known.
        var answers: [(path: String, format: ClaimFileFormat)] = []
        for path in paths.claims {
            var blocks = try FileBlocks(path)
            let format = ClaimFileFormat.detect(try blocks.next(size: ClaimFileFormat.detectionBytes) ?? [])
            guard !format.isAnswers else {
                answers.append((path, format))
                continue
            }
            let output = try name("claims", path)
            _ = try rewriteClaims(path, to: output, writer, &pseudonyms)
            files.append((path, output, format.rawValue))
        }
        for (path, format) in answers {
            let output = try name("claims", path)
            var blocks = try FileBlocks(path)
            var bytes: [UInt8] = []
            while let block = try blocks.next() { bytes += block }
            let rewritten: [UInt8]
            do {
                rewritten =
                    format == .wmo325
                    ? try AnswersPseudonymizer.rewriteWMO325(bytes, path: path, pseudonyms: &pseudonyms)
                    : try AnswersPseudonymizer.rewriteCSV(bytes, path: path, pseudonyms: pseudonyms)
            } catch {
                throw RunError(error)
            }
            try writer.write(output) { descriptor throws(RunError) in
                try OutputWriter.writeAll(rewritten, to: descriptor, output)
            }
            files.append((path, output, format.rawValue))
        }
        for path in paths.indicators {
            // A folder's indicators.csv stays at the top; other indicator files go to indicators/.
            let isSingle =
                FilePath(path).lastComponent?.string == "indicators.csv"
                && FilePath(path).removingLastComponent().lastComponent?.string != "indicators"
            if !isSingle { try writer.folder("indicators") }
            let output = try name(isSingle ? nil : "indicators", path)
            let kind = try rewriteCSV(path, to: output, writer, &pseudonyms)
            guard kind == .events || kind == .measures else {
                throw .invalidInput([
                    Diagnostic(.error, at: SourceLocation(path: path), "this is not an indicator file")
                ])
            }
            files.append((path, output, "capitation-csv"))
        }
        return Outcome(files: files, pseudonyms: pseudonyms.count)
    }

    private func copy(
        _ path: String,
        to name: String,
        _ writer: OutputWriter
    ) throws(RunError) {
        var blocks = try FileBlocks(path)
        try writer.write(name) { descriptor throws(RunError) in
            while let block = try blocks.next() { try OutputWriter.writeAll(block, to: descriptor, name) }
        }
    }

    private func rewriteClaims(
        _ path: String,
        to name: String,
        _ writer: OutputWriter,
        _ pseudonyms: inout BSNPseudonyms
    ) throws(RunError) -> ClaimFileFormat {
        var blocks = try FileBlocks(path)
        let first = try blocks.next()
        let format = ClaimFileFormat.detect(first ?? [])
        switch format {
        case .capitationCSV:
            let kind = try rewriteRecords(path, first: first, blocks: &blocks, to: name, writer, &pseudonyms, csv: true)
            guard kind == .claims else {
                throw .invalidInput([
                    Diagnostic(.error, at: SourceLocation(path: path, line: 1), "this is not a claims file")
                ])
            }
        case .aw319:
            _ = try rewriteRecords(path, first: first, blocks: &blocks, to: name, writer, &pseudonyms, csv: false)
        case .wmo325, .answersCSV:
            preconditionFailure("answers are pseudonymised after the claims")
        case .wmo323:
            var pending = first
            try writer.write(name) { descriptor throws(RunError) in
                // A failure to write is the output's, not the input's: it is kept and thrown as it is.
                var writeFailure: RunError?
                do throws(InputError) {
                    try WMO323Pseudonymizer.rewrite(
                        path: path,
                        pseudonyms: &pseudonyms,
                        next: { () throws(InputError) -> [UInt8]? in try blocks.next(after: &pending) },
                        write: { (bytes) throws(InputError) in
                            do throws(RunError) {
                                try OutputWriter.writeAll(bytes, to: descriptor, name)
                            } catch {
                                writeFailure = error
                                throw InputError(diagnostics: [])
                            }
                        }
                    )
                } catch {
                    throw writeFailure ?? RunError(error)
                }
            }
        }
        return format
    }

    private func rewriteCSV(
        _ path: String,
        to name: String,
        _ writer: OutputWriter,
        _ pseudonyms: inout BSNPseudonyms
    ) throws(RunError) -> CSVPseudonymizer.Kind? {
        var blocks = try FileBlocks(path)
        let first = try blocks.next()
        let kind = try rewriteRecords(path, first: first, blocks: &blocks, to: name, writer, &pseudonyms, csv: true)
        return kind
    }

    /// Rewrites a file of records (CSV or AW319) block by block; returns the kind of a CSV file.
    private func rewriteRecords(
        _ path: String,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        to name: String,
        _ writer: OutputWriter,
        _ pseudonyms: inout BSNPseudonyms,
        csv: Bool
    ) throws(RunError) -> CSVPseudonymizer.Kind? {
        var problems = ProblemCollector(path: path)
        var kind: CSVPseudonymizer.Kind?
        try writer.write(name) { descriptor throws(RunError) in
            var carry = first ?? []
            var csvRewriter: CSVPseudonymizer?
            var nextLine = 1
            var finished = first == nil
            while true {
                if csv, csvRewriter == nil, finished || carry.contains(UInt8(ascii: "\n")) {
                    let header: (pseudonymizer: CSVPseudonymizer, bodyOffset: Int, bodyLine: Int)
                    do throws(InputError) {
                        header = try carry.withUnsafeBufferPointer { buffer throws(InputError) in
                            try CSVPseudonymizer.header(of: buffer, path: path)
                        }
                    } catch {
                        throw RunError(error)
                    }
                    csvRewriter = header.pseudonymizer
                    kind = header.pseudonymizer.kind
                    try OutputWriter.writeAll(Array(carry[0..<header.bodyOffset]), to: descriptor, name)
                    carry.removeFirst(header.bodyOffset)
                    nextLine = header.bodyLine
                }
                let ready = !csv || csvRewriter != nil
                let end: (offset: Int, lines: Int)? =
                    !ready
                    ? nil
                    : finished
                        ? (carry.isEmpty ? nil : (carry.count, 0))
                        : carry.withUnsafeBufferPointer {
                            csv ? CSVRecordBoundary.lastRecordEnd(in: $0) : AW319Parser.lastRecordEnd(in: $0)
                        }
                if let end {
                    let output = carry.withUnsafeBufferPointer { buffer in
                        let chunk = UnsafeBufferPointer(rebasing: buffer[0..<end.offset])
                        if let csvRewriter {
                            return csvRewriter.rewrite(
                                chunk,
                                firstLine: nextLine,
                                pseudonyms: &pseudonyms,
                                problems: &problems
                            )
                        }
                        return AW319Pseudonymizer.rewrite(
                            chunk,
                            firstRecord: nextLine,
                            pseudonyms: &pseudonyms,
                            problems: &problems
                        )
                    }
                    if let error = problems.error { throw RunError(error) }
                    try OutputWriter.writeAll(output, to: descriptor, name)
                    nextLine += end.lines
                    carry.removeFirst(end.offset)
                }
                if finished { break }
                if let block = try blocks.next() { carry += block } else { finished = true }
            }
        }
        return kind
    }
}

extension OutputWriter {
    /// Creates the folder `name` inside the output folder, if it is not there yet.
    func folder(_ name: String) throws(RunError) {
        let path = SettlementPaths.join(folder, name)
        guard DirectoryListing.kind(of: path) != .directory else { return }
        // Made while the registered folder around it cannot be removed by an interruption.
        try TemporaryPaths.withRegistry { _ throws(RunError) in
            guard mkdir(path, 0o755) == 0 else {
                throw .outputFailed("cannot create the folder \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
