import Testing
@testable import EduXLSX

@Suite struct EscapedTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("line_x000D_\nbreak", "line\r\nbreak"),
        ("_x005F_x000D_", "_x000D_"),
        ("tab_x0009_here", "tab\there"),
        ("中文_x4E2D_", "中文中"),
        ("_xD83D__xDE00_", "😀"),
        ("_x12_ not an escape", "_x12_ not an escape"),
        ("_xZZZZ_", "_xZZZZ_"),
    ])
    func decodesEscapes(raw: String, decoded: String) {
        #expect(EscapedText.decode(raw) == decoded)
    }
}
