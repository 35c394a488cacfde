public import CapitationCore

/// Why claim lines cannot be written as a WMO323 message.
public struct WMO323WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// Writes iWmo 3.2 WMO323 declaration messages: UTF-8, the message elements with the prefix `wmo323`, the
/// basisschema's with `iwmo`, indented by two spaces.
///
/// A message is written as it is read, part by part: ``begin(_:into:)``, ``client(_:into:)`` for each
/// client, ``end(into:)``.
public enum WMO323Writer: Sendable {
    /// The XML declaration, the root and the header, up to the opening of Clienten.
    public static func begin(_ header: WMO323Header, into bytes: inout [UInt8]) {
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw(
            "<wmo323:Bericht xmlns:wmo323=\"\(WMO323.messageNamespace)\" xmlns:iwmo=\"\(WMO323.baseNamespace)\">\n"
        )
        xml.open("Header", depth: 1)
        xml.leaf("BerichtCode", header.messageCode, depth: 2)
        xml.leaf("BerichtVersie", header.version, depth: 2)
        xml.leaf("BerichtSubversie", header.subversion, depth: 2)
        xml.leaf("Afzender", header.sender, depth: 2)
        xml.leaf("Ontvanger", header.receiver, depth: 2)
        xml.open("BerichtIdentificatie", depth: 2)
        xml.leaf("Identificatie", header.identification, depth: 3, base: true)
        xml.leaf("Dagtekening", header.messageDate, depth: 3, base: true)
        xml.close("BerichtIdentificatie", depth: 2)
        xml.open("XsdVersie", depth: 2)
        xml.leaf("BasisschemaXsdVersie", header.baseSchemaVersion, depth: 3, base: true)
        xml.leaf("BerichtXsdVersie", header.messageSchemaVersion, depth: 3, base: true)
        xml.close("XsdVersie", depth: 2)
        xml.close("Header", depth: 1)
        xml.open("Declaratie", depth: 1)
        xml.leaf("DeclaratieNummer", header.declarationNumber, depth: 2)
        xml.open("DeclaratiePeriode", depth: 2)
        xml.leaf("Begindatum", header.periodStart, depth: 3, base: true)
        xml.leaf("Einddatum", header.periodEnd, depth: 3, base: true)
        xml.close("DeclaratiePeriode", depth: 2)
        xml.leaf("DeclaratieDagtekening", header.declarationDate, depth: 2)
        xml.open("TotaalIngediendBedrag", depth: 2)
        xml.leaf("TotaalBedrag", header.totalAmount, depth: 3, base: true)
        xml.leaf("DebetCredit", header.totalSide, depth: 3, base: true)
        xml.close("TotaalIngediendBedrag", depth: 2)
        xml.open("Clienten", depth: 2)
        bytes += xml.bytes
    }

    /// One client with their services.
    public static func client(_ client: WMO323Client, into bytes: inout [UInt8]) {
        var xml = XMLText()
        xml.open("Client", depth: 3)
        xml.leaf("Bsn", client.bsn, depth: 4)
        xml.open("Prestaties", depth: 4)
        for service in client.services {
            xml.open("Prestatie", depth: 5)
            xml.serviceFields(service)
            xml.close("Prestatie", depth: 5)
        }
        xml.close("Prestaties", depth: 4)
        xml.close("Client", depth: 3)
        bytes += xml.bytes
    }

    /// The closing of Clienten, Declaratie and Bericht.
    public static func end(into bytes: inout [UInt8]) {
        var xml = XMLText()
        xml.close("Clienten", depth: 2)
        xml.close("Declaratie", depth: 1)
        xml.raw("</wmo323:Bericht>\n")
        bytes += xml.bytes
    }

