import CapitationCore

extension WMO323Claims {
    /// Hands `emit` the record of a service with nothing wrong with it, read from its bytes without a
    /// message or a string, adds its amount to the total and settles it on the municipality's answer when
    /// there is one; returns `false`, having done none of this, for any other service, which
    /// ``claim(_:client:member:problems:)`` then reads with its problems spelt out.
    ///
    /// Nothing wrong: every text it reads (and the client's Bsn) printable ASCII or tabs, with only spaces,
    /// tabs and line feeds around it, so that its bytes are its characters; and then the checks of
    /// ``claim(_:client:member:problems:)``, each asked only whether it passes: a Bsn that passes the
    /// elfproef, D or C, amounts and volumes of 1 to 15 digits, a reference of 1 to 20 characters, a
    /// category of 2 and a product of 1 to 5, dates of a ProductPeriode that does not end before it starts,
    /// a unit of WMO757, and VorigReferentieNummer for a credit and only for a credit.
    mutating func plainRecord(_ texts: ServiceTexts, client: ClientTexts, record emit: (ClaimRecord) -> Void) -> Bool {
        client.bsn.withUnsafeBufferPointer { bsn in
            texts.withTexts { service in
                plainRecord(service, line: texts.line, bsn: bsn, record: emit)
            }
        }
    }

    private mutating func plainRecord(
        _ service: ServiceTexts.PlainTexts,
        line: Int,
        bsn: UnsafeBufferPointer<UInt8>,
        record emit: (ClaimRecord) -> Void
    ) -> Bool {
        typealias Slot = PlainServiceSlot
        func text(_ slot: Slot) -> UnsafeBufferPointer<UInt8>? {
            service[slot.rawValue].flatMap(Self.plainText)
        }
        guard let member = Self.plainText(bsn), BSN(utf8: member) != nil,
            let reference = text(.reference), (1...20).contains(reference.count),
            let category = text(.category), category.count == 2,
            let product = text(.product), (1...5).contains(product.count),
            let sideText = text(.side), sideText.count == 1,
            let side = sideText[0] == UInt8(ascii: "D")
                ? ClaimLine.Side.debit
                : sideText[0] == UInt8(ascii: "C") ? ClaimLine.Side.credit : nil,
            let amount = text(.amount).flatMap(Self.integer),
            let volume = text(.volume).flatMap(Self.integer),
            let unit = text(.unit), Self.isUnit(unit),
            let start = text(.start).flatMap({ try? CalendarDate(utf8: $0) }),
            let end = text(.end).flatMap({ try? CalendarDate(utf8: $0) }),
            let period = DatePeriod(start: start, end: end)
        else { return false }
        if service[Slot.tariff.rawValue] != nil {
            guard text(.tariff).flatMap(Self.integer) != nil else { return false }
        }
        var corrects: UnsafeBufferPointer<UInt8>?
        if service[Slot.previousReference.rawValue] != nil {
            guard let previous = text(.previousReference) else { return false }
            corrects = previous
        }
        switch side {
        case .credit: guard let previous = corrects, previous.count > 0 else { return false }
        case .debit:
            guard corrects?.count ?? 0 == 0 else { return false }
            corrects = nil
        }
        let cents = Cents(amount)
        total = total.flatMap { try? $0 + (side == .debit ? cents : Cents(-amount)) }
        let answer =
            verdict == nil
            ? nil
            : self.answer(
                to: String(decoding: reference, as: UTF8.self),
                of: String(decoding: member, as: UTF8.self),
                amount: amount,
                side: side
            )
        payerAndProvider.withUnsafeBytes { names in
            emit(
                ClaimRecord(
                    claimID: UnsafeRawBufferPointer(reference),
                    member: UnsafeRawBufferPointer(member),
                    regime: .wmo,
                    payer: UnsafeRawBufferPointer(rebasing: names[..<payerBytes]),
                    provider: UnsafeRawBufferPointer(rebasing: names[payerBytes...]),
                    category: UnsafeRawBufferPointer(category),
                    product: UnsafeRawBufferPointer(product),
                    service: period,
                    amount: cents,
                    side: side,
                    corrects: corrects.map(UnsafeRawBufferPointer.init),
                    careProfile: nil,
                    volume: (volume, UnsafeRawBufferPointer(unit)),
                    received: received,
                    source: LineSource(file: file, line: line),
                    answer: answer
                )
            )
        }
        return true
    }

    /// `bytes` without the spaces, tabs and line feeds around them, when what remains is printable ASCII or
    /// tabs; `nil` otherwise.
    ///
    /// For such bytes, this is ``Swift/String/trimmingWhitespace()`` of their text, and every character is
    /// one byte. A carriage return (libxml2 turns line ends into line feeds, but a character reference or a
    /// CDATA section can still hold one, and a carriage return before a line feed is one character),
    /// anything beyond ASCII and any other control character leave the text to the general reading.
    static func plainText(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        for index in start..<end where bytes[index] < 0x20 && bytes[index] != 0x09 || bytes[index] > 0x7E {
            return nil
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// A whole number of 0 or more written as 1 to 15 digits, as the form that reads a string.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard (1...15).contains(bytes.count) else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// Whether `bytes` are one of ``units``.
    static func isUnit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 2 && plainUnits.contains(UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
    }

    private static let plainUnits = Set(units.map { unit in unit.utf8.reduce(UInt16(0)) { $0 << 8 | UInt16($1) } })
}

/// The slots of ``WMO323Service/textPaths`` that a service's line is read from.
enum PlainServiceSlot: Int {
    case reference = 0
    case previousReference = 1
    case category = 3
    case product = 4
    case start = 5
    case end = 6
    case volume = 7
    case unit = 8
    case tariff = 9
    case amount = 10
    case side = 11
}
