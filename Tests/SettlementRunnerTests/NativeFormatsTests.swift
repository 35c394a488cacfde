import CapitationCore
import Foundation
import Pseudonymisation
import SettlementRunner
import Testing

/// `Examples/native-formats` (claims in AW319, WMO323 and CSV) settles to the figures of its `EXPECTED.md`,
/// no output holds a BSN of the inputs, and its pseudonymised copy settles to the same figures.
struct NativeFormatsTests {
    /// An empty line after the trailer, which AW319 allows, is read and noted.
    @Test func readsAnEmptyLineAfterTheTrailer() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        let nursing = "claims/wijkverpleging-elv-2026.asc"
        var bytes = try Data(contentsOf: folder.url.appendingPathComponent(nursing))
        bytes.append(contentsOf: Array("\r\n".utf8))
        try bytes.write(to: folder.url.appendingPathComponent(nursing))
        let settlement = try await folder.settle(threads: 2).settlement
        #expect(settlement.regimes.map(\.claims) == [Cents(676_000), Cents(124_250), Cents(3_954_000)])
        #expect(
            settlement.warnings.contains {
                $0.kind == .claimFile(.emptyLinesAfterTrailer(count: 1))
                    && $0.description.hasSuffix(
                        "wijkverpleging-elv-2026.asc: 1 empty line after the trailer record 99, which holds no record and is ignored"
                    )
            }
        )
    }

    @Test func matchesTheFiguresDerivedByHand() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        let settlement = try await folder.settle(threads: 2).settlement
        // 1. Population and budget: 2,006 days at 4.00, 0.75 and 21.00 a day.
        #expect(settlement.population.exposureDays == 2_006)
        #expect(settlement.regimes.map(\.budget) == [Cents(802_400), Cents(150_450), Cents(4_212_600)])
        // 2. Claims per regime: accepted, lines and out of scope.
        #expect(settlement.regimes.map(\.claims) == [Cents(676_000), Cents(124_250), Cents(3_954_000)])
        #expect(settlement.regimes.map(\.acceptedLines) == [7, 4, 3])
        #expect(settlement.regimes.map(\.outOfScope) == [Cents(850_000), Cents(210_000), Cents(125_000)])
        let reconciliation = settlement.reconciliation
        #expect(reconciliation.read == .init(lines: 30, amount: Cents(8_066_500)))
        #expect(reconciliation.accepted == .init(lines: 14, amount: Cents(4_754_250)))
        #expect(
            reconciliation.rejected.map { "\($0.reason.rawValue): \($0.total.lines) \($0.total.amount)" } == [
                "invalid: 1 120.00", "refused by the financier: 5 3892.50", "duplicate reference: 1 3000.00",
                "credit without its debit: 1 -460.00", "outside period: 1 120.00", "outside population: 4 14600.00",
                "out of scope: 3 11850.00",
            ]
        )
        // Each rejected line, and the refused part of the line approved in part, with its reason.
        let rejected = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
        let rows = rejected.split(separator: "\n").dropFirst().map { row in
            row.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false).prefix(6)
                .dropFirst().joined(separator: " ")
        }
        #expect(
            rows == [
                "5 ZH-D-08 Zvw 8500.00 out of scope", "6 GP-X-03 Zvw 120.00 outside population",
                "7 GP-A-12 Zvw 120.00 outside period", "8 GP-G-04 Zvw 120.00 invalid",
                "4 WV-B-03 Zvw 3000.00 duplicate reference", "9 ELV-D-08 Zvw 880.00 refused by the financier",
                "11 WV-E-05 Zvw 900.00 refused by the financier", "33 WMO-A-04 Wmo 700.00 refused by the financier",
                "106 WMO-D-04 Wmo 380.00 refused by the financier", "33 WMO-A-05 Wmo 420.00 refused by the financier",
                "57 WMO-C-05 Wmo 612.50 refused by the financier", "33 WMO-E-06 Wmo 2100.00 out of scope",
                "33 WMO-F-07 Wmo 140.00 outside population", "4 WLZ-A-09C Wlz -460.00 credit without its debit",
                "8 WLZ-F-07 Wlz 7440.00 outside population", "10 WLZ-B-05 Wlz 1250.00 out of scope",
                "12 WLZ-H-11 Wlz 6900.00 outside population",
            ]
        )
        // The reasons in words: the financiers' codes, and the dummy BSN of a person without one.
        for detail in [
            "the financier approved 2200.00 of 3080.00 and refused 880.00: ",
            "wijkverpleging-elv-2026-antwoorden.csv line 3: WV01 (no needs assessment",
            "WMO325 A202604: 9322 (De som van de ingediende volumes overschrijdt het toegewezen volume)",
            "WMO325 A202604: 0611 (Het ingediende tarief komt niet overeen met het contractuele tarief)",
            "WMO325 A202605: 9333 (Declaratienummer is niet uniek)",
            "\"the member is the dummy BSN 999999999 of a person without a BSN, so the line cannot be matched to a "
                + "member of the population\"",
        ] {
            #expect(rejected.contains(detail), "\(detail)")
        }
        // Per code, in each format's own terms.
        let codes = Dictionary(
            uniqueKeysWithValues: reconciliation.codes.map {
                (
                    "\($0.key.regime) \($0.key.category) \($0.key.product) \($0.key.careProfile?.rawValue ?? "-")",
                    $0.entry
                )
            }
        )
        #expect(codes["Wlz 055 Z754 754"]?.accepted == .init(lines: 1, amount: Cents(1_794_000), volume: 78))
        #expect(codes["Wlz 055 Z755 755"]?.accepted == .init(lines: 2, amount: Cents(2_160_000), volume: 90))
        #expect(codes["Wlz 055 H300 -"]?.outOfScope == .init(lines: 1, amount: Cents(125_000), volume: 5))
        #expect(codes["Wmo 01 01A03 -"]?.accepted == .init(lines: 3, amount: Cents(63_000), volume: 18))
        #expect(codes["Wmo 15 15A01 -"]?.outOfScope == .init(lines: 1, amount: Cents(210_000), volume: 30))
        #expect(codes["Zvw 065 1004 -"]?.accepted == .init(lines: 3, amount: Cents(420_000), volume: 56))
        // Approved in part: the amount approved, the volume delivered (an answer names no volume).
        #expect(codes["Zvw 068 2001 -"]?.accepted == .init(lines: 1, amount: Cents(220_000), volume: 14))
        #expect(codes["Zvw ziekenhuis 131999049 -"]?.outOfScope == .init(lines: 1, amount: Cents(850_000)))
        // 3. Savings, sharing and distribution.
        #expect(settlement.regimes.map(\.savings) == [Cents(126_400), Cents(26_200), Cents(258_600)])
        #expect(settlement.totals.savings == Cents(411_200))
        #expect(settlement.totals.savingsRate == (try ExactDecimal(parsing: "0.079606")))
        #expect(settlement.sharing.payout == Cents(205_600))
        #expect(settlement.parties.map(\.net) == [Cents(-63_200), Cents(-13_100), Cents(-129_300), Cents(205_600)])
        #expect(
            settlement.inputs.map(\.format) == [
                "capitation-contract-xml", "capitation-csv", "capitation-csv", "capitation-answers-csv",
                "vektis-aw319",
            ] + Array(repeating: "iwmo-wmo323", count: 5) + Array(repeating: "iwmo-wmo325", count: 5) + ["vektis-aw319"]
        )
        #expect(settlement.inputs.filter { $0.role == "answers" }.count == 6)
    }

    @Test func writesNoBSNOfItsInputsAndTheSameFiguresWithAnyThreadsOrPartitions() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        let bsns = try BSNScan.inputs(of: folder)
        #expect(bsns.count == 8)  // six on the roster, one outsider, one that fails the elfproef
        _ = try await folder.settle(threads: 1)
        let single = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        #expect(try BSNScan.outputs(of: folder.path("settlement"), containing: bsns) == [])
        _ = try await folder.settle(threads: 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json"))) == single)
        // Partitions of 1 KiB spill to disk, the answers with their lines.
        _ = try await folder.settle(threads: 2, partitionBytes: 1 << 10)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json"))) == single)
    }

    @Test func settlesItsPseudonymisedCopyToTheSameFigures() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        let copy = try TemporaryFolder()
        defer {
            folder.remove()
            copy.remove()
        }
        let bsns = try BSNScan.inputs(of: folder)
        let key = try PseudonymKey(Array("0123456789abcdef0123456789abcdef0123456789abcdef".utf8), source: "test")
        let paths = try SettlementPaths.resolve(
            folder: folder.path,
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: copy.path("pseudonymised")
        )
        let outcome = try PseudonymisationRun(paths: paths, key: key).run()
        #expect(outcome.pseudonyms == 8)
        // The claims first, then the answers, which name the claims' pseudonyms.
        let months = ["03", "04", "05", "06", "07"]
        #expect(
            outcome.files.map(\.output) == [
                "contract.xml", "population.csv", "claims/overige-zvw.csv", "claims/wijkverpleging-elv-2026.asc",
            ] + months.map { "claims/wmo323-winterswijk-2026-\($0).xml" } + [
                "claims/zorgkantoor-declaratie-2026.asc", "claims/wijkverpleging-elv-2026-antwoorden.csv",
            ] + months.map { "claims/wmo325-winterswijk-2026-\($0).xml" }
        )
        let pseudonymised = TemporaryFolder(url: copy.url.appendingPathComponent("pseudonymised"))
        #expect(try BSNScan.outputs(of: pseudonymised.path, containing: bsns) == [])

        let original = try await folder.settle(threads: 2).settlement
        let settled = try await pseudonymised.settle(threads: 2).settlement
        #expect(try BSNScan.outputs(of: pseudonymised.path, containing: bsns) == [])
        #expect(settled.regimes.map(\.claims) == original.regimes.map(\.claims))
        #expect(settled.regimes.map(\.outOfScope) == original.regimes.map(\.outOfScope))
        #expect(settled.reconciliation.rejected.map(\.total) == original.reconciliation.rejected.map(\.total))
        #expect(settled.reconciliation.codes.map(\.key) == original.reconciliation.codes.map(\.key))
        #expect(settled.reconciliation.codes.map(\.entry) == original.reconciliation.codes.map(\.entry))
        #expect(settled.parties.map(\.net) == original.parties.map(\.net))
        #expect(settled.population.exposureDays == original.population.exposureDays)

        // Writing over an existing copy is refused, and nothing is changed.
        let roster = try Data(contentsOf: URL(fileURLWithPath: pseudonymised.path("population.csv")))
        let again = #expect(throws: RunError.self) { try PseudonymisationRun(paths: paths, key: key).run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: pseudonymised.path("population.csv"))) == roster)
        #expect(again?.description.hasSuffix("already exists; give a new folder for the pseudonymised copy") == true)
    }
}

