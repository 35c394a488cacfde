import CapitationCore
import SafeXML

/// Turns a schema-valid contract document into a ``Contract``, remembering where each part came from.
///
/// The schema has already checked the document's shape, so most of decoding is reading attributes. What
/// the schema cannot say about combinations (a shared-savings contract needs a sharing rate; a minimum
/// savings rate is a percentage, a table or a confidence level, not two of them) is checked here, and
/// every problem becomes a located diagnostic.
struct ContractDecoder {
    let reader: XMLDocumentReader
    /// Problems found while decoding.
    var diagnostics: [Diagnostic] = []
    /// The XML element each part of the contract came from.
    var sourceMap: [ContractElement: XMLElement] = [:]

    init(reader: XMLDocumentReader) {
        self.reader = reader
    }

    /// Decodes the root `<contract>` element; `nil` when a required part could not be read.
    mutating func decode(_ root: XMLElement) -> Contract? {
        sourceMap[.contract] = root
        let id = required(root, "id").map(ContractID.init(rawValue:))
        let version = required(root, "version")
        let title = root.child(named: "title")?.text.trimmingWhitespace()
        let summary = root.child(named: "description")?.text.trimmingWhitespace()
        let period = root.child(named: "period").flatMap { decodePeriod($0) }
        let term = root.child(named: "term").map { decodeTerm($0) }
        let rounding = root.child(named: "rounding").flatMap { value(of: "mode", in: $0, as: RoundingRule.self) }
        let parties = root.child(named: "parties").map { decodeParties($0) } ?? []
        let population = root.child(named: "population").flatMap { decodePopulation($0) }
        let riskModels = root.children(named: "riskModel").enumerated().map { decodeRiskModel($1, at: $0) }
        let msrTables = root.children(named: "msrTable").enumerated().map { decodeMSRTable($1, at: $0) }
        let regimes = root.children(named: "regime").enumerated().compactMap { decodeRegime($1, at: $0) }
        let lumpSums = root.children(named: "lumpSum").enumerated().compactMap { decodeLumpSum($1, at: $0) }
        let truncation = root.child(named: "truncation").flatMap { decodeTruncation($0) }
        let reconciliation = root.child(named: "reconciliation").map { decodeReconciliation($0) }
        let quality = root.child(named: "indicators").flatMap { decodeQuality($0) }
        let settlement = root.child(named: "settlement").flatMap { decodeSettlement($0) }
        let distribution = root.child(named: "distribution").flatMap { decodeDistribution($0) }

        guard let id, let version, let title, let period, let population, let settlement,
            !diagnostics.containsErrors
        else { return nil }
        return Contract(
            id: id,
            version: version,
            title: title,
            summary: summary?.isEmpty == false ? summary : nil,
            period: period,
            term: term ?? ContractTerm(),
            rounding: rounding ?? .halfEven,
            parties: parties,
            population: population,
            riskModels: riskModels,
            msrTables: msrTables,
            regimes: regimes,
            lumpSums: lumpSums,
            truncation: truncation,
            reconciliation: reconciliation ?? ReconciliationRules(),
            quality: quality,
            settlement: settlement,
            distribution: distribution
        )
    }

    private mutating func decodePeriod(_ element: XMLElement) -> DatePeriod? {
        sourceMap[.period] = element
        guard let start = date("start", in: element), let end = date("end", in: element) else { return nil }
        guard let period = DatePeriod(start: start, end: end) else {
            error(element, "end", "the period ends (\(end)) before it starts (\(start))")
            return nil
        }
        return period
    }

    private mutating func decodeTerm(_ element: XMLElement) -> ContractTerm {
        sourceMap[.term] = element
        var weights: [ExactDecimal] = []
        for word in (text("baselineWeights", in: element) ?? "").split(separator: " ") {
            do { weights.append(try ExactDecimal(parsing: word)) } catch let problem {
                error(element, "baselineWeights", "'\(word)' is not a weight: \(problem)")
            }
        }
        return ContractTerm(
            years: integer("years", in: element) ?? 1,
            benchmark: value(of: "benchmark", in: element, as: BenchmarkRule.self) ?? .fixed,
            baselineWeights: weights
        )
    }

    private mutating func decodeReconciliation(_ element: XMLElement) -> ReconciliationRules {
        ReconciliationRules(
            straddling: value(of: "straddling", in: element, as: StraddlingRule.self) ?? .byStartDate,
            invalidLinesPercent: percentage("invalidLinesPercent", in: element)
                ?? ReconciliationRules.defaultInvalidLinesPercent,
            runOut: element.child(named: "runOut").flatMap { runOut in
                sourceMap[.runOut] = runOut
                guard let months = integer("months", in: runOut), let finalMonths = integer("finalMonths", in: runOut)
                else { return nil }
                return RunOut(months: months, finalMonths: finalMonths)
            }
        )
    }
}
