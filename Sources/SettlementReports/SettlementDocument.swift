public import CapitationCore

/// A settlement read back from `settlement.json`: what the reports show, with every figure exactly as the
/// document has it (amounts in cents, rates as their exact decimals).
///
/// Reports of every format render from this view, whether `settle` has just computed the settlement or
/// `capitation report` reads a `settlement.json` written earlier, so that a report can never show another
/// figure than its JSON.
public struct SettlementDocument: Sendable {
    public struct Contract: Sendable {
        public var id: String
        public var version: String
        public var title: String
        public var start: CalendarDate
        public var end: CalendarDate
        public var model: Model
        public var sides: SharedSavingsTerms.Sides?
        public var rounding: RoundingRule
    }

    public struct Input: Sendable {
        public var role: InputRole
        public var path: String
        public var format: String
        public var sha256: String
        public var lines: Int
    }

    public struct LineTotal: Sendable {
        public var lines: Int
        public var amount: Cents
    }

    public struct Population: Sendable {
        public var rosterMembers: Int
        public var members: Int
        public var exposureDays: Int
        public var daysInPeriod: Int
        public var personYears: ExactDecimal
        public var excluded: [(reason: IneligibilityReason, members: Int)]
    }

    /// A risk model's figures: the scores of the members in the population and the normalisation.
    public struct RiskModel: Sendable {
        public var model: String
        public var regimes: [String]
        public var riskWeightedDays: ExactDecimal
        public var meanScore: ExactDecimal
        /// The demographic and the markers' parts of the mean score; `nil` in documents of versions that
        /// did not write them.
        public var demographicMeanScore: ExactDecimal?
        public var markerMeanScore: ExactDecimal?
        public var normalisationFactor: ExactDecimal
        /// The cap on the growth of the whole mean score, in percent, when the contract has one.
        public var growthCapPercent: ExactDecimal?
        /// The cap on the growth beyond the demographic part, in percentage points, when the contract has one.
        public var growthCapBeyondDemographicPoints: ExactDecimal?
        public var baselineMeanScore: ExactDecimal?
        public var baselineDemographicMeanScore: ExactDecimal?
        public var demographicGrowth: ExactDecimal?
        public var growthCapApplied: Bool
        public var budgetRiskWeightedDays: ExactDecimal
    }

    public struct Reconciliation: Sendable {
        public var read: LineTotal
        public var accepted: LineTotal
        /// Accepted care left out by pro-rating lines that run past the period.
        public var proRataExcluded: Cents
        public var rejected: [(reason: RejectionReason, total: LineTotal)]
        public var codes: [Code]
        /// What the financiers refused per reason code: code, meaning (empty when none is known), total.
        public var refusals: [(code: String, meaning: String, total: LineTotal)] = []
    }

    /// What was accepted, and what the population used outside the scope, for one claim code.
    public struct Code: Sendable {
        public struct Tally: Sendable {
            public var lines: Int
            public var amount: Cents
            public var volume: Int64?
        }

        public var regime: String
        public var category: String
        public var product: String
        public var careProfile: String?
        public var unit: String?
        public var accepted: Tally
        public var outOfScope: Tally
    }

    public struct RegimeFigures: Sendable {
        public var regime: String
        public var financier: String
        public var riskModel: String?
        public var perCapitaAnnual: Cents
        public var riskWeightedPersonYears: ExactDecimal
        public var capitationBudget: Cents
        public var lumpSums: Cents
        public var budget: Cents
        public var claims: Cents
        public var truncated: Cents
        /// The claims not yet received, estimated in a provisional settlement; zero otherwise.
        public var notYetReceived: Cents = .zero
        public var expenditure: Cents
        public var savings: Cents
        public var savingsRate: ExactDecimal?
        public var outOfScope: Cents
        public var acceptedLines: Int
        /// The retrospective trend adjustment, when the contract has one (`TrendAdjustmentResult`).
        public var trendAdjustment: TrendAdjustmentResult?
    }

    public struct Totals: Sendable {
        public var budget: Cents
        public var claims: Cents
        public var truncated: Cents
        /// Each member's annual cost above this amount is not counted, when the contract truncates.
        public var truncationThreshold: Cents?
        public var lumpSums: Cents
        public var expenditure: Cents
        public var savings: Cents
        public var savingsRate: ExactDecimal?
        public var outOfScope: Cents
        public var outOfScopeByRegime: [(regime: String, amount: Cents)]
    }

    /// A minimum savings or loss rate and whether the settlement meets it.
    public struct Threshold: Sendable {
        public var mode: ThresholdMode
        public var percent: ExactDecimal
        public var table: String?
        public var confidence: ExactDecimal?
        public var populationSize: Int
        public var met: Bool
    }

    public struct Indicator: Sendable {
        public var id: String
        /// The indicator's name in the contract; `nil` when it gives none.
        public var label: String?
        public var unit: IndicatorUnit
        public var better: OutcomeIndicator.Direction
        public var measured: Bool
        /// What the inputs said.
        public var observations: Observations
        /// For an indicator without observations: `zero-points` or `leave-out`.
        public var whenUnobserved: UnobservedIndicatorRule?
        /// Whether its weight counts in the score.
        public var inScore: Bool
        public var value: ExactDecimal?
        public var baseline: ExactDecimal
        public var target: ExactDecimal
        public var floor: ExactDecimal
        public var weight: ExactDecimal
        public var mandatory: Bool
        /// The points, from 0 to 1; `nil` for an indicator left out of the score.
        public var points: ExactDecimal?
    }

