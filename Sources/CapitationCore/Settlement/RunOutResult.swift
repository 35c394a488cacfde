/// What a settlement after a run-out counted: its stage, its cut-off, the lines received after it, and
/// for a provisional settlement the claims not yet received.
public struct RunOutResult: Hashable, Sendable {
    public var stage: SettlementStage
    /// The months of run-out of this stage.
    public var months: Int
    /// The last day a line could be received to count.
    public var cutOff: CalendarDate
    /// The lines received after the cut-off, and their amount: not counted.
    public var receivedAfterCutOff: LineTotal
    /// The accepted lines that do not say when they were received: counted as received by the cut-off.
    public var undated: LineTotal
    /// For a provisional settlement, the estimate of each regime's claims not yet received.
    public var completion: [CompletionResult]
    /// For a final settlement, what it changes against the provisional one, when that was computed.
    public var trueUp: TrueUp?

    public init(
        stage: SettlementStage,
        months: Int,
        cutOff: CalendarDate,
        receivedAfterCutOff: LineTotal,
        undated: LineTotal,
        completion: [CompletionResult],
        trueUp: TrueUp? = nil
    ) {
        self.stage = stage
        self.months = months
        self.cutOff = cutOff
        self.receivedAfterCutOff = receivedAfterCutOff
        self.undated = undated
        self.completion = completion
        self.trueUp = trueUp
    }

    /// The estimate of `regime`'s claims not yet received; zero when none was made.
    public func estimate(of regime: Regime) -> Cents {
        completion.first { $0.regime == regime }?.estimate ?? .zero
    }

    /// The estimate of the claims not yet received, over every regime; zero when none was made.
    public var estimate: Cents {
        // Each regime's estimate is part of its expenditure, whose total was added up exactly.
        (try? completion.map(\.estimate).sum()) ?? .zero
    }
}
