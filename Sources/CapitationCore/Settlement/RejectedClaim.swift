/// A claim line given to
/// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:)``
/// that does not count, or counts only in part: what `rejected-claims.csv` lists for a settlement from files.
public struct RejectedClaim: Hashable, Sendable {
    /// The line's index in `claims` (counted from zero, as the array is).
    public var index: Int
    /// Why it does not count.
    public var reason: RejectionReason
    /// The specific problem, for example "reference c7 was claimed before for this member, regime and
    /// provider"; a member's BSN in it is replaced by asterisks.
    public var detail: String
    /// The amount that does not count, signed: the whole line's, or for a line the financier approved in
    /// part, the part it refused.
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
