import CapitationCore
import ClaimFormats
import ContractXML
import Foundation
import SettlementRunner
import SyntheticData
import Testing

/// `capitation generate` writes the same bytes for the same seed, a valid folder, and data in which every
/// rejection reason occurs; its calibration agrees with the settlement of what it wrote.
struct SyntheticFieldlabTests {
    private func generate(members: Int, seed: UInt64) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try SyntheticFieldlab(members: members, seed: seed, year: 2026).write(to: folder.path)
        return folder
    }

    private func contents(_ folder: TemporaryFolder) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in [
            "contract.xml", "population.csv", "claims/zvw.csv", "claims/wmo.csv", "claims/wlz.csv", "indicators.csv",
            "indicators/survey.csv",
        ] {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: folder.path(name)))
        }
        return result
    }

    @Test func writesTheSameBytesForTheSameSeed() throws {
        let first = try generate(members: 400, seed: 11)
        let second = try generate(members: 400, seed: 11)
        let other = try generate(members: 400, seed: 12)
        defer { for folder in [first, second, other] { folder.remove() } }
        #expect(try contents(first) == contents(second))
        #expect(try contents(first)["claims/zvw.csv"] != contents(other)["claims/zvw.csv"])
    }

    // A comparison population is written beside the fieldlab, which stays byte for byte as without it:
    // other people (C000000, …) outside the fieldlab's area, for the performance and the baseline years.
    @Test func writesAComparisonPopulationBesideAnUnchangedFieldlab() throws {
        let plain = try TemporaryFolder()
        let with = try TemporaryFolder()
        defer { for folder in [plain, with] { folder.remove() } }
        let files = try SyntheticFieldlab(members: 300, seed: 8, year: 2026, baselineYears: 1).write(to: plain.path)
            .files
        var fieldlab = SyntheticFieldlab(members: 300, seed: 8, year: 2026, baselineYears: 1)
        fieldlab.comparisonMembers = 200
        let withFiles = try fieldlab.write(to: with.path).files
        #expect(withFiles.filter { !$0.hasPrefix("comparison/") } == files)
        for name in files {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: plain.path(name)))
                    == Data(contentsOf: URL(fileURLWithPath: with.path(name))),
                "\(name)"
            )
        }
        #expect(withFiles.contains("comparison/population.csv"))
        #expect(withFiles.contains("comparison/claims/zvw.csv"))
        #expect(withFiles.contains("comparison/baseline/2025/population.csv"))
        let roster = try String(contentsOfFile: with.path("comparison/population.csv"), encoding: .utf8)
        let rows = roster.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 200)
        #expect(rows.allSatisfy { $0[0].hasPrefix("C") && $0[3].hasPrefix("73") && $0[4] == "0297" })
        let fieldlabRoster = try String(contentsOfFile: with.path("population.csv"), encoding: .utf8)
        #expect(!fieldlabRoster.contains("\nC0"))
    }

    // A true effect of −12.5 % multiplies every performance-year amount of the fieldlab by 0.875, rounded
    // down to the cent (24.70 → 21.61, as 2,470 × 8,750 ÷ 10,000 = 2,161.25); the contract, the roster,
    // the baseline year and the comparison population are byte for byte those without it.
    @Test func injectsATrueEffectIntoThePerformanceYearAlone() throws {
        let plain = try TemporaryFolder()
        let treated = try TemporaryFolder()
        defer { for folder in [plain, treated] { folder.remove() } }
        var fieldlab = SyntheticFieldlab(members: 200, seed: 8, year: 2026, baselineYears: 1)
        fieldlab.comparisonMembers = 100
        let files = try fieldlab.write(to: plain.path).files
        fieldlab.trueEffectHundredthsPercent = -1_250
        #expect(try fieldlab.write(to: treated.path).files == files)
        for name in files {
            let same =
                try Data(contentsOf: URL(fileURLWithPath: plain.path(name)))
                == Data(contentsOf: URL(fileURLWithPath: treated.path(name)))
            let changes = name.hasPrefix("claims/") && name.hasSuffix(".csv")
            #expect(same != changes, "\(name)")
        }
        func amounts(_ folder: TemporaryFolder) throws -> [Int] {
            try String(contentsOfFile: folder.path("claims/zvw.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false)[9] }
                .filter { !$0.contains(";") && $0.contains(".") }
                .map { Int($0.replacing(".", with: "")) ?? -1 }
        }
        let before = try amounts(plain)
        let after = try amounts(treated)
        #expect(before.count == after.count && before.count > 1_000)
        #expect(zip(before, after).allSatisfy { $1 == $0 * 8_750 / 10_000 })
        #expect(before.first == 2_470 && after.first == 2_161)
    }

    @Test func writesAFolderThatSettlesWithEveryRejectionReason() async throws {
        let folder = try generate(members: 1_500, seed: 5)
        defer { folder.remove() }
        #expect(try ContractLoader().load(contentsOf: folder.path("contract.xml")).warnings.isEmpty)
        let settlement = try await folder.settle(threads: 2).settlement
        for rejected in settlement.reconciliation.rejected {
            #expect(rejected.total.lines > 0, "no line rejected as \(rejected.reason.rawValue)")
        }
        #expect(settlement.population.members > 1_300)
        #expect(settlement.quality?.indicators.allSatisfy(\.measured) == true)
        // The budgets were calibrated at 102 %, 99 % and 105 % of the cost of the lines meant to count: the
        // savings rates are 1 − 1/1.02 = 0.019608, 1 − 1/0.99 = −0.010101 and 1 − 1/1.05 = 0.047619, give or
        // take the rounding of the per-capita amounts to the cent.
        let rates = try settlement.regimes.map { try #require($0.savingsRate) }
        for (rate, expected) in zip(rates, ["0.019608", "-0.010101", "0.047619"]) {
            let difference = try (rate - ExactDecimal(parsing: expected)).magnitude()
            #expect(difference <= (try ExactDecimal(parsing: "0.000005")), "savings rate \(rate), expected \(expected)")
        }
    }

    // A small population may draw no admission to Wlz care at all (60 members, seed 3, do): the
    // generator declares it, so the settlement counts zero events as a measurement instead of refusing.
    @Test func declaresAnEventIndicatorThatDrewNoEvents() async throws {
        let folder = try generate(members: 60, seed: 3)
        defer { folder.remove() }
        let events = try String(contentsOfFile: folder.path("indicators.csv"), encoding: .utf8)
        #expect(events.hasSuffix("\n,wlz-inflow,none\n"))
        #expect(!events.contains(",acute-admissions,none"))
        let quality = try #require(try await folder.settle(threads: 2).settlement.quality)
        #expect(quality.indicators.map(\.observations) == [.events, .declaredNoEvents, .measuredValues])
        #expect(quality.indicators.map(\.events) == [13, 0, nil])  // 13 of its 14 admissions count
    }

    /// Lines of the claim files, without their headers.
    private func claimLines(_ folder: TemporaryFolder) throws -> Int {
        try ["zvw", "wmo", "wlz"].reduce(0) { count, regime in
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path("claims/\(regime).csv")))
            return count + data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
        }
    }

    // 600 members draw about 15 lines each, some 8,800 in all. Asking for 40,000 makes providers bill
    // periodic care in parts of a month; asking for 8,000 bills months together, except the Wmo's, which
    // is declared once a month whatever is asked (some 2,250 lines). Either way the count
    // lands within 10 % of the request, the same seed gives the same bytes, the folder still settles with
    // every rejection reason, and the budgets stay calibrated on what was drawn.
    @Test(arguments: [40_000, 8_000])
    func writesAboutTheClaimLinesAskedFor(target: Int) async throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        defer { for folder in [first, second] { folder.remove() } }
        for folder in [first, second] {
            _ = try SyntheticFieldlab(members: 600, seed: 9, year: 2026, claimLines: target).write(to: folder.path)
        }
        #expect(try contents(first) == contents(second))
        let lines = try claimLines(first)
        #expect(abs(lines - target) * 10 <= target, "\(lines) lines for \(target) asked")
        let settlement = try await first.settle(threads: 2).settlement
        for rejected in settlement.reconciliation.rejected where rejected.reason != .invalid {
            #expect(rejected.total.lines > 0, "no line rejected as \(rejected.reason.rawValue)")
        }
        let rates = try settlement.regimes.map { try #require($0.savingsRate) }
        for (rate, expected) in zip(rates, ["0.019608", "-0.010101", "0.047619"]) {
            let difference = try (rate - ExactDecimal(parsing: expected)).magnitude()
            #expect(difference <= (try ExactDecimal(parsing: "0.000005")), "savings rate \(rate), expected \(expected)")
        }
    }
}

