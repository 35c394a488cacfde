import CapitationCore
import SettlementReports

// Writing a settlement's outputs: settlement.json, the reports and rejected-claims.csv, each in place at once.
extension SettlementRun {
    /// Writes the outputs; `rejected-claims.csv` is put in place from `prepared` when it was written
    /// while the settlement was calculated.
    func write(
        _ computed: Computed,
        rejected: RejectedRuns,
        prepared: OutputWriter.PreparedFile?,
        with writer: OutputWriter
    ) throws(RunError) -> Outcome {
        let settlement = computed.settlement
        // settlement.json last, and an earlier run's removed first: when it exists, the other outputs
        // are of the same run.
        do {
            try writer.remove("settlement.json")
        } catch {
            if let prepared { writer.discard(prepared) }
            throw error
        }
        if let prepared {
            try writer.commit(prepared)
        } else {
            try writer.write("rejected-claims.csv") { descriptor throws(RunError) in
                try rejected.write(to: descriptor)
            }
        }
        let bytes = Array(SettlementJSON.render(settlement).serialized().utf8)
        // The reports render from the document read back from the very bytes written, as `capitation report`
        // renders them later: a figure the JSON does not carry cannot reach a report.
        let document: SettlementDocument
        do {
            document = try SettlementDocument(json: bytes)
        } catch {
            throw .refused("the settlement's own JSON cannot be read back for its report: \(error)")
        }
        try writer.write("report.md", SettlementMarkdown.render(document, locale: reportLocale))
        var names = ["settlement.json", "report.md", "rejected-claims.csv"]
        if writesHTML {
            try writer.write("report.html", SettlementHTML.render(document, locale: reportLocale))
            names.insert("report.html", at: 2)
        }
        try writer.write("settlement.json", String(decoding: bytes, as: UTF8.self))
        let outputs = names.map { SettlementPaths.join(paths.output, $0) }
        return Outcome(
            settlement: settlement,
            document: document,
            contractWarnings: computed.contractWarnings,
            outputs: outputs
        )
    }

    /// `rejected-claims.csv` merged from `rejected` into a file prepared by `writer`.
    static func prepareRejected(
        _ rejected: RejectedRuns,
        with writer: OutputWriter
    ) -> Result<OutputWriter.PreparedFile, RunError> {
        Result { () throws(RunError) in
            try writer.prepare("rejected-claims.csv") { descriptor throws(RunError) in
                try rejected.write(to: descriptor)
            }
        }
    }
}