/// Finds BSNs: those of a settlement folder's inputs, and any of them in a folder of outputs.
enum BSNScan {
    /// Every nine-digit member number in the roster, the CSV claims, the AW319 files (fields 203 and 403)
    /// and the WMO323 and WMO325 messages (Bsn), whether or not it passes the elfproef; not the dummy BSN
    /// 999999999 of a person without one, which is no one's and is named in the reason of its lines.
    static func inputs(of folder: TemporaryFolder) throws -> Set<String> {
        var found: Set<String> = []
        let isNineDigits = { (text: Substring) in
            text.count == 9 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
        }
        for line in try String(contentsOfFile: folder.path("population.csv"), encoding: .utf8).split(separator: "\n") {
            let id = line.prefix { $0 != "," }
            if isNineDigits(id) { found.insert(String(id)) }
        }
        let claims = folder.path("claims")
        for name in try FileManager.default.contentsOfDirectory(atPath: claims) {
            let text = try String(contentsOfFile: "\(claims)/\(name)", encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                if name.hasSuffix(".csv") {
                    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                    if fields.count > 1, isNineDigits(fields[1]) { found.insert(String(fields[1])) }
                } else if line.hasPrefix("02") || line.hasPrefix("04") {
                    found.insert(String(Array(line)[14..<23]))
                } else if let start = line.range(of: "<Bsn>"), let end = line.range(of: "</Bsn>") {
                    found.insert(String(line[start.upperBound..<end.lowerBound]))
                }
            }
        }
        found.remove(BSN.dummyMemberID)
        return found
    }

    /// The files under `folder` that contain any of `bsns`, with the number found.
    static func outputs(of folder: String, containing bsns: Set<String>) throws -> [String] {
        var hits: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")), as: UTF8.self)
            hits += bsns.filter { text.contains($0) }.map { "\(name): \($0)" }
        }
        return hits.sorted()
    }
}
