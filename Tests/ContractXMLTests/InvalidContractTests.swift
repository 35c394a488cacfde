import CapitationCore
import ContractXML
import Foundation
import Testing

// Every contract rule and schema check has a fixture in `Fixtures/invalid`: the minimal valid contract
// with one thing broken, and at its end the exact diagnostics it must produce, with line and column.
struct InvalidContractTests {
    @Test(arguments: Fixtures.invalidNames)
    func reportsExactlyTheExpectedDiagnostics(fixture: String) throws {
        let path = Fixtures.path("invalid/\(fixture).xml")
        let expected = Expectation.all(in: try String(contentsOfFile: path, encoding: .utf8))
        try #require(!expected.isEmpty, "the fixture states no expectation")
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try ContractLoader().load(contentsOf: path).warnings
            #expect(!expected.contains { $0.severity == "error" }, "an expected error was not reported")
        } catch {
            diagnostics = error.diagnostics
        }
        let actual = diagnostics.map {
            Expectation(
                line: $0.location?.line,
                column: $0.location?.column,
                severity: $0.severity.rawValue,
                message: $0.message
            )
        }
        #expect(actual == expected)
        #expect(diagnostics.allSatisfy { $0.location?.path == path })
    }

    @Test func readsAGrowthCapBeyondTheDemographicPart() throws {
        let loaded = try ContractLoader().load(contentsOf: Fixtures.path("valid/growth-cap-demographic.xml"))
        #expect(loaded.warnings.isEmpty)
        #expect(
            loaded.contract.riskModels[0].growthCap
                == GrowthCap(
                    percent: 5,
                    baselineMeanScore: try ExactDecimal(parsing: "1.02"),
                    demographicPlus: 3,
                    baselineDemographicMeanScore: try ExactDecimal(parsing: "0.98")
                )
        )
    }

    @Test func readsARetrospectiveTrendAdjustment() throws {
        let loaded = try ContractLoader().load(contentsOf: Fixtures.path("valid/trend-adjustment.xml"))
        #expect(loaded.warnings.isEmpty)
        #expect(
            loaded.contract.regimes[0].trendAdjustment
                == TrendAdjustment(
                    threshold: 1,
                    corridors: [
                        TrendCorridor(from: 0, to: 4, borne: 100), TrendCorridor(from: 4, to: 8, borne: 50),
                        TrendCorridor(from: 8, to: nil, borne: 0),
                    ],
                    actuals: [TrendActual(year: 2026, percent: try Percentage(parsing: "-2.2"))]
                )
        )
    }

    @Test func theFixturesStartFromAValidContract() throws {
        let loaded = try ContractLoader().load(contentsOf: Fixtures.path("valid/minimal.xml"))
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.contract.id == "minimal")
    }

    @Test(arguments: [
        ("malformed-mismatched-tag", ContractLoadError.Code.malformed),
        ("schema-several-errors", .schemaViolation),
        ("truncation-two-modes", .schemaViolation),
        ("cells-overlap", .ruleViolation),
    ])
    func classifiesTheFailure(fixture: String, code: ContractLoadError.Code) {
        let error = #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(contentsOf: Fixtures.path("invalid/\(fixture).xml"))
        }
        #expect(error?.code == code)
    }

    @Test func reportsFilesThatCannotBeRead() throws {
        let missing = #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(contentsOf: Fixtures.path("no-such-contract.xml"))
        }
        #expect(missing?.code == .unreadable)
        #expect(missing?.diagnostics.map(\.message) == ["cannot open the file: no such file"])
        let folder = #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(contentsOf: Fixtures.path("valid"))
        }
        #expect(folder?.diagnostics.map(\.message) == ["cannot open the file: it is a directory, not a file"])
        // A device never ends: it is refused at once, not read until the size limit.
        let device = #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(contentsOf: "/dev/zero")
        }
        #expect(device?.code == .unreadable)
        // A file above the limit (256 MiB; 1 MiB here) is refused once the limit is passed, unparsed.
        let large = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-large-\(UUID().uuidString).xml"
        )
        try Data(("<contract>" + String(repeating: "<!-- padding -->", count: 100_000) + "</contract>").utf8).write(
            to: large
        )
        defer { try? FileManager.default.removeItem(at: large) }
        let tooLarge = #expect(throws: ContractLoadError.self) {
            try ContractLoader(maximumFileSize: 1 << 20).load(contentsOf: large.path)
        }
        #expect(tooLarge?.code == .unreadable)
        #expect(tooLarge?.diagnostics.map(\.message) == ["the file is larger than 1 MiB, the most a contract may be"])
        #expect(device?.diagnostics.first?.message.hasPrefix("cannot open the file: it is not a regular file") == true)
    }

    @Test func reportsEmptyAndNonTextFiles() {
        let cases: [([UInt8], String)] = [
            ([], "1:1 the file is empty"),
            (Array("  \n".utf8), "2:1 the file is empty"),
            (Array("<contract>\u{0}</contract>".utf8), "1:11 the file is not text: it contains a NUL byte"),
            (Array("just some words".utf8), "1:1 the file is not XML: it does not start with an element"),
        ]
        for (bytes, expected) in cases {
            let error = #expect(throws: ContractLoadError.self) {
                try ContractLoader().load(bytes: bytes, path: "x.xml")
            }
            let diagnostic = error?.diagnostics.first
            #expect(
                diagnostic.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" } == expected
            )
            #expect(error?.code == .malformed)
        }
    }
}