    public struct Quality: Sendable {
        public var score: ExactDecimal
        public var minimumScore: ExactDecimal
        public var gatePassed: Bool
        public var gateFailures: [Recorded<GateFailure>]
        /// The indicators that had no observations.
        public var unobserved: [String]
        public var indicators: [Indicator]
    }

    public struct Sharing: Sendable {
        public var model: Model
        /// Which rule applied, or why nothing was shared.
        public var outcome: SharingOutcome
        /// How the quality score applies to the sharing rate, under shared savings; `nil` under other
        /// models, and in documents of format `capitation-settlement/1` where it cannot be told.
        public var quality: QualityApplication?
        public var sharingRate: ExactDecimal?
        public var finalSharingRate: ExactDecimal?
        public var sharedBase: Cents?
        public var earned: Cents
        public var cap: Cents?
        public var capped: Bool
        public var earnedAfterCap: Cents
        public var paymentReduction: Cents
        public var payout: Cents
        public var lossSharingRate: ExactDecimal?
        public var sharedLoss: Cents
        public var lossCap: Cents?
        public var lossCapped: Bool
        public var lossPayment: Cents
    }

    public struct Party: Sendable {
        public var party: String
        public var role: PartyRole
        public var name: String
        public var pays: Cents
        public var receives: Cents
        public var net: Cents
    }

    public struct Transfer: Sendable {
        public var from: String
        public var to: String
        public var amount: Cents
        public var reason: TransferReason
    }

    /// A calculation step: its inputs and results are shown as the document has them.
    public struct Step: Sendable {
        public var id: String
        public var description: String
        public var formula: String
        public var inputs: JSONValue
        public var result: JSONValue
    }

    /// The version of capitation that computed the settlement.
    public var programVersion: String
    public var contract: Contract
    public var inputs: [Input]
    public var population: Population
    public var risk: [RiskModel]
    public var reconciliation: Reconciliation
    public var regimes: [RegimeFigures]
    public var totals: Totals
    public var minimumSavingsRate: Threshold?
    public var minimumLossRate: Threshold?
    public var quality: Quality?
    public var sharing: Sharing
    public var parties: [Party]
    public var transfers: [Transfer]
    /// The monthly prospective payments and the year-end reconciliation, for capitation contracts.
    public var paymentSchedule: PaymentSchedule?
    /// The bootstrap of the settlement's members, as `simulate` computes it.
    public var chance: ChanceAnalysis?
    public var steps: [Step]
    public var warnings: [Recorded<SettlementWarning>]
    /// The findings about incomplete inputs that the user accepted, and why; `nil` when there were none.
    public var acceptance: Acceptance?
    /// What a settlement after a run-out counted, its estimates and true-up; `nil` without a run-out.
    public var runOut: RunOutResult?

    /// The name of a party, or its id when the document does not know it.
    public func name(of party: String) -> String {
        parties.first { $0.party == party }?.name ?? party
    }
}

/// Why a JSON document cannot be read as a settlement: the field, as a path like `regimes[1].budgetCents`,
/// and what is wrong with it.
public struct SettlementDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { field.isEmpty ? problem : "\(field): \(problem)" }
}

extension SettlementDocument.Indicator {
    /// What a reader calls the indicator: its label, or else its id.
    public var name: String { label ?? id }
}

extension SettlementDocument {
    /// The payment model a settlement is made under.
    public enum Model: String, CaseIterable, Hashable, Sendable {
        case feeForService = "fee-for-service"
        case capitation
        case sharedSavings = "shared-savings"
    }

    /// How a minimum savings or loss rate was set.
    public enum ThresholdMode: String, CaseIterable, Hashable, Sendable {
        case fixed, table, confidence
        case sameAsSavings = "same-as-savings"
    }

    /// What the inputs said about an indicator.
    public enum Observations: String, CaseIterable, Hashable, Sendable {
        /// At least one event counts.
        case events
        /// None counts, and an events file declares that there were none.
        case declaredNoEvents = "declared-no-events"
        /// A value from at least one respondent.
        case measuredValues = "measured-values"
        /// No observation.
        case unobserved = "none"
    }

    /// What an input file is to the settlement.
    public enum InputRole: String, CaseIterable, Hashable, Sendable {
        case contract, population, claims, answers, indicators, totals
        case provisionalSettlement = "provisional settlement"
    }

    /// Why a payment is made: a lump sum or an agreed transfer with the contract's label, or the sharing.
    public enum TransferReason: Hashable, Sendable {
        case lumpSum(String)
        case sharedSavings
        case sharedLosses
        case capitationResult
        case agreed(String)

        /// The reason as `settlement.json` writes it: `lump sum: night care`, `shared savings`.
        public var written: String {
            switch self {
            case .lumpSum(let label): "lump sum: " + label
            case .sharedSavings: "shared savings"
            case .sharedLosses: "shared losses"
            case .capitationResult: "capitation result"
            case .agreed(let label): "transfer: " + label
            }
        }

        /// The reason `written`; `nil` for none of the documented kinds.
        public init?(written: String) {
            if written.hasPrefix("lump sum: ") {
                self = .lumpSum(String(written.dropFirst("lump sum: ".count)))
            } else if written.hasPrefix("transfer: ") {
                self = .agreed(String(written.dropFirst("transfer: ".count)))
            } else {
                switch written {
                case "shared savings": self = .sharedSavings
                case "shared losses": self = .sharedLosses
                case "capitation result": self = .capitationResult
                default: return nil
                }
            }
        }
    }
}
