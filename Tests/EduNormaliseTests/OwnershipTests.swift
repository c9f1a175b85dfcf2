import EduNormalise
import Testing

/// 性质/举办者 cells as district returns write them, and who runs the school.
struct OwnershipTests {
    static let cases: [(written: String, ownership: Ownership?)] = [
        // A leading 举办者 code decides: 9xx private, 8xx and other codes public.
        ("831县级教育部门", .public),
        ("821地级教育部门", .public),
        ("832县级其他部门", .public),
        ("891事业单位", .public),
        ("999民办", .private),
        ("911民办", .private),
        ("999", .private),
        ("831", .public),
        ("711其他", .public),
        ("９９９民办", .private),
        ("  999民办 ", .private),
        // The code wins over the words after it.
        ("999教育部门", .private),
        ("831民办", .public),
        // No code: the words.
        ("民办", .private),
        ("民办学校", .private),
        ("民办事业单位", .private),
        ("教育部门", .public),
        ("县级教育部门", .public),
        ("其他部门", .public),
        ("公办", .public),
        ("事业单位", .public),
        ("国有企业", .public),
        ("集体", .public),
        // Neither: not guessed.
        ("", nil),
        ("   ", nil),
        ("其他", nil),
        ("个人", nil),
        // Not a three-digit code: the words decide.
        ("99民办", .private),
        ("9999", nil),
        ("8312教育部门", .public),
        ("12", nil),
    ]

    @Test(arguments: cases)
    func ownershipOfWrittenSponsor(written: String, ownership: Ownership?) {
        #expect(Ownership(written: written) == ownership, "\(written)")
    }
}
