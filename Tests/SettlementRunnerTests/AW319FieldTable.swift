import Foundation

/// The Vektis AW319 v1.4 field table as the repository holds it: every field of records 01, 02, 04, 98 and
/// 99 with its type, length, positions, M/C/O/S, code list, condition and regular expression, and the
/// order of the records.
struct AW319FieldTable: Decodable {
    struct Field: Decodable {
        /// `01`, `02`, `04`, `98` or `99`.
        var record: String
        var nr: Int
        var name: String
        /// `N` (digits, zero-padded) or `AN` (text, space-padded).
        var type: String
        var length: Int
        /// `EEJJMMDD` for a date, `NNNNAA` for a postcode, or empty.
        var pattern: String
        var start: Int
        var end: Int
        /// `M` mandatory, `C` conditional, `O` optional, `S` spaces (reserved).
        var required: String
        var code: String
        var condition: String
        var regex: String
    }

    /// One level of the message structure: a record kind, where it may stand and how often.
    struct Level: Decodable {
        var record: String
        var level1: String?
        var level2: String?
        var level3: String?
        var min: String
        var max: String
    }

    var version: String
    var fields: [Field]
    var structure: [Level]

    /// The fields of `record` in the order of their positions.
    func fields(of record: String) -> [Field] {
        fields.filter { $0.record == record }.sorted { $0.start < $1.start }
    }

    /// The file `Tests/Standards/vektis-aw319-1.4/aw319v1.4_fields.json`, found from this source file.
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Standards/vektis-aw319-1.4/aw319v1.4_fields.json")
    }

    static func load() throws -> AW319FieldTable {
        try JSONDecoder().decode(AW319FieldTable.self, from: Data(contentsOf: url))
    }
}
