/// A party to a contract: a financier of one of the regimes, a provider, or a fund.
public struct Party: Hashable, Sendable {
    /// The party's identifier within the contract.
    public var id: PartyID
    /// What the party is.
    public var role: PartyRole
    /// The regime a financier pays for; `nil` for providers and funds.
    public var regime: Regime?
    /// The party's name.
    public var name: String
    /// The insurer's UZOVI number (four digits), for insurers and care offices.
    public var uzovi: String?
    /// The CBS municipality code (four digits), for municipalities.
    public var municipalityCode: String?
    /// The AGB code (eight digits), for providers.
    public var agb: String?

    public init(
        id: PartyID,
        role: PartyRole,
        regime: Regime? = nil,
        name: String,
        uzovi: String? = nil,
        municipalityCode: String? = nil,
        agb: String? = nil
    ) {
        self.id = id
        self.role = role
        self.regime = regime
        self.name = name
        self.uzovi = uzovi
        self.municipalityCode = municipalityCode
        self.agb = agb
    }
}

/// What a party is to the contract.
public enum PartyRole: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// A health insurer (zorgverzekeraar), financier of the Zvw.
    case insurer
    /// A municipality (gemeente), financier of the Wmo.
    case municipality
    /// A care office (zorgkantoor), financier of the Wlz.
    case careOffice = "care-office"
    /// A care provider or a cooperative of providers.
    case provider
    /// A fund, such as a regional prevention fund.
    case fund

    /// Whether parties in this role finance a regime.
    public var isFinancier: Bool {
        switch self {
        case .insurer, .municipality, .careOffice: true
        case .provider, .fund: false
        }
    }

    /// The regime that parties in this role finance, if any.
    public var financedRegime: Regime? {
        Regime.allCases.first { $0.financierRole == self }
    }

    public var description: String { rawValue }

    /// The role with its indefinite article, for messages: "an insurer", "a care-office".
    public var withArticle: String {
        (self == .insurer ? "an " : "a ") + rawValue
    }
}