    /// A whole message declaring `lines`, all Wmo lines of one provider to one municipality, with the
    /// total computed; clients in the order their first line comes.
    ///
    /// Each service is priced as ``WMO323Service/pricing(amount:volume:unit:)`` says, and the message is
    /// checked against ``WMO323Rules`` before it is returned: a message the chain would refuse is never
    /// written.
    ///
    /// - Parameters:
    ///   - lines: The claim lines.
    ///   - header: The header; its sender, receiver and total are taken from the lines.
    ///   - assignment: The ToewijzingNummer of each line, a number of at most 9 digits.
    /// - Returns: The message's bytes.
    /// - Throws: ``WMO323WriteError`` when there are no lines, a line's member is not a BSN, the lines mix
    ///   providers or municipalities, the total does not fit, or the message would break an iWmo rule.
    public static func message(
        _ lines: [ClaimLine],
        header: WMO323Header,
        assignment: (ClaimLine) -> String = { _ in "1" }
    ) throws(WMO323WriteError) -> [UInt8] {
        guard !lines.isEmpty else {
            throw WMO323WriteError(description: "a WMO323 message declares at least one service")
        }
        var header = header
        var total = Cents.zero
        var order: [String] = []
        var byMember: [String: [WMO323Service]] = [:]
        for line in lines {
            guard BSN(utf8: line.member.rawValue.utf8) != nil else {
                throw WMO323WriteError(
                    description: "claim \(line.claimID): the member is not a BSN; WMO323 names clients by Bsn"
                )
            }
            guard line.provider == lines[0].provider, line.payer == lines[0].payer else {
                throw WMO323WriteError(
                    description: "a WMO323 message holds the claims of one provider to one municipality"
                )
            }
            do {
                total = try total + line.signedAmount
            } catch {
                throw WMO323WriteError(description: "the message's total does not fit: \(error)")
            }
            let member = line.member.rawValue
            if byMember[member] == nil { order.append(member) }
            let volume = line.volume ?? ClaimLine.Volume(count: 1, unit: "82")
            let priced = WMO323Service.pricing(amount: line.amount.rawValue, volume: volume.count, unit: volume.unit)
            byMember[member, default: []].append(
                WMO323Service(
                    reference: line.claimID,
                    previousReference: line.side == .credit ? line.corrects : nil,
                    assignment: assignment(line),
                    category: line.category.rawValue,
                    product: line.product.rawValue,
                    start: line.service.start.description,
                    end: line.service.end.description,
                    volume: priced.volume,
                    unit: priced.unit,
                    tariff: priced.tariff,
                    amount: String(line.amount.rawValue),
                    side: line.side.rawValue
                )
            )
        }
        if let first = lines.first {
            header.sender = first.provider
            header.receiver = first.payer
        }
        header.totalAmount = String(total.rawValue.magnitude)
        header.totalSide = total.isNegative ? "C" : "D"
        var rules = WMO323Rules()
        var bytes: [UInt8] = []
        begin(header, into: &bytes)
        for member in order {
            let client = WMO323Client(bsn: member, services: byMember[member] ?? [])
            rules.add(client)
            self.client(client, into: &bytes)
        }
        end(into: &bytes)
        let violations = rules.violations(of: header)
        guard violations.isEmpty else {
            throw WMO323WriteError(
                description: "the message would break the iWmo 3.2 rules: "
                    + violations.map(\.description).joined(separator: "; ")
            )
        }
        return bytes
    }
}

extension WMO323Service {
    /// GeleverdVolume, Eenheid and ProductTarief of a service of `amount` cents for `volume` in `unit`.
    ///
    /// iWmo asks for a ProductTarief unless the unit is euros (83), and for a service in euros a volume
    /// equal to the amount (conditions CD087 and CS339). A service whose amount is its volume times a
    /// whole number of cents keeps its volume and unit, with that tariff; any other is declared in euros.
    public static func pricing(
        amount: Int64,
        volume: Int64,
        unit: String
    ) -> (volume: String, unit: String, tariff: String?) {
        if unit != "83", volume > 0, amount % volume == 0 {
            return (String(volume), unit, String(amount / volume))
        }
        return (String(amount), "83", nil)
    }
}

extension XMLText {
    /// The elements of a Prestatie as declared, from ProductReferentie to IngediendBedrag, at depth 6: the
    /// same in a WMO323 declaration and in the WMO325 answer that repeats it.
    mutating func serviceFields(_ service: WMO323Service) {
        open("ProductReferentie", depth: 6)
        leaf("ReferentieNummer", service.reference, depth: 7, base: true)
        if let previous = service.previousReference {
            leaf("VorigReferentieNummer", previous, depth: 7, base: true)
        }
        close("ProductReferentie", depth: 6)
        leaf("ToewijzingNummer", service.assignment, depth: 6)
        leaf("ProductCategorie", service.category, depth: 6)
        leaf("ProductCode", service.product, depth: 6)
        open("ProductPeriode", depth: 6)
        leaf("Begindatum", service.start, depth: 7, base: true)
        leaf("Einddatum", service.end, depth: 7, base: true)
        close("ProductPeriode", depth: 6)
        leaf("GeleverdVolume", service.volume, depth: 6)
        leaf("Eenheid", service.unit, depth: 6)
        if let tariff = service.tariff { leaf("ProductTarief", tariff, depth: 6) }
        open("IngediendBedrag", depth: 6)
        leaf("Bedrag", service.amount, depth: 7, base: true)
        leaf("DebetCredit", service.side, depth: 7, base: true)
        close("IngediendBedrag", depth: 6)
    }
}

/// Indented XML with escaped text: the message's elements with the prefix `messagePrefix`, the
/// basisschema's with `iwmo`.
struct XMLText {
    var bytes: [UInt8] = []
    var messagePrefix = "wmo323"

    mutating func raw(_ text: String) { bytes += text.utf8 }

    private func name(_ local: String, base: Bool) -> String { (base ? "iwmo:" : messagePrefix + ":") + local }

    private mutating func indent(_ depth: Int) { bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth) }

    mutating func open(_ local: String, depth: Int) {
        indent(depth)
        raw("<\(name(local, base: false))>\n")
    }

    mutating func close(_ local: String, depth: Int) {
        indent(depth)
        raw("</\(name(local, base: false))>\n")
    }

    mutating func leaf(_ local: String, _ value: String, depth: Int, base: Bool = false) {
        indent(depth)
        let element = name(local, base: base)
        raw("<\(element)>")
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            default: bytes.append(byte)
            }
        }
        raw("</\(element)>\n")
    }
}
