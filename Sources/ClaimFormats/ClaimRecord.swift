package import CapitationCore

/// A readable claim line as a reader finds it, its texts still the bytes they were read from.
///
/// Readers hand one over for each readable line instead of a `ClaimLine`, so that no string is made of
/// any field on the way to reconciliation. Its texts point into the reader's buffer and are valid only
/// during the call that hands the record over.
package struct ClaimRecord {
    package var claimID: UnsafeRawBufferPointer
    package var member: UnsafeRawBufferPointer
    package var regime: Regime
    package var payer: UnsafeRawBufferPointer
    package var provider: UnsafeRawBufferPointer
    package var category: UnsafeRawBufferPointer
    package var product: UnsafeRawBufferPointer
    package var service: DatePeriod
    package var amount: Cents
    package var side: ClaimLine.Side
    /// For a credit: the reference of the line it corrects.
    package var corrects: UnsafeRawBufferPointer?
    package var careProfile: UnsafeRawBufferPointer?
    package var volume: (count: Int64, unit: UnsafeRawBufferPointer)?
    /// The day the financier received the line, when the format says.
    package var received: CalendarDate?
    package var source: LineSource
    package var answer: FinancierAnswer?

    /// Calls `body` with the record of `line`, whose texts are valid during the call.
    package static func with<Result>(_ line: ClaimLine, _ body: (ClaimRecord) throws -> Result) rethrows -> Result {
        var storage: [UInt8] = []
        func place(_ text: String) -> Range<Int> {
            let start = storage.count
            storage.append(contentsOf: text.utf8)
            return start..<storage.count
        }
        let claimID = place(line.claimID)
        let member = place(line.member.rawValue)
        let payer = place(line.payer)
        let provider = place(line.provider)
        let category = place(line.category.rawValue)
        let product = place(line.product.rawValue)
        let corrects = line.corrects.map(place)
        let careProfile = line.careProfile.map { place($0.rawValue) }
        let unit = line.volume.map { place($0.unit) }
        return try storage.withUnsafeBytes { bytes in
            func text(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[range]) }
            return try body(
                ClaimRecord(
                    claimID: text(claimID),
                    member: text(member),
                    regime: line.regime,
                    payer: text(payer),
                    provider: text(provider),
                    category: text(category),
                    product: text(product),
                    service: line.service,
                    amount: line.amount,
                    side: line.side,
                    corrects: corrects.map(text),
                    careProfile: careProfile.map(text),
                    volume: line.volume.map { ($0.count, text(unit ?? 0..<0)) },
                    received: line.received,
                    source: line.source,
                    answer: line.answer
                )
            )
        }
    }

    /// The line, its texts made strings.
    package var line: ClaimLine {
        func string(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
        return ClaimLine(
            claimID: string(claimID),
            member: MemberID(string(member)),
            regime: regime,
            payer: string(payer),
            provider: string(provider),
            category: CategoryCode(string(category)),
            product: ProductCode(string(product)),
            service: service,
            amount: amount,
            side: side,
            corrects: corrects.map(string),
            careProfile: careProfile.map { CareProfileCode(string($0)) },
            volume: volume.map { ClaimLine.Volume(count: $0.count, unit: string($0.unit)) },
            received: received,
            source: source,
            answer: answer
        )
    }
}
