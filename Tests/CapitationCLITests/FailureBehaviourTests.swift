import Foundation
import Testing

/// Every shape of bad input the tool is known to meet, given to `capitation settle` as a user would.
///
/// Each gives its own message naming the file (and line, and field, where there is one) and its exit
/// code; the process never dies from a signal and never leaves a `settlement.json` behind. The list is
/// the one in `docs/failure-behaviour.md`.
struct FailureBehaviourTests {
    /// A way to break the small example, and what the tool must say.
    struct Shape: CustomTestStringConvertible, Sendable {
        var name: String
        /// Breaks the copy of the example in `folder`.
        var prepare: @Sendable (URL) throws -> Void
        var arguments: [String] = []
        var status: Int32
        /// Fragments of standard error, in the order given.
        var messages: [String]
        /// Fragments of `rejected-claims.csv`, for a settlement that is made with the bad lines rejected.
        var rejected: [String] = []
        var testDescription: String { name }
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Rewrites each claim line (and the header too, with `header`) of file `name`, written with LF.
    static func transform(
        _ name: String,
        in folder: URL,
        header: Bool = false,
        _ change: (String) throws -> String
    ) throws {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        // By scalars: a CRLF is one Character, which splitting at "\n" would not split.
        let lines = text.unicodeScalars.split(separator: "\n").map { String($0).replacing("\r", with: "") }
        let changed = try lines.enumerated().map { index, line in index == 0 && !header ? line : try change(line) }
        try write(changed.joined(separator: "\n") + "\n", name, in: folder)
    }

    static func bytes(_ bytes: [UInt8], _ name: String, in folder: URL) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    static let claimHeader =
        "claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects"
    static let rosterHeader =
        "member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers"

