public import CapitationCore

/// Reads the population roster, `population.csv`:
/// `member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers`.
///
/// Every row must read completely: a roster problem is an error of the whole settlement, because a
/// person silently dropped from the roster would change the budget.
public enum RosterReader: Sendable {
    /// The members of the roster in `bytes`, or every problem found.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The file's path, for messages.
    /// - Returns: The members, in the roster's order.
    /// - Throws: ``InputError`` listing each problem with its line and column name.
    public static func read(_ bytes: [UInt8], path: String) throws(InputError) -> [Member] {
        var problems = ProblemCollector(path: path)
        // A roster's row takes some forty bytes.
        var members: [Member] = []
        members.reserveCapacity(bytes.count / 40)
        var firstLine: [MemberID: Int] = [:]
        firstLine.reserveCapacity(bytes.count / 40)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            guard scanner.next() else {
                problems.add(
                    line: nil,
                    "the file is empty; expected the header \(CSVColumns.roster.joined(separator: ","))"
                )
                return
            }
            let header: CSVHeader
            switch CSVHeader.match(scanner, expected: CSVColumns.roster) {
            case .success(let matched): header = matched
            case .failure(let error):
                for problem in error.problems { problems.add(line: scanner.line, "header: \(problem)") }
                return
            }
            let column = header.positions
            while scanner.nextRecord(shapedLike: header, &problems) {
                var issues: [String] = []
                let id = scanner.required(column[0], "member_id", &issues)
                let birth = scanner.date(column[1], "birth_date", &issues)
                let sex = scanner.choice(column[2], "sex", as: Sex.self, &issues)
                let postcode = postcode(scanner.optional(column[3], "postcode", &issues), &issues)
                let municipality = code(scanner.optional(column[4], "municipality", &issues), "municipality", &issues)
                let insurer = code(scanner.optional(column[5], "insurer", &issues), "insurer", &issues)
                let from = scanner.optionalDate(column[6], "enrolled_from", &issues)
                let to = scanner.optionalDate(column[7], "enrolled_to", &issues)
                let death = scanner.optionalDate(column[8], "death_date", &issues)
                let markers = self.markers(scanner.optional(column[9], "markers", &issues), &issues)
                if let from, let to, to < from { issues.append("enrolled_to \(to) is before enrolled_from \(from)") }
                if let birth, let death, death < birth {
                    issues.append("death_date \(death) is before birth_date \(birth)")
                }
                if let id {
                    if let problem = BSN.problem(withMemberID: id) {
                        issues.append("column member_id \(problem)")
                    } else if id == BSN.dummyMemberID {
                        issues.append(
                            "column member_id is the dummy BSN 999999999 of a person without a BSN, which is no "
                                + "one's: a roster names each member by their own number or pseudonym"
                        )
                    } else if let earlier = firstLine[MemberID(id)] {
                        issues.append("member_id is already on line \(earlier)")
                    } else {
                        firstLine[MemberID(id)] = scanner.line
                    }
                }
                guard issues.isEmpty, let id, let birth, let sex else {
                    for issue in issues { problems.add(line: scanner.line, issue) }
                    continue
                }
                members.append(
                    Member(
                        id: MemberID(id),
                        birthDate: birth,
                        sex: sex,
                        postcode: postcode,
                        municipality: municipality,
                        insurer: insurer,
                        enrolledFrom: from,
                        enrolledTo: to,
                        deathDate: death,
                        markers: markers
                    )
                )
            }
        }
        if let error = problems.error { throw error }
        return members
    }

    /// The four-digit part of a Dutch postcode: `7101`, `7101AB` or `7101 AB`.
    static func postcode(_ text: String?, _ issues: inout [String]) -> Int? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        let digits = bytes.prefix(4)
        let letters = bytes.dropFirst(4).drop { $0 == UInt8(ascii: " ") }
        let isLetter: (UInt8) -> Bool = {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
        }
        guard digits.count == 4, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.first != UInt8(ascii: "0"),
            letters.isEmpty || (letters.count == 2 && letters.allSatisfy(isLetter)), bytes.count <= 7
        else {
            issues.append(
                "column postcode: '\(text.abbreviatedForMessage)' is not a Dutch postcode (1234AB, 1234 AB or 1234)"
            )
            return nil
        }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func code(_ text: String?, _ column: String, _ issues: inout [String]) -> String? {
        guard let text else { return nil }
        guard text.isFourDigitCode else {
            issues.append("column \(column): '\(text.abbreviatedForMessage)' is not a four-digit code")
            return nil
        }
        return text
    }

    private static func markers(_ text: String?, _ issues: inout [String]) -> [RiskMarkerID] {
        guard let text else { return [] }
        var result: [RiskMarkerID] = []
        for marker in text.splitAtCharacter(";", omittingEmptySubsequences: false) {
            guard marker.isIdentifier else {
                issues.append(
                    "column markers: '\(marker.abbreviatedForMessage)' is not a marker id (markers are separated by ';')"
                )
                continue
            }
            result.append(RiskMarkerID(marker))
        }
        return result
    }
}
