/// 城区 / 镇区 / 乡村: the area urban_rural_means and urban_rural_gaps group schools by, as the views
/// write it (from schools.urban_rural: the words, or the national urban-rural codes).
public enum UrbanRuralArea: String, Sendable, Hashable, CaseIterable, Codable {
    case urban = "城区"
    case town = "镇区"
    case rural = "乡村"
}
