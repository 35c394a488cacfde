/// A kind of identifier, used only as a type tag so that a party id cannot be passed where a member id belongs.
public protocol IdentifierKind: Sendable {}

/// An identifier of one kind: `PartyID`, `MemberID`, `IndicatorID` and so on.
///
/// An identifier is nothing but text, but text of a particular meaning; the phantom `Kind` keeps the
/// meanings apart at compile time. Identifiers order by their text, which is the documented tie-break
/// wherever order matters (for example which party receives a leftover cent).
public struct Identifier<Kind: IdentifierKind>: RawRepresentable, Hashable, Comparable, Sendable {
    /// The identifier's text.
    public let rawValue: String

    /// Creates an identifier from its text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates an identifier from its text.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        // Compare bytes, not Unicode collation: the order must be the same on every machine.
        ByteOrder.precedes(lhs.rawValue, rhs.rawValue)
    }
}

extension Identifier: CustomStringConvertible {
    public var description: String { rawValue }
}

extension Identifier: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }
}

/// Tags for the identifiers of the domain.
public enum IdentifierKinds: Sendable {
    public enum Contract: IdentifierKind {}
    public enum Party: IdentifierKind {}
    public enum Member: IdentifierKind {}
    public enum Indicator: IdentifierKind {}
    public enum RiskModel: IdentifierKind {}
    public enum RiskMarker: IdentifierKind {}
    public enum MSRTable: IdentifierKind {}
    public enum Category: IdentifierKind {}
    public enum Product: IdentifierKind {}
    public enum CareProfile: IdentifierKind {}
}

/// Identifies a contract, for example `oost-achterhoek-2026`.
public typealias ContractID = Identifier<IdentifierKinds.Contract>
/// Identifies a party to a contract: a financier, a provider or a fund.
public typealias PartyID = Identifier<IdentifierKinds.Party>
/// Identifies a member of the population: a pseudonym, or a BSN that never leaves the inputs.
public typealias MemberID = Identifier<IdentifierKinds.Member>
/// Identifies an outcome indicator, for example `acute-admissions`.
public typealias IndicatorID = Identifier<IdentifierKinds.Indicator>
/// Identifies a risk model within a contract.
public typealias RiskModelID = Identifier<IdentifierKinds.RiskModel>
/// Identifies a risk marker, for example `dementia` or `wlz-754`.
public typealias RiskMarkerID = Identifier<IdentifierKinds.RiskMarker>
/// Identifies a minimum-savings-rate table, for example the built-in `mssp`.
public typealias MSRTableID = Identifier<IdentifierKinds.MSRTable>
/// A category of care in a regime's scope, for example `wijkverpleging`.
public typealias CategoryCode = Identifier<IdentifierKinds.Category>
/// A product (service) code in a regime's scope, for example a Wlz ZZP code `754`.
public typealias ProductCode = Identifier<IdentifierKinds.Product>
/// A Wlz care profile (zorgzwaartepakket, ZZP) as claimed in Vektis AW319, for example `754` for 5VV.
public typealias CareProfileCode = Identifier<IdentifierKinds.CareProfile>
