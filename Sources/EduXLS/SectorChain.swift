import EduCore

/// Follows a chain of sectors through an allocation table (the FAT, or the mini FAT for mini
/// sectors), refusing loops, links out of range and special values inside a chain. Each sector
/// is visited at most once, so a walk takes at most `table.count` steps and a hostile file
/// cannot make it run forever or grow without bound.
struct SectorChain {
    /// The allocation table: entry n is the sector after sector n.
    let table: [UInt32]
    /// Sectors that actually exist (in the file, or in the mini stream); a sector the table
    /// describes at or past this count lies past the end.
    let available: Int
    /// The file's size, for the message when a chain runs past its end (nil for mini chains).
    let fileSize: Int?
    let location: SourceLocation

    /// The sectors of the chain starting at `start`, up to ENDOFCHAIN, or only the first `limit`
    /// when given (a stream needs no more than its size covers; a longer chain is tolerated).
    func follow(from start: UInt32, chain: CompoundFileError.Chain, limit: Int? = nil) throws(CompoundFileError) -> [UInt32] {
        var sectors: [UInt32] = []
        if let limit { sectors.reserveCapacity(max(0, min(limit, table.count))) }
        var visited = [Bool](repeating: false, count: table.count)
        var current = start
        var previous = start
        while current != SectorID.endOfChain {
            if let limit, sectors.count >= limit { break }
            guard current <= SectorID.maxRegular else {
                throw .badChainLink(location, chain, sector: previous, value: current)
            }
            guard let index = Int(exactly: current), index < table.count else {
                throw .sectorOutOfRange(location, chain, sector: current, limit: table.count)
            }
            guard index < available else {
                if let fileSize { throw .sectorPastEndOfFile(location, chain, sector: current, fileSize: fileSize) }
                throw .sectorOutOfRange(location, chain, sector: current, limit: available)
            }
            guard !visited[index] else { throw .chainLoops(location, chain, sector: current) }
            visited[index] = true
            sectors.append(current)
            previous = current
            current = table[index]
        }
        return sectors
    }
}
