#if canImport(Glibc)
import Glibc
#endif

/// The first bytes of a file, to tell a workbook from text when the extension does not say.
enum FileSignature {
    static func startsLikeZip(_ path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 2)
        return fread(&head, 1, 2, file) == 2 && head == [0x50, 0x4B]
    }
}
