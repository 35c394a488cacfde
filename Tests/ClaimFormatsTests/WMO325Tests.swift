import CapitationCore
import ClaimFormats
import Foundation
import SafeXML
import Testing

/// WMO325 answers to the sample declaration of `WMO323Sample` (WMO-1 420.00 D and WMO-2 35.00 C of
/// 111222333, WMO-3 612.50 D of 123456782; total 997.50 D).
enum WMO325Sample {
    static func service(_ reference: String) throws -> WMO323Service {
        let text = try WMO323Sample.text()
        var read: WMO323Service?
        var done = false
        try WMO323Reader.read(path: "wmo.xml") { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : Array(text.utf8)
        } _: { (part) throws(InputError) in
            if case .client(let client) = part, let match = client.services.first(where: { $0.reference == reference })
            {
                read = match
            }
        }
        return try #require(read)
    }

    /// An answer refusing `refused` (reference, client, codes), with the awarded total given.
    static func answer(
        refusing refused: [(String, String, [String])] = [],
        declarationCodes: [String] = [WJ001.noRemark],
        headerCodes: [String] = [WJ001.noRemark],
        awarded: String,
        number: String = WMO323Sample.header.declarationNumber,
        withDeclaration: Bool = true
    ) throws -> WMO325Answer {
        var clients: [WMO325Answer.Client] = []
        for (reference, bsn, codes) in refused {
            let service = WMO325Answer.Service(declared: try service(reference), codes: codes)
            if let index = clients.firstIndex(where: { $0.bsn == bsn }) {
                clients[index].services.append(service)
            } else {
                clients.append(WMO325Answer.Client(bsn: bsn, services: [service], codes: [WJ001.noRemark]))
            }
        }
        return WMO325Answer(
            sender: "0294",
            receiver: "75750001",
            identification: "A0001",
            messageDate: "2026-04-20",
            declarationIdentification: WMO323Sample.header.identification,
            declarationMessageDate: WMO323Sample.header.messageDate,
            headerCodes: headerCodes,
            declaration: withDeclaration
                ? WMO325Answer.Declaration(
                    number: number,
                    declaredAmount: "99750",
                    declaredSide: "D",
                    awardedAmount: awarded,
                    awardedSide: "D",
                    clients: clients,
                    codes: declarationCodes
                ) : nil
        )
    }

    /// The answer written and read back, as a verdict.
    static func verdict(_ answer: WMO325Answer) throws(InputError) -> WMO325Verdict {
        let bytes = WMO325Writer.answer(answer)
        var done = false
        let read = try WMO325Reader.read(path: "answer.xml") { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : bytes
        }
        return try WMO325Verdict(answer: read, path: "answer.xml", file: 1)
    }

    /// The sample declaration read with `verdict`: its lines, and the check's error if any.
    static func declaration(with verdict: WMO325Verdict) throws -> (lines: [ClaimLine], error: InputError?) {
        let bytes = Array(try WMO323Sample.text().utf8)
        var lines: [ClaimLine] = []
        var claims: WMO323Claims?
        var done = false
        try WMO323Reader.read(path: "wmo.xml") { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : bytes
        } _: { (part) throws(InputError) in
            switch part {
            case .header(let header):
                claims = try WMO323Claims(header: header, path: "wmo.xml", file: 0)
                #expect(verdict.answers(header))
                claims?.verdict = verdict
            case .client(let client):
                claims?.lines(of: client) { if case .line(let line) = $0 { lines.append(line) } }
            }
        }
        do {
            try claims?.check()
            return (lines, nil)
        } catch {
            return (lines, error)
        }
    }
}

