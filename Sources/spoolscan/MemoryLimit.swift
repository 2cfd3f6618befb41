import Glibc

/// Caps this process's address space (RLIMIT_AS), so a hostile input makes allocation fail
/// in this scanner process instead of exhausting the machine.
enum MemoryLimit {
    static func apply(megabytes: Int) {
        guard megabytes > 0 else { return }
        let bytes = rlim_t(megabytes) << 20
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
