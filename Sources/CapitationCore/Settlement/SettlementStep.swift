/// One step of a settlement, with its inputs, its formula and its result, so that an auditor can
/// recompute it with a calculator.
public struct SettlementStep: Sendable {
    /// A short identifier, for example `budget.Zvw`.
    public var id: String
    /// What the step computes, in a sentence.
    public var description: String
    /// How the result follows from the inputs.
    public var formula: String
    /// The inputs, in order.
    public var inputs: [(name: String, value: StepValue)]
    /// The results, in order.
    public var results: [(name: String, value: StepValue)]

    public init(
        id: String,
        description: String,
        formula: String,
        inputs: [(name: String, value: StepValue)],
        results: [(name: String, value: StepValue)]
    ) {
        self.id = id
        self.description = description
        self.formula = formula
        self.inputs = inputs
        self.results = results
    }

}

/// A value in a settlement step.
public enum StepValue: Hashable, Sendable, CustomStringConvertible {
    /// An amount.
    case cents(Cents)
    /// An exact decimal: a rate, a score, a number of person-years.
    case decimal(ExactDecimal)
    /// A percentage.
    case percent(Percentage)
    /// A count.
    case integer(Int)
    /// A yes or no.
    case flag(Bool)
    /// A name or a date.
    case text(String)

    public var description: String {
        switch self {
        case .cents(let amount): amount.description
        case .decimal(let value): value.description
        case .percent(let value): value.description
        case .integer(let value): String(value)
        case .flag(let value): value ? "yes" : "no"
        case .text(let value): value
        }
    }
}
