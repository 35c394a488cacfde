import CapitationCore

/// What the AW319 v1.4 field table allows, checked before a record is written.
extension AW319Writer {
    /// Checks the header's codes, who is paid (113) against fields 109–112, and the invoice number.
    static func check(_ header: AW319Header) throws(AW319WriteError) {
        let field = AW319Layout.field
        guard AW319Header.regime(ofMessageCode: header.messageCode) != nil else {
            throw AW319WriteError(
                description:
                    "\(field(102).label) is \(header.messageCode); AW319 files carry 187 (Wlz), 428 (district nursing and ELV) or 430 (sensory-impaired care)"
            )
        }
        guard header.version == 1, header.subversion == 4 else {
            throw AW319WriteError(
                description:
                    "fields 103 and 104 give the version \(header.version).\(header.subversion); this writer writes AW319 v1.4 (01 and 04)"
            )
        }
        guard ["P", "T"].contains(header.messageKind) else {
            throw AW319WriteError(description: "\(field(105).label) is '\(header.messageKind)'; it is P or T")
        }
        guard isZero(header.serviceBureau) || isServiceBureauCode(header.serviceBureau) else {
            throw AW319WriteError(
                description:
                    "\(field(109).label) is '\(header.serviceBureau)'; a service bureau's code is 98 and six digits"
            )
        }
        for (number, code) in [(110, header.provider), (111, header.practice)] where !isZero(code) && !isAGBCode(code) {
            throw AW319WriteError(description: "\(field(number).label) is '\(code)', which is no AGB code")
        }
        guard isAGBCode(header.institution) else {
            throw AW319WriteError(
                description:
                    "\(field(112).label) is '\(header.institution)'; the table wants the institution's AGB code there, always"
            )
        }
        guard isZero(header.provider) == isZero(header.practice) else {
            throw AW319WriteError(
                description:
                    "\(field(110).label) is filled when \(field(111).label) is, and only then: an institution fills 112 instead"
            )
        }
        let paid: [Int: (number: Int, code: String)] = [
            AW319Codes.payServiceBureau: (109, header.serviceBureau), AW319Codes.payProvider: (110, header.provider),
            AW319Codes.payPractice: (111, header.practice), AW319Codes.payInstitution: (112, header.institution),
        ]
        guard let payee = paid[header.payTo] else {
            throw AW319WriteError(description: "\(field(113).label) is \(header.payTo); it is 1, 2, 3 or 4")
        }
        guard !isZero(payee.code) else {
            throw AW319WriteError(
                description:
                    "\(field(113).label) is 0\(header.payTo), which pays \(field(payee.number).label), but that field is empty"
            )
        }
        try requireLeadingText(header.invoiceNumber, field(116))
    }

