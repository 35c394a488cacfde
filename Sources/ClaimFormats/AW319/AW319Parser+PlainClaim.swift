import CapitationCore

extension AW319Parser {
    /// The places of the claim record's fields that a readable line is made of, looked up once.
    struct ClaimPlaces {
        let bsn = AW319Layout.field(403).offsets
        let payer = AW319Layout.field(404).offsets
        let careProfile = AW319Layout.field(413).offsets
        let start = AW319Layout.field(414).offsets
        let end = AW319Layout.field(415).offsets
        let category = AW319Layout.field(416).offsets
        let product = AW319Layout.field(417).offsets
        let count = AW319Layout.field(418).offsets
        let unit = AW319Layout.field(419).offsets
        let provider = AW319Layout.field(420).offsets
        let firstSide = AW319Layout.field(427).offsets.lowerBound
        let amount = AW319Layout.field(429).offsets
        let side = AW319Layout.field(430).offsets.lowerBound
        let reference = AW319Layout.field(431).offsets
        let corrected = AW319Layout.field(432).offsets
    }

    static let claimPlaces = ClaimPlaces()

    /// Hands `emit` the line of a claim record with nothing wrong with it, read from its bytes without a
    /// message or a string, and adds its amount to `tally`; returns `false`, having done neither, for any
    /// other record, which ``claim(_:insured:tally:record:invalid:)`` then reads with its problems spelt
    /// out.
    ///
    /// Nothing wrong: printable ASCII of the record's shape, D or C in fields 427 and 430, a valid BSN or
    /// the dummy in field 403 that matches a valid insured-person record before it, a service that does not
    /// end before it starts, and for a credit the line it corrects. These are the checks of
    /// ``claim(_:insured:tally:record:invalid:)``, each asked only whether it passes.
    func plainClaim(
        _ record: AW319Record,
        insured: AW319Insured?,
        tally: inout AW319Tally,
        record emit: (ClaimRecord) -> Void
    ) -> Bool {
        let places = Self.claimPlaces
        guard record.hasShape(AW319Layout.checks(of: .claim)), let person = insured, person.problems.isEmpty
        else { return false }
        let bytes = record.bytes
        func field(_ offsets: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[offsets])
        }
        /// The digits of a numeric field, which the shape has checked.
        func number(_ offsets: Range<Int>) -> Int64 {
            var value: Int64 = 0
            for byte in field(offsets) { value = value * 10 + Int64(byte &- UInt8(ascii: "0")) }
            return value
        }
        /// The field without its padding spaces.
        func text(_ offsets: Range<Int>) -> UnsafeRawBufferPointer {
            var start = offsets.lowerBound
            var end = offsets.upperBound
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
            return UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        func side(_ byte: UInt8) -> ClaimLine.Side? {
            byte == UInt8(ascii: "D") ? .debit : byte == UInt8(ascii: "C") ? .credit : nil
        }
        guard side(bytes[places.firstSide]) != nil, let side = side(bytes[places.side]) else { return false }
        if number(places.bsn) == Int64(BSN.dummy) {
            guard person.isDummy else { return false }
        } else {
            guard let bsn = BSN(utf8: field(places.bsn)), person.bsn == bsn else { return false }
        }
        guard let start = AW319Record.date(eightDigits: field(places.start)),
            let end = AW319Record.date(eightDigits: field(places.end)),
            let service = DatePeriod(start: start, end: end)
        else { return false }
        let corrected = text(places.corrected)
        if side == .credit, corrected.isEmpty { return false }
        let amount = Cents(number(places.amount))
        tally.add(side == .debit ? amount : Cents(-amount.rawValue))
        let profile = text(places.careProfile)
        emit(
            ClaimRecord(
                claimID: text(places.reference),
                member: text(places.bsn),
                regime: header.regime,
                payer: text(places.payer),
                provider: text(places.provider),
                category: text(places.category),
                product: text(places.product),
                service: service,
                amount: amount,
                side: side,
                corrects: side == .credit ? corrected : nil,
                careProfile: profile.elementsEqual("000".utf8) ? nil : profile,
                volume: (number(places.count), text(places.unit)),
                received: header.invoiceDate,
                source: LineSource(file: file, line: record.number),
                answer: nil
            )
        )
        return true
    }
}
