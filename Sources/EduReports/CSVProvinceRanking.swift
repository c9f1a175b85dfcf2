/// The ranking as one CSV file, every stage with a 学段 column, as the county summary's CSV files:
/// UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, numbers at the decimals shown.
public enum CSVProvinceRanking {
    public static func bytes(_ ranking: ProvinceRanking) -> [UInt8] {
        CSVCountyReport.bytes(ranking.table(stage: nil))
    }
}
