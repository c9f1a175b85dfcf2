#if canImport(Glibc)
import Glibc
#endif

/// What stands at a path, told by stat(2) before anything opens it: a FIFO opened for reading
/// waits for a writer forever, so only regular files are read.
public enum RegularFile {
    /// The file's size when it is a regular file that can be opened for reading and is not empty;
    /// otherwise the reason, with the OS's own words where it refused.
    @discardableResult
    public static func check(_ path: String) throws(IngestError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path) }
            throw .cannotRead(path, OSReason.text(code))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path, kind: kind(info.st_mode)) }
        // O_NONBLOCK: should the path have become a FIFO since, open does not wait.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path, OSReason.text(errno)) }
        close(descriptor)
        guard info.st_size > 0 else { throw .empty(path) }
        return Int(info.st_size)
    }

    /// Whether the path is a folder (symbolic links followed).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }
}

/// The OS's words for an errno ("Permission denied", "Is a directory").
enum OSReason {
    static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
