#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCore

/// Any encoding but UTF-8, through the platform's iconv(3) (glibc's GB18030, UTF-16 ...): the
/// only place this module calls it. Owns the conversion descriptor, closed in deinit.
final class IconvDecoder: TextDecoder {
    private let descriptor: iconv_t
    private let location: SourceLocation
    var replacements = ReplacementTally()

    /// Nil when iconv does not know the encoding.
    init?(encoding: TextEncoding, location: SourceLocation) {
        self.location = location
        let descriptor = iconv_open("UTF-8", encoding.iconvName)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    func decode(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into output: ByteBuffer) throws(CSVError) -> Int {
        guard let start = input.baseAddress, !input.isEmpty else { return 0 }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: start)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            // Two UTF-8 bytes per input byte covers GB18030 and UTF-16; E2BIG grows it otherwise.
            let room = inLeft * 2 + 16
            var outcome = 0
            var code: Int32 = 0
            output.append(upTo: room) { out in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out).assumingMemoryBound(to: CChar.self)
                var outLeft = room
                outcome = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                code = outcome == -1 ? errno : 0
                return room - outLeft
            }
            guard outcome == -1 else { break }
            switch code {
            case E2BIG:
                continue
            case EILSEQ:
                replacements.replaceByte(into: output)
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            case EINVAL:
                // The input ends inside a character: wait for more, or replace what is left.
                guard final else { return input.count - inLeft }
                while inLeft > 0 {
                    replacements.replaceByte(into: output)
                    inLeft -= 1
                }
            default:
                throw CSVError(.decoderFailure(String(cString: strerror(code))), at: location)
            }
        }
        return input.count
    }
}
