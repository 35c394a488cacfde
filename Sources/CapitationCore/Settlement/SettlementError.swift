/// Why a settlement cannot be made: what went wrong (``code``), in a sentence the parties can act on
/// (``message``).
///
/// From files, the inputs have been checked before the engine runs, and the command-line tool exits with
/// code 3 ("settlement refused") for these. Data given in memory is checked by the entry point itself
/// (``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``),
/// which refuses what a file reader would refuse with ``Code/invalidInput`` and says where with
/// ``location``. Match on ``code`` and ``location``; the message's words may improve from one version to
/// the next.
public struct SettlementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var code: Code
    /// The reason, in a sentence the parties can act on.
    public var message: String
    /// Where in the data given the problem lies; `nil` when it lies in no one item.
    public var location: Location?

    public init(_ code: Code, _ message: String, at location: Location? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// An item of the data given to
    /// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``.
    public enum Location: Hashable, Sendable, CustomStringConvertible {
        /// A rule of the contract, at its element and attribute (as ``Contract/validate()`` names them).
        case contract(ContractElement, attribute: String?)
        /// The member at `index` of `members` (counted from zero, as the array is).
        case member(index: Int)
        /// The claim line at `index` of `claims` (counted from zero, as the array is).
        case claim(index: Int)
        /// The observations of an indicator.
        case indicator(IndicatorID)

        public var description: String {
            switch self {
            case .contract(let element, let attribute):
                "contract \(element)" + (attribute.map { " attribute '\($0)'" } ?? "")
            case .member(let index): "members[\(index)]"
            case .claim(let index): "claims[\(index)]"
            case .indicator(let id): "indicator '\(id)'"
            }
        }
    }

    public var description: String { message }

    /// What stops a settlement.
    public enum Code: String, CaseIterable, Hashable, Sendable {
        /// The contract breaks one of its rules (``Contract/validate()``), or the data given with it does
        /// not fit it: a member twice on the roster.
        case invalidInput = "invalid-input"
        /// The claims look incomplete (a regime without an accepted claim line, lines without their day of
        /// receipt under a cut-off), and no reason was given to settle on them as they are.
        case incompleteClaims = "incomplete-claims"
        /// No one on the roster meets the contract's criteria during the period.
        case emptyPopulation = "empty-population"
        /// An indicator without observations that the contract does not settle without.
        case unobservedIndicators = "unobserved-indicators"
        /// No indicator has observations, and the quality score changes a payment.
        case noQualityScore = "no-quality-score"
        /// The contract's terms do not give what this settlement needs: a trend to index a per-capita
        /// amount, a loss-sharing rate, a rate for the population's size.
        case contractTerms = "contract-terms"
        /// The year asked for is not a performance year of the contract.
        case notAPerformanceYear = "not-a-performance-year"
        /// The settlement needs baseline years that were not given: a rebased benchmark, a provisional
        /// estimate.
        case baselineRequired = "baseline-required"
        /// The baseline years do not give what the benchmark or the estimate needs.
        case baselineIncomplete = "baseline-incomplete"
        /// A contract with a run-out, settled without saying which settlement (provisional or final).
        case stageRequired = "stage-required"
        /// The claims not yet received cannot be estimated.
        case estimateUnavailable = "estimate-unavailable"
        /// A recipient group's share with no member attributed to its providers.
        case recipientGroupWithoutMembers = "recipient-group-without-members"
        /// The minimum savings or loss rate cannot be found for this population.
        case minimumRateUnavailable = "minimum-rate-unavailable"
        /// A case of totals that does not add up, or lacks what the contract needs.
        case caseOfTotals = "case-of-totals"
        /// A provisional and a final settlement that cannot be trued up against each other.
        case trueUp = "true-up"
        /// An exact computation overflowed (only for absurd inputs).
        case arithmetic
    }

    /// A settlement refused because an exact computation overflowed (only for absurd inputs).
    static func arithmetic(_ error: ArithmeticError, in step: String) -> SettlementError {
        SettlementError(.arithmetic, "\(step): \(error)")
    }

    /// Runs `body`, turning an arithmetic overflow into a refused settlement naming `step`.
    static func checking<Value>(
        _ step: String,
        _ body: () throws(ArithmeticError) -> Value
    ) throws(SettlementError) -> Value {
        do { return try body() } catch { throw .arithmetic(error, in: step) }
    }
}
