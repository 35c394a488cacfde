/// A claim line given to
/// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``
/// that does not count, or counts only in part: what `rejected-claims.csv` lists for a settlement from files.
///
/// A line the financier approved in part is listed for its refused part (``isWholeLine`` `false`, a part
/// that counts no line in the totals by reason) and, when its approved part does not count either (it
/// lies outside the period, say), once more for that part with its own reason.
public struct RejectedClaim: Hashable, Sendable {
    /// The line's index in `claims` (counted from zero, as the array is).
    public var index: Int
    /// Why it does not count.
    public var reason: RejectionReason
    /// The specific problem, for example "reference c7 was claimed before for this member, regime and
    /// provider"; a member's BSN in it is replaced by asterisks.
    public var detail: String
    /// The amount that does not count, signed: the line's, or for a line the financier approved in part,
    /// the part it refused or the approved part.
    public var amount: Cents
    /// Whether the whole line does not count; `false` for the refused part of a line approved in part.
    public var isWholeLine: Bool

    public init(index: Int, reason: RejectionReason, detail: String, amount: Cents, isWholeLine: Bool = true) {
        self.index = index
        self.reason = reason
        self.detail = detail
        self.amount = amount
        self.isWholeLine = isWholeLine
    }
}