    /// Checks the person's name, initials, address and indication.
    static func check(_ person: AW319Person) throws(AW319WriteError) {
        let field = AW319Layout.field
        try requireLeadingText(person.name, field(210))
        guard !person.name.isEmpty, !person.name.allSatisfy({ $0 == "0" }) else {
            throw AW319WriteError(description: "\(field(210).label) is a name, not zeros")
        }
        guard !person.initials.isEmpty, person.initials.unicodeScalars.allSatisfy(isInitial) else {
            throw AW319WriteError(
                description:
                    "\(field(215).label) holds the initials as letters without dots or spaces, such as 'JH', not '\(person.initials)'"
            )
        }
        switch person.address {
        case .netherlands(let postcode, let houseNumber, let addition):
            guard isDutchPostcode(postcode) else {
                throw AW319WriteError(
                    description: "\(field(217).label) is a Dutch postcode such as 7101AB, not '\(postcode)'"
                )
            }
            guard (0...99_999).contains(houseNumber) else {
                throw AW319WriteError(description: "\(field(219).label) is 0 through 99999, not \(houseNumber)")
            }
            if !addition.isEmpty { try requireLeadingText(addition, field(220)) }
        case .abroad(let country, let postcode):
            let letters = country.unicodeScalars.filter { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
            guard letters.count == 2, country.count == 2, country.uppercased() != "NL" else {
                throw AW319WriteError(
                    description:
                        "\(field(221).label) is the two-letter ISO 3166 code of the country abroad, not '\(country)'"
                )
            }
            if !postcode.isEmpty { try requireLeadingText(postcode, field(218)) }
        }
        if let indication = person.indication {
            try requireLeadingText(indication.client, field(225))
            for (number, value) in [(410, indication.request), (411, indication.decision)]
            where !(1...999_999_999).contains(value) {
                throw AW319WriteError(description: "\(field(number).label) is 1 through 999999999, not \(value)")
            }
        }
    }

    /// Checks a claim line against its person and the file's message code.
    static func check(
        _ line: ClaimLine,
        volume: ClaimLine.Volume,
        function: String?,
        of person: AW319Person,
        messageCode: Int
    ) throws(AW319WriteError) {
        let field = AW319Layout.field
        let claim = "claim \(line.claimID)"
        guard AW319Header.regime(ofMessageCode: messageCode) == line.regime else {
            throw AW319WriteError(description: "\(claim) is a \(line.regime) claim, not one of message \(messageCode)")
        }
        guard line.payer == person.uzovi else {
            throw AW319WriteError(
                description:
                    "\(claim): \(field(404).label) repeats the UZOVI number of its insured-person record, \(person.uzovi), not '\(line.payer)'"
            )
        }
        let lists = AW319Codes.serviceLists(messageCode: messageCode)
        guard lists.contains(line.category.rawValue) else {
            throw AW319WriteError(
                description:
                    "\(claim): \(field(416).label) is '\(line.category.rawValue)'; in message \(messageCode) it is \(lists.joined(separator: ", "))"
            )
        }
        try requireLeadingText(line.product.rawValue, field(417))
        guard AW319Codes.timeUnits.contains(volume.unit) else {
            throw AW319WriteError(
                description:
                    "\(claim): \(field(419).label) is '\(volume.unit)'; it is one of \(AW319Codes.timeUnits.joined(separator: ", "))"
            )
        }
        if AW319Codes.districtNursingUnits.contains(volume.unit),
            line.category.rawValue != AW319Codes.districtNursingList
        {
            throw AW319WriteError(
                description: "\(claim): \(field(419).label) \(volume.unit) is for district nursing (list 065) only"
            )
        }
        guard line.service.start.year >= 2013 else {
            throw AW319WriteError(description: "\(claim): \(field(414).label) lies after 31-12-2012")
        }
        guard isAGBCode(line.provider) else {
            throw AW319WriteError(
                description: "\(claim): \(field(420).label) is '\(line.provider)', which is no AGB code"
            )
        }
        try requireLeadingText(line.claimID, field(431))
        if line.side == .credit { try requireLeadingText(line.corrects ?? "", field(432)) }
        try checkIndication(of: line, function: function, person: person)
    }

    /// A claim under a care profile (413) or function (412) is one under an indication, and a person with
    /// an indication claims under one of them.
    private static func checkIndication(
        of line: ClaimLine,
        function: String?,
        person: AW319Person
    ) throws(AW319WriteError) {
        let field = AW319Layout.field
        let claim = "claim \(line.claimID)"
        if let profile = line.careProfile?.rawValue, profile.allSatisfy({ $0 == "0" }) {
            throw AW319WriteError(description: "\(claim): \(field(413).label) '\(profile)' is no care profile")
        }
        if let function, function.allSatisfy({ $0 == "0" }) {
            throw AW319WriteError(description: "\(claim): \(field(412).label) '\(function)' is no function")
        }
        let underIndication = line.careProfile != nil || function != nil
        if underIndication, person.indication == nil {
            throw AW319WriteError(
                description:
                    "\(claim): a care profile (413) or function (412) is claimed under a Wlz indication, which its insured-person record lacks (224, 225)"
            )
        }
        if !underIndication, person.indication != nil {
            throw AW319WriteError(
                description:
                    "\(claim): the person has a Wlz indication, so the claim names its care profile (413) or its function (412)"
            )
        }
    }

    /// Refuses text that is empty or starts with a space, as the table's `^[^\s]` expressions do.
    static func requireLeadingText(_ text: String, _ field: AW319Field) throws(AW319WriteError) {
        guard let first = text.unicodeScalars.first, !first.properties.isWhitespace else {
            throw AW319WriteError(description: "\(field.label) is mandatory and starts with a character, not a space")
        }
    }

    /// An AGB code: the kind of care in two digits (not `00`) and a number in six (not all zero).
    static func isAGBCode(_ code: String) -> Bool {
        let digits = Array(code.utf8)
        return digits.count == 8 && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && digits[0..<2] != [UInt8(ascii: "0"), UInt8(ascii: "0")]
            && !digits[2...].allSatisfy { $0 == UInt8(ascii: "0") }
    }

    /// A service bureau's AGB code: kind `98`.
    static func isServiceBureauCode(_ code: String) -> Bool {
        isAGBCode(code) && code.hasPrefix("98")
    }

    static func isZero(_ code: String) -> Bool {
        code.utf8.allSatisfy { $0 == UInt8(ascii: "0") }
    }

    /// `1234AB`: four digits not starting with 0, then two letters.
    static func isDutchPostcode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 6, ("1"..."9").contains(scalars[0]) else { return false }
        return scalars[1..<4].allSatisfy { ("0"..."9").contains($0) }
            && scalars[4...].allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
    }

    /// A letter the table allows in initials: a–z, A–Z and À–ÿ.
    private static func isInitial(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || (0xC0...0xFF).contains(scalar.value)
    }
}