    /// Not text at all: bytes from a fixed seed, NULs and invalid UTF-8 among them.
    static let noise: [UInt8] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<4096).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }()

    static let shapes: [Shape] = [
        Shape(
            name: "an empty roster",
            prepare: { try write("", "population.csv", in: $0) },
            status: 2,
            messages: ["population.csv: error: the file is empty; expected the header member_id,"]
        ),
        Shape(
            name: "a roster without its header",
            prepare: { try write("M001,1948-03-10,F,7101AB,0294,3311,,,,\n", "population.csv", in: $0) },
            status: 2,
            messages: ["population.csv:1: error: header:"]
        ),
        Shape(
            name: "a roster header with a column missing",
            prepare: { try write("member_id,birth_date\nM1,1950-01-01\n", "population.csv", in: $0) },
            status: 2,
            messages: ["population.csv:1: error: header: column sex is missing"]
        ),
        Shape(
            name: "a roster header with an unknown column",
            prepare: { folder in
                try write(
                    rosterHeader + ",shoe_size\nM001,1948-03-10,F,7101AB,0294,3311,,,,,42\n",
                    "population.csv",
                    in: folder
                )
            },
            status: 2,
            messages: ["population.csv:1: error: header:", "shoe_size"]
        ),
        Shape(
            name: "a birth date that does not exist",
            prepare: {
                try write(rosterHeader + "\nM001,1948-02-30,F,7101AB,0294,3311,,,,\n", "population.csv", in: $0)
            },
            status: 2,
            messages: ["population.csv:2: error:", "birth_date"]
        ),
        Shape(
            name: "a birth date beyond the calendar",
            prepare: {
                try write(rosterHeader + "\nM001,99999-01-01,F,7101AB,0294,3311,,,,\n", "population.csv", in: $0)
            },
            status: 2,
            messages: ["population.csv:2: error:", "birth_date"]
        ),
        Shape(
            name: "a roster that is not text",
            prepare: { try bytes(noise, "population.csv", in: $0) },
            status: 2,
            messages: ["population.csv:1: error:"]
        ),
        Shape(
            name: "a directory where the roster should be",
            prepare: { folder in
                try FileManager.default.removeItem(at: folder.appendingPathComponent("population.csv"))
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent("population.csv"),
                    withIntermediateDirectories: false
                )
            },
            status: 2,
            messages: ["population.csv: error: cannot open the file: it is a directory, not a file"]
        ),
        Shape(
            name: "a named pipe where the roster should be",
            prepare: { folder in
                let path = folder.appendingPathComponent("population.csv").path
                try FileManager.default.removeItem(atPath: path)
                guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
            },
            status: 2,
            messages: ["population.csv: error: cannot open the file: it is not a regular file"]
        ),
        Shape(
            name: "a device where the roster should be",
            prepare: { _ in },
            arguments: ["--population", "/dev/zero"],
            status: 2,
            messages: ["/dev/zero: error: cannot open the file: it is not a regular file"]
        ),
        Shape(
            name: "an empty claim file",
            prepare: { try write("", "claims/zvw.csv", in: $0) },
            status: 3,
            messages: ["claims/zvw.csv: the file holds no claim lines", "regime Zvw: no accepted claim line"]
        ),
        Shape(
            name: "a claim file without its header",
            prepare: { folder in
                try write(
                    "Z001,M001,Zvw,insurer-a,hap,huisarts,13003,2026-02-10,2026-02-10,120.00,D,\n",
                    "claims/zvw.csv",
                    in: folder
                )
            },
            status: 2,
            messages: ["zvw.csv:1: error: header:"]
        ),
        Shape(
            name: "a claim header with a column missing",
            prepare: { try write("claim_id,member_id,regime\nZ1,M001,Zvw\n", "claims/zvw.csv", in: $0) },
            status: 2,
            messages: ["zvw.csv:1: error: header:", "payer"]
        ),
        Shape(
            name: "a claim file that is not text",
            prepare: { try bytes(noise, "claims/zvw.csv", in: $0) },
            status: 2,
            messages: ["zvw.csv"]
        ),
        Shape(
            name: "a claim line of eight megabytes, an amount beyond 64 bits, a date beyond the calendar",
            prepare: { folder in
                let lines = [
                    "Z9,M001,Zvw,insurer-a,hap,huisarts," + String(repeating: "9", count: 8 << 20)
                        + ",2026-02-10,2026-02-10,1.00,D,",
                    "Z10,M001,Zvw,insurer-a,hap,huisarts,13003,2026-02-10,2026-02-10,99999999999999999999.99,D,",
                    "Z11,M001,Zvw,insurer-a,hap,huisarts,13003,0000-01-01,2026-02-10,1.00,D,",
                    "Z12,M001,Zvw,insurer-a,hap,huisarts,13003,2026-02-10,12026-02-10,1.00,D,",
                ]
                try write(([claimHeader] + lines).joined(separator: "\n") + "\n", "claims/zvw.csv", in: folder)
            },
            // No line of the file can be read, and Zvw has no other claims: accepted, to see the rejections.
            arguments: ["--accept-incomplete", "to see how each broken line is rejected"],
            status: 0,
            messages: [],
            rejected: [
                "zvw.csv,2,Z9,Zvw,1.00,invalid,column product is 8388608 bytes long; a value may have at most 1024",
                "zvw.csv,3,Z10,Zvw,,invalid,column amount: '99999999999999999999.99' is out of range",
                "zvw.csv,4,Z11,Zvw,1.00,invalid,column start_date: '0000-01-01' is not a day of the calendar",
                "zvw.csv,5,Z12,Zvw,1.00,invalid,column end_date:",
            ]
        ),
        Shape(
            name: "claim amounts whose sum does not fit in 64 bits",
            prepare: { folder in
                try write(
                    claimHeader
                        + "\nZ1,M001,Zvw,insurer-a,hap,huisarts,13003,2026-02-10,2026-02-10,90000000000000000.00,D,\n"
                        + "Z2,M001,Zvw,insurer-a,hap,huisarts,13003,2026-02-11,2026-02-11,90000000000000000.00,D,\n",
                    "claims/zvw.csv",
                    in: folder
                )
            },
            status: 3,
            messages: ["error: settlement refused:"]
        ),
        Shape(
            name: "an AW319 file cut off before its trailer",
            prepare: { folder in
                let source = CLI.repository.appendingPathComponent(
                    "Examples/native-formats/claims/wijkverpleging-elv-2026.asc"
                )
                let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\r\n")
                try write(lines.dropLast().joined(separator: "\r\n") + "\r\n", "claims/aw319.asc", in: folder)
            },
            status: 2,
            messages: ["aw319.asc:", "error: the file ends without its trailer record 99"]
        ),
        Shape(
            name: "a WMO323 message with a DOCTYPE",
            prepare: { folder in
                try write(
                    "<?xml version=\"1.0\"?><!DOCTYPE Bericht [<!ENTITY a \"b\">]><Bericht>&a;</Bericht>",
                    "claims/wmo323.xml",
                    in: folder
                )
            },
            status: 2,
            messages: ["wmo323.xml:1", "DOCTYPE"]
        ),
        Shape(
            name: "a contract that is not text",
            prepare: { try bytes(noise, "contract.xml", in: $0) },
            status: 2,
            messages: ["contract.xml:"]
        ),
        Shape(
            name: "a contract nested ten thousand levels deep",
            prepare: { folder in
                let text = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
                try write(text, "contract.xml", in: folder)
            },
            status: 2,
            messages: ["contract.xml:"]
        ),
        Shape(
            name: "a contract with an entity expansion bomb",
            prepare: { folder in
                let entities = (1...9).map { level in
                    "<!ENTITY e\(level) \"" + String(repeating: "&e\(level - 1);", count: 10) + "\">"
                }
                try write(
                    "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY e0 \"lol\">\(entities.joined())]><c>&e9;</c>",
                    "contract.xml",
                    in: folder
                )
            },
            status: 2,
            messages: ["contract.xml:1:22: error: the document declares a DOCTYPE", "refused unread"]
        ),
        // Claim files that read as nothing, or as too little: refused as incomplete unless accepted.
        Shape(
            name: "a claim file with decimal commas",
            prepare: { folder in
                try transform("claims/zvw.csv", in: folder) { line in
                    // 1450.00 → "1450,00": quoted, so that the comma is data.
                    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    fields[9] = "\"" + fields[9].replacing(".", with: ",") + "\""
                    return fields.joined(separator: ",")
                }
            },
            status: 3,
            messages: [
                "error: settlement refused: the claims look incomplete:",
                "claims/zvw.csv: none of its 28 claim lines can be read; the first lines:\n",
                "    line 2: column amount: '120,00' is not an amount in euros (e.g. 1234.50): it is written with a "
                    + "decimal comma; write a decimal point and no thousands separator, as in 120.00\n",
                "regime Zvw: no accepted claim line",
                "--accept-incomplete REASON",
            ]
        ),
        Shape(
            name: "a claim file with dates written day first",
            prepare: { folder in
                try transform("claims/wmo.csv", in: folder) { line in
                    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    for column in [7, 8] {
                        let parts = fields[column].split(separator: "-")
                        if parts.count == 3 { fields[column] = "\(parts[2])-\(parts[1])-\(parts[0])" }
                    }
                    return fields.joined(separator: ",")
                }
            },
            status: 3,
            messages: [
                "claims/wmo.csv: none of its 15 claim lines can be read; the first lines:\n",
                "    line 2: column start_date: '01-01-2026' is written day first; dates are written year first, "
                    + "YYYY-MM-DD, as in 2026-01-01",
            ]
        ),
        Shape(
            name: "a regime's claim file missing",
            prepare: { try FileManager.default.removeItem(at: $0.appendingPathComponent("claims/wlz.csv")) },
            status: 3,
            messages: [
                "regime Wlz: no accepted claim line, so its expenditure would be € 0.00 against its whole budget: "
                    + "is a claim file missing?"
            ]
        ),
        Shape(
            name: "a claim file with only its header",
            prepare: { try write(claimHeader + "\n", "claims/wmo.csv", in: $0) },
            status: 3,
            messages: ["claims/wmo.csv: the file holds no claim lines", "regime Wmo: no accepted claim line"]
        ),
        Shape(
            name: "a claim file with more unreadable lines than the contract allows",
            prepare: { folder in
                // Three more lines broken: with the example's own, 4 of 28 (14 %), more than the default 5 %.
                try transform("claims/zvw.csv", in: folder) { line in
                    ["Z010,", "Z011,", "Z012,"].contains(where: line.hasPrefix)
                        ? line.replacing(",2026-", with: ",2026/", maxReplacements: 1) : line
                }
            },
            status: 3,
            messages: ["claims/zvw.csv: 4 of its 28 claim lines cannot be read, more than the 5 % the contract allows"]
        ),
        Shape(
            name: "a claim file in ISO 8859-1",
            prepare: { folder in
                var bytes = Array(
                    try String(contentsOf: folder.appendingPathComponent("claims/zvw.csv"), encoding: .utf8).utf8
                )
                // The provider of line 3 becomes "coöp" in ISO 8859-1: ö is the single byte 0xF6.
                let target = Array("Z002,M001,Zvw,insurer-a,coop".utf8)
                guard let found = bytes.firstRange(of: target) else { throw CocoaError(.fileReadCorruptFile) }
                let start = found.upperBound - 2
                bytes.replaceSubrange(start..<start + 1, with: [0xF6])
                try Self.bytes(bytes, "claims/zvw.csv", in: folder)
            },
            status: 2,
            messages: [
                "claims/zvw.csv:3: error: the file is not UTF-8 text: column provider holds byte 0xF6",
                "(the first of 1 such line); it seems to be ISO 8859-1 or Windows-1252 (byte 0xF6 is 'ö' there, "
                    + "where the value reads 'coöp'). Save the file as UTF-8",
            ]
        ),
        Shape(
            name: "a roster in ISO 8859-1",
            prepare: { folder in
                var bytes = Array(try Data(contentsOf: folder.appendingPathComponent("population.csv")))
                // The municipality of the first member gets an é as ISO 8859-1 writes it: the byte 0xE9.
                guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")),
                    let comma = bytes[(end + 1)...].firstIndex(of: UInt8(ascii: ","))
                else { throw CocoaError(.fileReadCorruptFile) }
                bytes.insert(0xE9, at: comma)
                try Self.bytes(bytes, "population.csv", in: folder)
            },
            status: 2,
            messages: [
                "population.csv:2: error: column member_id is not valid UTF-8 text (is the file in ISO 8859-1 or "
                    + "Windows-1252? save it as UTF-8)"
            ]
        ),
        Shape(
            name: "a claim file separated by tabs",
            prepare: { folder in
                try transform("claims/zvw.csv", in: folder, header: true) { $0.replacing(",", with: "\t") }
            },
            status: 2,
            messages: ["claims/zvw.csv:1: error: header: the columns are separated by tabs"]
        ),
        Shape(
            name: "a claim file separated by semicolons",
            prepare: { folder in
                try transform("claims/zvw.csv", in: folder, header: true) { $0.replacing(",", with: ";") }
            },
            status: 2,
            messages: ["claims/zvw.csv:1: error: header: the columns are separated by semicolons (;)"]
        ),
        Shape(
            name: "a claim file in UTF-16",
            prepare: { folder in
                let text = try String(contentsOf: folder.appendingPathComponent("claims/zvw.csv"), encoding: .utf8)
                try Data(([0xFF, 0xFE] as [UInt8]) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
                    .write(to: folder.appendingPathComponent("claims/zvw.csv"))
            },
            status: 2,
            messages: ["claims/zvw.csv:1: error: header: the file is UTF-16 text"]
        ),
        Shape(
            name: "an observation of an indicator the contract does not have",
            prepare: { folder in
                try transform("indicators.csv", in: folder) {
                    $0.replacing("acute-admissions", with: "acute-admisions")
                }
            },
            status: 2,
            messages: [
                "indicators.csv:2: error: indicator 'acute-admisions' is not in the contract (did you mean "
                    + "'acute-admissions'?); 6 rows of this file name it. The contract's indicators are"
            ]
        ),
        Shape(
            name: "a file that is not CSV in an indicator folder",
            prepare: { try write("notes\n", "indicators/notes.txt", in: $0) },
            status: 2,
            messages: ["indicators/notes.txt: error: not a .csv file, in a folder that holds only .csv files"]
        ),
        Shape(
            name: "control bytes and a line cut short",
            prepare: { folder in
                let text = try String(contentsOf: folder.appendingPathComponent("claims/zvw.csv"), encoding: .utf8)
                try write(
                    text + "Z9\u{0}9,M001,Zvw,insurer-a,hap\u{1B}[2J\n" + "Z98,M001,Zvw,insurer-a\n",
                    "claims/zvw.csv",
                    in: folder
                )
            },
            // 3 of 30 lines unreadable is more than 5 %: accepted, to see how they are rejected.
            arguments: ["--accept-incomplete", "to see how broken lines are rejected"],
            status: 0,
            messages: [],
            rejected: [
                "zvw.csv,30,Z9\\u{0}9,,,invalid,the line has 5 fields; the header has 12",
                "zvw.csv,31,Z98,,,invalid,the line has 4 fields; the header has 12",
            ]
        ),
        Shape(
            name: "an output folder inside a file",
            prepare: { _ in },
            arguments: ["--out", "/dev/null/settlement"],
            status: 4,
            messages: ["error: cannot write the outputs:"]
        ),
    ]

    @Test(arguments: shapes)
    func failsWell(_ shape: Shape) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-shape-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.repository.appendingPathComponent("Examples/small-fieldlab")
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "settlement" {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(item),
                to: folder.appendingPathComponent(item)
            )
        }
        try shape.prepare(folder)
        let result = try CLI.run(["settle", folder.path, "--quiet"] + shape.arguments)
        #expect(!result.diedFromSignal, "died from signal \(result.status): \(result.standardError)")
        #expect(result.status == shape.status, "\(result.standardError)")
        var rest = Substring(result.standardError)
        for message in shape.messages {
            let found = rest.ranges(of: message).first
            #expect(found != nil, "missing '\(message)' in: \(result.standardError)")
            if let found { rest = rest[found.upperBound...] }
        }
        // A long line is not echoed back: messages stay readable.
        #expect(result.standardError.count < 4_000)
        if !shape.rejected.isEmpty {
            let rejected = try String(
                contentsOf: folder.appendingPathComponent("settlement/rejected-claims.csv"),
                encoding: .utf8
            )
            for line in shape.rejected { #expect(rejected.contains(line), "missing '\(line)'") }
            #expect(rejected.count < 100_000, "the long line is not copied into rejected-claims.csv")
        }
        let json = folder.appendingPathComponent("settlement/settlement.json")
        #expect(FileManager.default.fileExists(atPath: json.path) == (shape.status == 0))
    }
}
