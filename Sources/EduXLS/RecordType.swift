/// The BIFF5/BIFF8 record types the reader acts on ([MS-XLS] 2.3: record enumeration).
enum RecordType {
    static let formula: UInt16 = 0x0006
    static let endOfFile: UInt16 = 0x000A
    static let datemode: UInt16 = 0x0022
    static let filepass: UInt16 = 0x002F
    static let `continue`: UInt16 = 0x003C
    static let codepage: UInt16 = 0x0042
    static let boundsheet: UInt16 = 0x0085
    static let mulrk: UInt16 = 0x00BD
    static let rstring: UInt16 = 0x00D6
    static let xf: UInt16 = 0x00E0
    static let mergedCells: UInt16 = 0x00E5
    static let sst: UInt16 = 0x00FC
    static let labelSST: UInt16 = 0x00FD
    static let number: UInt16 = 0x0203
    static let label: UInt16 = 0x0204
    static let boolerr: UInt16 = 0x0205
    static let string: UInt16 = 0x0207
    static let rk: UInt16 = 0x027E
    static let format: UInt16 = 0x041E
    static let beginningOfFile: UInt16 = 0x0809
    /// BOF records of Excel 2.x, 3.x and 4.x, which eduetl does not read.
    static let oldBeginningOfFile: Set<UInt16> = [0x0009, 0x0209, 0x0409]
}
