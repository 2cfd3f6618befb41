/// Decides when a file in `pending/` is ready to be queued.
///
/// A file renamed in (IN_MOVED_TO) is ready at once. A file written in place (IN_CREATE,
/// IN_CLOSE_WRITE, or found by a scan) is ready once its size and mtime have not changed for the
/// settle time — measured both from the last change this worker saw and from the file's mtime.
/// Dot-files and `*.part` are never considered.
struct ReadyTracker: Sendable {
    struct Watched: Sendable {
        var stat: FileStat
        var firstSeenNs: Int64
        var firstSeenMono: Int64
        var lastChangeMono: Int64
    }

    /// A file that became ready.
    struct Ready: Sendable {
        var name: String
        var stat: FileStat
        var firstSeenNs: Int64
    }

    let settleNs: Int64
    private(set) var watched: [String: Watched] = [:]

    init(settleMs: Int) { settleNs = Int64(settleMs) * 1_000_000 }

    var isEmpty: Bool { watched.isEmpty }

    /// Notes a file; returns it when it is ready now.
    mutating func observe(_ name: String, _ stat: FileStat, movedIn: Bool, activity: Bool,
                          nowNs: Int64, nowMono: Int64) -> Ready? {
        if movedIn {
            let firstSeen = watched.removeValue(forKey: name)?.firstSeenNs ?? nowNs
            return Ready(name: name, stat: stat, firstSeenNs: firstSeen)
        }
        if var entry = watched[name] {
            if entry.stat != stat || activity {
                entry.stat = stat
                entry.lastChangeMono = nowMono
                watched[name] = entry
            }
            return nil
        }
        if !activity && nowNs - stat.mtimeNs >= settleNs {
            return Ready(name: name, stat: stat, firstSeenNs: nowNs)
        }
        watched[name] = Watched(stat: stat, firstSeenNs: nowNs, firstSeenMono: nowMono, lastChangeMono: nowMono)
        return nil
    }

    /// Re-examines the files still settling (`stat` looks one up); returns those now ready.
    mutating func poll(nowNs: Int64, nowMono: Int64, stat: (String) -> FileStat?) -> [Ready] {
        var ready: [Ready] = []
        for (name, var entry) in watched {
            guard let current = stat(name), current.isRegular else {
                watched.removeValue(forKey: name)
                continue
            }
            if current != entry.stat {
                entry.stat = current
                entry.lastChangeMono = nowMono
                watched[name] = entry
            } else if nowMono - entry.lastChangeMono >= settleNs && nowNs - current.mtimeNs >= settleNs {
                watched.removeValue(forKey: name)
                ready.append(Ready(name: name, stat: current, firstSeenNs: entry.firstSeenNs))
            }
        }
        return ready.sorted { ($0.firstSeenNs, $0.name) < ($1.firstSeenNs, $1.name) }
    }

    /// Stops watching files that have been settling longer than `limitNs` (a sweep gives up on
    /// them); returns their names.
    mutating func dropStale(nowMono: Int64, limitNs: Int64) -> [String] {
        let stale = watched.filter { nowMono - $0.value.firstSeenMono > limitNs }.map(\.key)
        stale.forEach { watched.removeValue(forKey: $0) }
        return stale
    }

    mutating func forget(_ name: String) { watched.removeValue(forKey: name) }
}
