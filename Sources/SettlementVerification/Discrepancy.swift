/// A figure of a settlement that its own inputs do not give: the step, the field, what the document
/// records and what follows from the step's inputs.
public struct Discrepancy: Hashable, Sendable, CustomStringConvertible {
    /// The step whose rule was recomputed, for example `budget.Zvw`, or `parties`.
    public var step: String
    /// The field that differs: within the step (`result.capitationBudgetCents`), or elsewhere in the
    /// document (`regimes[Zvw].budgetCents`).
    public var field: String
    /// The value as the document records it, as JSON (`5636260`, `"0.154366"`, `missing`).
    public var recorded: String
    /// The value that follows from the step's inputs, as JSON, or what was expected in words.
    public var recomputed: String

    public init(step: String, field: String, recorded: String, recomputed: String) {
        self.step = step
        self.field = field
        self.recorded = recorded
        self.recomputed = recomputed
    }

    /// `budget.Zvw: result.capitationBudgetCents: recorded 5636260, recomputed 5636259`.
    public var description: String {
        "\(step): \(field): recorded \(recorded), recomputed \(recomputed)"
    }
}

/// What verifying a `settlement.json` found.
public struct VerificationReport: Sendable {
    /// The figures that do not follow from their inputs; empty when the settlement verifies.
    public var discrepancies: [Discrepancy]
    /// How many figures were recomputed and compared.
    public var checks: Int
    /// The steps recomputed, in the document's order.
    public var stepsRecomputed: [String]
    /// What the document cannot show by itself, each with why.
    ///
    /// Member-level figures (risk scores, truncation, the bootstrap) and terms that only the contract holds;
    /// settling again from the inputs checks them.
    public var notRecomputable: [(step: String, reason: String)]

    /// Whether every recomputed figure equals the recorded one.
    public var verifies: Bool { discrepancies.isEmpty }
}

/// Why a file cannot be verified at all: it is not a `settlement.json` this program reads.
public struct VerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
