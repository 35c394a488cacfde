/// The codes of the AW319 v1.4 field table that a writer must choose from.
///
/// The reader accepts any digits in these fields, so that files written to older lists still read; the
/// writer writes only what the table allows.
public enum AW319Codes: Sendable {
    /// Field 113 `01`: the service bureau of field 109 is paid.
    public static let payServiceBureau = 1
    /// Field 113 `02`: the provider of field 110 is paid.
    public static let payProvider = 2
    /// Field 113 `03`: the practice of field 111 is paid.
    public static let payPractice = 3
    /// Field 113 `04`: the institution of field 112 is paid.
    public static let payInstitution = 4

    /// Field 416, the prestatiecodelijst of the Wlz (message 187).
    public static let wlzList = "055"
    /// Field 416, the list of district nursing, wijkverpleging (message 428).
    public static let districtNursingList = "065"
    /// Field 416, the list of care for the sensory impaired (message 430).
    public static let sensoryImpairedList = "066"
    /// Field 416, the list of first-line stay, ELV (message 428).
    public static let firstLineStayList = "068"
    /// Field 416, the list `990`, which the table allows besides the four of its condition without tying
    /// it to a message.
    public static let otherList = "990"

    /// The lists field 416 may hold in a file with `messageCode` (field 102), as the table's condition
    /// names them, and `990`; none for a code that is not AW319's.
    public static func serviceLists(messageCode: Int) -> [String] {
        switch messageCode {
        case 187: [wlzList, otherList]
        case 428: [districtNursingList, firstLineStayList, otherList]
        case 430: [sensoryImpairedList, otherList]
        default: []
        }
    }

    /// Field 419, the unit of the count in 418: `00` none, `01` minute, `04` hour, `07` five minutes, `11`
    /// daytime, `14` day of 24 hours, `16` part of a day (4 hours), `31` month, `41` year, `81` the time
    /// needed or independent of time.
    public static let timeUnits = ["00", "01", "04", "07", "11", "14", "16", "31", "41", "81"]

    /// The units of field 419 that the table allows for district nursing only.
    public static let districtNursingUnits = ["11", "31", "41"]
}
