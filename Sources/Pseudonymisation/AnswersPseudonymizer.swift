import CapitationCore
public import ClaimFormats

/// Pseudonymises a financier's answers: WMO325 declaration answers and CSV answers.
///
/// A WMO325 answer names its clients by Bsn and repeats the declared services, whose references and
/// assignment numbers may hold the Bsn: each is replaced as in the declaration. A CSV answer names no
/// member, but a line's reference (or the reason in words) may hold its member's BSN: every run of nine
/// digits that is a BSN pseudonymised before (from the roster and the claims, which are pseudonymised
/// first) is replaced by its pseudonym, so that the answer still names its line.
public enum AnswersPseudonymizer: Sendable {
    /// The WMO325 answer in `bytes`, pseudonymised.
    ///
    /// - Throws: `InputError` when the answer cannot be read, or a Bsn is not nine digits.
    public static func rewriteWMO325(
        _ bytes: [UInt8],
        path: String,
        pseudonyms: inout BSNPseudonyms
    ) throws(InputError) -> [UInt8] {
        var done = false
        var answer = try WMO325Reader.read(path: path) { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : bytes
        }
        var problems = ProblemCollector(path: path)
        if var declaration = answer.declaration {
            for index in declaration.clients.indices {
                let original = declaration.clients[index].bsn
                guard let pseudonym = pseudonyms.pseudonym(of: original.utf8) else {
                    problems.add(
                        line: declaration.clients[index].line,
                        "the client's Bsn is not nine digits, so it cannot be pseudonymised"
                    )
                    continue
                }
                let replacement = String(decoding: pseudonym, as: UTF8.self)
                declaration.clients[index].bsn = replacement
                for service in declaration.clients[index].services.indices {
                    declaration.clients[index].services[service].declared.reference.replace(original, with: replacement)
                    declaration.clients[index].services[service].declared.previousReference?
                        .replace(original, with: replacement)
                    declaration.clients[index].services[service].declared.assignment.replace(
                        original,
                        with: replacement
                    )
                }
            }
            answer.declaration = declaration
        }
        if let error = problems.error { throw error }
        return WMO325Writer.answer(answer)
    }

    /// The CSV answers in `bytes`, with every BSN known to `pseudonyms` replaced; every other byte as it was.
    ///
    /// - Throws: `InputError` when the file is not a valid answers file.
    public static func rewriteCSV(
        _ bytes: [UInt8],
        path: String,
        pseudonyms: BSNPseudonyms
    ) throws(InputError) -> [UInt8] {
        _ = try AnswersReader.read(bytes, path: path, file: 0)
        var output = bytes
        var start = 0
        while start < output.count {
            guard output[start].isDigit else {
                start += 1
                continue
            }
            var end = start
            while end < output.count, output[end].isDigit { end += 1 }
            if end - start == 9, let number = Int(String(decoding: output[start..<end], as: UTF8.self)),
                let pseudonym = pseudonyms.knownPseudonym(of: number)
            {
                output.replaceSubrange(start..<end, with: BSN.digitBytes(pseudonym))
            }
            start = end
        }
        return output
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
