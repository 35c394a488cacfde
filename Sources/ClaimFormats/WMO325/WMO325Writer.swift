/// Writes iWmo 3.2 WMO325 declaration answers: UTF-8, the message elements with the prefix `wmo325`, the
/// basisschema's with `iwmo`, indented by two spaces.
public enum WMO325Writer: Sendable {
    /// The whole answer.
    public static func answer(_ answer: WMO325Answer) -> [UInt8] {
        var xml = XMLText(messagePrefix: "wmo325")
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw(
            "<wmo325:Bericht xmlns:wmo325=\"\(WMO325Answer.messageNamespace)\" xmlns:iwmo=\"\(WMO323.baseNamespace)\">\n"
        )
        xml.open("Header", depth: 1)
        xml.leaf("BerichtCode", answer.messageCode, depth: 2)
        xml.leaf("BerichtVersie", answer.version, depth: 2)
        xml.leaf("BerichtSubversie", answer.subversion, depth: 2)
        xml.leaf("Afzender", answer.sender, depth: 2)
        xml.leaf("Ontvanger", answer.receiver, depth: 2)
        identification("BerichtIdentificatie", answer.identification, answer.messageDate, &xml)
        versions("XsdVersie", answer.baseSchemaVersion, answer.messageSchemaVersion, &xml)
        identification(
            "DeclaratieIdentificatie",
            answer.declarationIdentification,
            answer.declarationMessageDate,
            &xml
        )
        versions(
            "XsdVersieDeclaratie",
            answer.declarationBaseSchemaVersion,
            answer.declarationMessageSchemaVersion,
            &xml
        )
        codes(answer.headerCodes, depth: 2, &xml)
        xml.close("Header", depth: 1)
        if let declaration = answer.declaration {
            xml.open("DeclaratieAntwoord", depth: 1)
            xml.leaf("DeclaratieNummer", declaration.number, depth: 2)
            total("TotaalIngediendBedrag", declaration.declaredAmount, declaration.declaredSide, &xml)
            total("TotaalToegekendBedrag", declaration.awardedAmount, declaration.awardedSide, &xml)
            if !declaration.clients.isEmpty {
                xml.open("Clienten", depth: 2)
                for client in declaration.clients { self.client(client, &xml) }
                xml.close("Clienten", depth: 2)
            }
            codes(declaration.codes, depth: 2, &xml)
            xml.close("DeclaratieAntwoord", depth: 1)
        }
        xml.raw("</wmo325:Bericht>\n")
        return xml.bytes
    }

    private static func client(_ client: WMO325Answer.Client, _ xml: inout XMLText) {
        xml.open("Client", depth: 3)
        xml.leaf("Bsn", client.bsn, depth: 4)
        xml.open("Prestaties", depth: 4)
        for refused in client.services {
            let service = refused.declared
            xml.open("Prestatie", depth: 5)
            xml.serviceFields(service)
            codes(refused.codes, depth: 6, &xml)
            xml.close("Prestatie", depth: 5)
        }
        xml.close("Prestaties", depth: 4)
        codes(client.codes, depth: 4, &xml)
        xml.close("Client", depth: 3)
    }

    private static func identification(_ name: String, _ id: String, _ date: String, _ xml: inout XMLText) {
        xml.open(name, depth: 2)
        xml.leaf("Identificatie", id, depth: 3, base: true)
        xml.leaf("Dagtekening", date, depth: 3, base: true)
        xml.close(name, depth: 2)
    }

    private static func versions(_ name: String, _ base: String, _ message: String, _ xml: inout XMLText) {
        xml.open(name, depth: 2)
        xml.leaf("BasisschemaXsdVersie", base, depth: 3, base: true)
        xml.leaf("BerichtXsdVersie", message, depth: 3, base: true)
        xml.close(name, depth: 2)
    }

    private static func total(_ name: String, _ amount: String, _ side: String, _ xml: inout XMLText) {
        xml.open(name, depth: 2)
        xml.leaf("TotaalBedrag", amount, depth: 3, base: true)
        xml.leaf("DebetCredit", side, depth: 3, base: true)
        xml.close(name, depth: 2)
    }

    private static func codes(_ codes: [String], depth: Int, _ xml: inout XMLText) {
        xml.open("RetourCodes", depth: depth)
        for code in codes { xml.leaf("RetourCode", code, depth: depth + 1) }
        xml.close("RetourCodes", depth: depth)
    }
}