struct WMO325Tests {
    @Test func anAnswerRefusingOneServiceRefusesThatServiceOnly() throws {
        // WMO-3 (612.50 D) refused with 9322 and 0611: awarded 997.50 − 612.50 = 385.00.
        let verdict = try WMO325Sample.verdict(
            try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["9322", "0611"])], awarded: "38500")
        )
        #expect(verdict.refusedInFull == nil)
        let (lines, error) = try WMO325Sample.declaration(with: verdict)
        #expect(error == nil)
        #expect(lines.map { $0.answer?.approved } == [nil, nil, Cents.zero])
        #expect(lines[2].answer?.codes == ["9322", "0611"])
        #expect(
            lines[2].answer?.explanation
                == "WMO325 A0001: 9322 (De som van de ingediende volumes overschrijdt het toegewezen volume), 0611 (Het ingediende tarief komt niet overeen met het contractuele tarief)"
        )
    }

    @Test func anAnswerApprovingInFullRefusesNothing() throws {
        let verdict = try WMO325Sample.verdict(
            try WMO325Sample.answer(declarationCodes: [WJ001.approvedInFull], awarded: "99750")
        )
        let (lines, error) = try WMO325Sample.declaration(with: verdict)
        #expect(error == nil)
        #expect(lines.allSatisfy { $0.answer == nil })
    }

    @Test func aDeclarationRefusedAsAWholeRefusesEveryService() throws {
        // The declaration number was used before (9333): nothing is awarded.
        let declaration = try WMO325Sample.verdict(
            try WMO325Sample.answer(declarationCodes: ["9333"], awarded: "0")
        )
        #expect(declaration.refusedInFull == ["9333"])
        let (lines, error) = try WMO325Sample.declaration(with: declaration)
        #expect(error == nil)
        #expect(lines.map { $0.answer?.approved } == [.zero, .zero, .zero])

        // Refused on its content (0001): only a Header comes back.
        let header = try WMO325Sample.verdict(
            try WMO325Sample.answer(headerCodes: ["0001"], awarded: "0", withDeclaration: false)
        )
        #expect(header.refusedInFull == ["0001"])
        #expect(try WMO325Sample.declaration(with: header).lines.allSatisfy { $0.answer?.approved == .zero })
    }

    @Test func refusesAnAnswerThatContradictsItself() throws {
        func problems(_ answer: WMO325Answer) -> [String] {
            do {
                _ = try WMO325Sample.verdict(answer)
                return []
            } catch {
                return error.diagnostics.map(\.message)
            }
        }
        #expect(
            try problems(WMO325Sample.answer(declarationCodes: ["9333"], awarded: "500"))
                == ["the declaration is refused with 9333, but TotaalToegekendBedrag is 500, not 0"]
        )
        #expect(
            try problems(
                WMO325Sample.answer(
                    refusing: [("WMO-3", WMO323Sample.second, ["0611"])],
                    declarationCodes: [WJ001.approvedInFull],
                    awarded: "99750"
                )
            ) == ["the declaration is approved in full (8001), yet the answer lists refused services"]
        )
        #expect(
            try problems(WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["0200"])], awarded: "38500"))
                == [
                    "service WMO-3 is sent back without a refusal; an answer lists only the services it refuses (iWmo rule TR342)"
                ]
        )
        #expect(
            try problems(WMO325Sample.answer(awarded: "0", withDeclaration: false))
                == ["the answer has no DeclaratieAntwoord, yet its Header refuses nothing (return code 0200)"]
        )
        var twice = try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["0611"])], awarded: "38500")
        let first = try #require(twice.declaration?.clients[0].services[0])
        twice.declaration?.clients[0].services.append(first)
        #expect(problems(twice) == ["service WMO-3 is answered twice in the same answer"])
        var declaration = try WMO325Sample.answer(awarded: "99750", withDeclaration: false)
        declaration.messageCode = "484"
        declaration.headerCodes = ["0001"]
        #expect(problems(declaration) == ["BerichtCode is '484'; a WMO325 declaration answer has 485"])
    }

    @Test func refusesAnAnswerThatDoesNotFitItsDeclaration() throws {
        func problems(_ answer: WMO325Answer) throws -> [String] {
            try WMO325Sample.declaration(with: WMO325Sample.verdict(answer)).error?.diagnostics.map(\.description) ?? []
        }
        var found: [String]
        // A service that is not in the declaration.
        var answer = try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["0611"])], awarded: "38500")
        answer.declaration?.clients[0].services[0].declared.reference = "WMO-9"
        found = try problems(answer)
        // Nothing declared is refused, so the awarded total no longer adds up either.
        #expect(
            found == [
                "answer.xml:43: error: the answer refuses service WMO-9, which is not in declaration DEC202603 (wmo.xml)",
                "answer.xml:36: error: the answer's TotaalToegekendBedrag is 385.00, but declaration DEC202603 (wmo.xml) declares 997.50 of which the answer refuses 0.00, leaving 997.50",
            ]
        )

        // A service of another client.
        answer = try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.first, ["0611"])], awarded: "38500")
        found = try problems(answer)
        #expect(
            found == [
                "answer.xml:43: error: the answer refuses service WMO-3 of another client than declaration DEC202603 (wmo.xml) declares it for"
            ]
        )

        // Another declaration number, and an awarded total that is not the declared one less the refusals.
        answer = try WMO325Sample.answer(
            refusing: [("WMO-3", WMO323Sample.second, ["0611"])],
            awarded: "99750",
            number: "DEC202604"
        )
        found = try problems(answer)
        #expect(
            found == [
                "answer.xml:30: error: the answer is to DeclaratieNummer 'DEC202604', but the message it names, wmo.xml, declares 'DEC202603'",
                "answer.xml:36: error: the answer's TotaalToegekendBedrag is 997.50, but declaration DEC202603 (wmo.xml) declares 997.50 of which the answer refuses 612.50, leaving 385.00",
            ]
        )
    }

    @Test func theWrittenAnswerPassesTheOfficialSchema() throws {
        let schema = try OfficialWMO323.schema("WMO325.xsd")
        for answer in [
            try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["9322", "0611"])], awarded: "38500"),
            try WMO325Sample.answer(declarationCodes: [WJ001.approvedInFull], awarded: "99750"),
            try WMO325Sample.answer(headerCodes: ["0001"], awarded: "0", withDeclaration: false),
        ] {
            #expect(schema.validate(WMO325Writer.answer(answer)).problems == [])
        }
    }

    @Test func readsWhatTheWriterWrote() throws {
        let answer = try WMO325Sample.answer(refusing: [("WMO-2", WMO323Sample.first, ["8017"])], awarded: "103250")
        var done = false
        let bytes = WMO325Writer.answer(answer)
        var read = try WMO325Reader.read(path: "a.xml") { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : bytes
        }
        read.lines = [:]
        var expected = answer
        expected.declaration?.clients[0].line = read.declaration?.clients[0].line ?? 0
        expected.declaration?.clients[0].services[0].declared.line =
            read.declaration?.clients[0].services[0].declared.line ?? 0
        #expect(read == expected)
        #expect(ClaimFileFormat.detect(bytes) == .wmo325)
        #expect(ClaimFileFormat.detect(Array(try WMO323Sample.text().utf8)) == .wmo323)
    }
}