/// `capitation generate --format native` writes each regime's care in its own standard, names people by
/// synthetic BSNs, and settles to the very figures of the CSV folder of the same seed.
struct NativeSyntheticFieldlabTests {
    private func write(_ folder: TemporaryFolder, _ format: SyntheticClaimFormat) throws -> [String] {
        try SyntheticFieldlab(members: 900, seed: 21, year: 2026, format: format).write(to: folder.path).files
    }

    private func bytes(_ folder: TemporaryFolder, _ files: [String]) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in files { result[name] = try Data(contentsOf: URL(fileURLWithPath: folder.path(name))) }
        return result
    }

    @Test func writesTheStandardsWithTheSameFiguresAsTheCSV() async throws {
        let csv = try TemporaryFolder()
        let native = try TemporaryFolder()
        let again = try TemporaryFolder()
        defer { for folder in [csv, native, again] { folder.remove() } }
        _ = try write(csv, .csv)
        let files = try write(native, .native)
        #expect(try write(again, .native) == files)
        #expect(try bytes(native, files) == bytes(again, files))

        // Every claim file is in the format its name says, recognised by content; no hidden file is left.
        let claims = files.filter { $0.hasPrefix("claims/") }
        #expect(claims.contains("claims/wmo323-coop-2026-01.xml"))
        // One AW319 file per message, provider and month of receipt.
        #expect(claims.contains("claims/aw319-zvw-coop-2027-01.asc"))
        #expect(claims.contains("claims/aw319-wlz-vvt-1-2026-04.asc"))
        for name in claims {
            let expected: ClaimFileFormat =
                name.hasSuffix(".asc")
                ? .aw319
                : name.hasPrefix("claims/wmo323-")
                    ? .wmo323
                    : name.hasPrefix("claims/wmo325-")
                        ? .wmo325 : name == "claims/answers.csv" ? .answersCSV : .capitationCSV
            let prefix = try Data(contentsOf: URL(fileURLWithPath: native.path(name))).prefix(1_024)
            #expect(ClaimFileFormat.detect(Array(prefix)) == expected, "\(name)")
        }
        let listed = try FileManager.default.contentsOfDirectory(atPath: native.path)
        #expect(!listed.contains { $0.hasPrefix(".") })

        // The roster names people by BSNs that pass the elfproef.
        let roster = try String(contentsOfFile: native.path("population.csv"), encoding: .utf8)
        let bsns = roster.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(bsns.count == 900)
        #expect(bsns.allSatisfy { BSN(utf8: $0.utf8) != nil })
        #expect(Set(bsns).count == 900)

        // The same draws, coded otherwise: every line is accepted or rejected as in the CSV folder, for the
        // same reason and amount, and the budgets, expenditure and nets are the same to the cent.
        let fromCSV = try await csv.settle(threads: 2)
        let fromNative = try await native.settle(threads: 2)
        let a = fromCSV.settlement
        let b = fromNative.settlement
        #expect(b.reconciliation.read == a.reconciliation.read)
        #expect(b.reconciliation.accepted == a.reconciliation.accepted)
        #expect(b.reconciliation.rejected.map(\.reason) == a.reconciliation.rejected.map(\.reason))
        #expect(b.reconciliation.rejected.map(\.total) == a.reconciliation.rejected.map(\.total))
        for rejected in b.reconciliation.rejected {
            #expect(rejected.total.lines > 0, "no line rejected as \(rejected.reason.rawValue)")
        }
        #expect(b.regimes.map(\.budget) == a.regimes.map(\.budget))
        #expect(b.regimes.map(\.expenditure) == a.regimes.map(\.expenditure))
        #expect(b.parties.map(\.net) == a.parties.map(\.net))

        // No BSN reaches an output.
        for output in fromNative.outputs {
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(!bsns.contains { text.contains($0) }, "a BSN in \(output)")
        }
    }

    /// A provider's AW319 claims that one file's trailer cannot count go on in further files, each with
    /// an invoice of its own: with files of at most 60 records, the 900 members' district nursing received
    /// in one month takes several, and the folder settles to the very figures of the folder written in one file a provider.
    @Test func splitsAProvidersFileWhereItsTrailerCouldNotCountItAll() async throws {
        let whole = try TemporaryFolder()
        let split = try TemporaryFolder()
        defer { for folder in [whole, split] { folder.remove() } }
        _ = try write(whole, .native)
        var fieldlab = SyntheticFieldlab(members: 900, seed: 21, year: 2026, format: .native)
        fieldlab.aw319Records = 60
        let files = try fieldlab.write(to: split.path).files
        let parts = files.filter { $0.hasPrefix("claims/aw319-") }
        #expect(parts.contains("claims/aw319-zvw-coop-2027-01.asc"))
        #expect(parts.contains("claims/aw319-zvw-coop-2027-01-part-2.asc"))
        var invoices: [String: String] = [:]
        for name in parts {
            let records = try String(contentsOfFile: split.path(name), encoding: .utf8).split(separator: "\n")
            // Header and trailer around at most 60 insured-person and claim records.
            #expect(records.count <= 62, "\(name)")
            let header = try #require(records.first)
            invoices[name] = String(header.dropFirst(80).prefix(12))
        }
        // The parts of one provider's file have invoices of their own.
        let coop = parts.filter { $0.hasPrefix("claims/aw319-zvw-coop-2027-01") }.compactMap { invoices[$0] }
        #expect(coop.count > 2 && Set(coop).count == coop.count)
        let a = try await whole.settle(threads: 2).settlement
        let b = try await split.settle(threads: 2).settlement
        #expect(b.reconciliation.read == a.reconciliation.read)
        #expect(b.reconciliation.accepted == a.reconciliation.accepted)
        #expect(b.reconciliation.rejected.map(\.total) == a.reconciliation.rejected.map(\.total))
        #expect(b.parties.map(\.net) == a.parties.map(\.net))
    }
}
