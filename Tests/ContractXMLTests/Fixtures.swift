import Foundation

/// The test fixtures, from the bundle the package builds for this target.
enum Fixtures {
    /// The folder `Fixtures/` as copied into the test bundle.
    static var folder: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures folder is missing from the test bundle")
        }
        return url
    }

    static func path(_ relative: String) -> String {
        folder.appendingPathComponent(relative).path
    }

    /// The names of the fixtures in `Fixtures/invalid`, without `.xml`, sorted.
    static var invalidNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path("invalid"))) ?? []
        return files.filter { $0.hasSuffix(".xml") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The repository's own folder, for the shipped example contracts and the schema.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

/// What a fixture says its diagnostics must be: `<!-- expect LINE:COLUMN SEVERITY: MESSAGE -->` lines.
struct Expectation: Equatable, CustomStringConvertible {
    var line: Int?
    var column: Int?
    var severity: String
    var message: String

    var description: String {
        "\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") \(severity): \(message)"
    }

    static func all(in text: String) -> [Expectation] {
        text.split(separator: "\n").compactMap { line -> Expectation? in
            guard line.hasPrefix("<!-- expect "), line.hasSuffix(" -->") else { return nil }
            let body = line.dropFirst("<!-- expect ".count).dropLast(" -->".count)
            guard let space = body.firstIndex(of: " ") else { return nil }
            let position = body[..<space].split(separator: ":", omittingEmptySubsequences: false)
            let rest = body[body.index(after: space)...]
            guard position.count == 2, let colon = rest.range(of: ": ") else { return nil }
            return Expectation(
                line: Int(position[0]),
                column: Int(position[1]),
                severity: String(rest[..<colon.lowerBound]),
                message: String(rest[colon.upperBound...])
            )
        }
    }
}
