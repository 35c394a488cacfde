import SettlementRunner
import Testing

/// The names by which a run recognises what a killed run left: its own kind, with a process id, and
/// nothing else.
struct LeftoversTests {
    @Test(
        arguments: [
            ("capitation-spill-4242-aB3dE9", 4242),
            ("capitation-spill-2147483647-zzzzzz", 2_147_483_647),
            ("capitation-spill-4242-aB3dE", nil),
            ("capitation-spill-4242-aB3dE9x", nil),
            ("capitation-spill-4242-aB3.E9", nil),
            ("capitation-spill-4242aB3dE9", nil),
            ("capitation-spill--aB3dE9", nil),
            ("capitation-spill-0042-aB3dE9", nil),
            ("capitation-spill-2147483648-aB3dE9", nil),
            ("capitation-spill-x4242-aB3dE9", nil),
            ("capitation-spillover-4242-aB3dE9", nil),
            ("other-4242-aB3dE9", nil),
        ] as [(String, Int32?)]
    )
    func recognisesSpillFolders(_ name: String, _ id: Int32?) {
        #expect(Leftovers.processID(in: name, prefix: "capitation-spill-", suffix: "-", randomCharacters: 6) == id)
    }

    @Test(
        arguments: [
            (".settlement.json.4242.tmp", 4242),
            (".report.md.17.tmp", 17),
            (".capitation-probe.9.tmp", 9),
            (".notes.txt.4242.tmp", nil),
            (".settlement.json.tmp", nil),
            (".settlement.json.42x.tmp", nil),
            (".settlement.json.4242.tmp.bak", nil),
            ("settlement.json.4242.tmp", nil),
            (".settlement.json.-1.tmp", nil),
        ] as [(String, Int32?)]
    )
    func recognisesTemporaryOutputs(_ name: String, _ id: Int32?) {
        let names: Set = ["settlement.json", "report.md", "capitation-probe"]
        #expect(Leftovers.processID(inTemporaryFile: name, of: names) == id)
    }
}
