import CapitationCore
import ClaimFormats

/// The formats generated claims are written in.
public enum SyntheticClaimFormat: String, CaseIterable, Sendable {
    /// One file per regime in the project's CSV, members numbered `P00001`.
    case csv
    /// Each regime's care in its own standard (Vektis AW319, iWmo WMO323) and the rest in the project's
    /// CSV, members named by synthetic BSNs: see `NativeCoding`.
    case native
}

/// Where the claims of one generated year go, member by member.
protocol SyntheticClaimFiles: AnyObject {
    /// Writes `lines`, all of `member`.
    func write(_ lines: some Collection<SyntheticLine>, of member: SyntheticMember) throws(SyntheticDataError)
    /// Finishes every file.
    ///
    /// - Returns: The files written, relative to the year's folder, sorted.
    func close() throws(SyntheticDataError) -> [String]
}

/// The project's CSV, one file per regime: `claims/zvw.csv`, `claims/wmo.csv`, `claims/wlz.csv`; the
/// financiers' answers in `claims/answers.csv`.
final class CSVClaimFiles: SyntheticClaimFiles {
    static let header =
        "claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects,"
        + "received_date"

    private let folder: String
    private var writers: [Regime: BufferedFileWriter] = [:]
    private let answers: AnswerRows
    /// With `always`, every regime's file is written even without lines; otherwise only those with lines.
    private let always: Bool

    init(folder: String, always: Bool) throws(SyntheticDataError) {
        self.folder = folder
        self.always = always
        answers = AnswerRows(folder: folder)
        if always { for regime in Regime.allCases { _ = try writer(regime) } }
    }

    static func name(_ regime: Regime) -> String { "claims/\(regime.rawValue.lowercased()).csv" }

    private func writer(_ regime: Regime) throws(SyntheticDataError) -> BufferedFileWriter {
        if let writer = writers[regime] { return writer }
        let writer = try BufferedFileWriter(folder + "/" + Self.name(regime))
        try writer.line(Self.header)
        writers[regime] = writer
        return writer
    }

    func write(_ lines: some Collection<SyntheticLine>, of member: SyntheticMember) throws(SyntheticDataError) {
        for line in lines { try write(line) }
    }

    /// Writes one line to its regime's file, and its answer to the answers.
    func write(_ line: SyntheticLine) throws(SyntheticDataError) {
        try writer(line.regime).line(line.csvRow)
        if let answer = line.answer { try answers.write(answer.csvRow(line, provider: line.provider)) }
    }

    /// Writes an answer to a line written elsewhere.
    func writeAnswer(_ row: String) throws(SyntheticDataError) {
        try answers.write(row)
    }

    func close() throws(SyntheticDataError) -> [String] {
        for regime in Regime.allCases { try writers[regime]?.close() }
        return Regime.allCases.filter { writers[$0] != nil }.map(Self.name) + (try answers.close())
    }
}

/// `claims/answers.csv`, opened when the first answer comes.
final class AnswerRows {
    static let name = "claims/answers.csv"
    private let folder: String
    private var writer: BufferedFileWriter?

    init(folder: String) {
        self.folder = folder
    }

    func write(_ row: String) throws(SyntheticDataError) {
        if writer == nil {
            let opened = try BufferedFileWriter(folder + "/" + Self.name)
            try opened.line(CSVColumns.answers.joined(separator: ",") + ",reason")
            writer = opened
        }
        try writer?.line(row)
    }

    /// Closes the file; returns its name when it was written.
    func close() throws(SyntheticDataError) -> [String] {
        guard let writer else { return [] }
        try writer.close()
        return [Self.name]
    }
}
