import EduNormalise

// The rows of the views migration 006 added: school size against the 2017 limits, and the basic
// indicators by 城区 / 镇区 / 乡村.

/// One row of `school_scale`: a school part's pupils per class against the class-size limit of
/// its stage, and the whole school's pupils against the school-size limit of its type or stage.
/// A limit, figure or verdict is nil where the view has none.
public struct SchoolScaleRow: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String?
    public var stage: Stage
    public var schoolType: String?
    public var students: Double?
    public var excludedReason: String?
    public var classes: Double?
    public var studentsPerClass: Double?
    public var classSizeLimit: Double?
    public var classSizeMet: Bool?
    public var schoolStudents: Double?
    public var schoolSizeLimit: Double?
    public var schoolSizeMet: Bool?

    public init(schoolCode: String, schoolName: String?, stage: Stage, schoolType: String?, students: Double?, excludedReason: String?,
                classes: Double?, studentsPerClass: Double?, classSizeLimit: Double?, classSizeMet: Bool?,
                schoolStudents: Double?, schoolSizeLimit: Double?, schoolSizeMet: Bool?) {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.stage = stage
        self.schoolType = schoolType
        self.students = students
        self.excludedReason = excludedReason
        self.classes = classes
        self.studentsPerClass = studentsPerClass
        self.classSizeLimit = classSizeLimit
        self.classSizeMet = classSizeMet
        self.schoolStudents = schoolStudents
        self.schoolSizeLimit = schoolSizeLimit
        self.schoolSizeMet = schoolSizeMet
    }
}

/// One row of `urban_rural_means`: a basic indicator's enrolment-weighted mean over one area's
/// counted schools of a stage.
public struct UrbanRuralMeanRow: Sendable, Equatable {
    public var stage: Stage
    public var indicator: String
    public var area: UrbanRuralArea
    public var schools: Int
    public var students: Double
    public var mean: Double

    public init(stage: Stage, indicator: String, area: UrbanRuralArea, schools: Int, students: Double, mean: Double) {
        self.stage = stage
        self.indicator = indicator
        self.area = area
        self.schools = schools
        self.students = students
        self.mean = mean
    }
}

/// One row of `urban_rural_gaps`: of a stage's basic indicator over two or more areas, the highest
/// and the lowest area mean and their ratio (nil when the lowest is 0).
public struct UrbanRuralGapRow: Sendable, Equatable {
    public var stage: Stage
    public var indicator: String
    public var areas: Int
    public var highestArea: UrbanRuralArea
    public var highestMean: Double
    public var lowestArea: UrbanRuralArea
    public var lowestMean: Double
    public var ratio: Double?

    public init(stage: Stage, indicator: String, areas: Int, highestArea: UrbanRuralArea, highestMean: Double,
                lowestArea: UrbanRuralArea, lowestMean: Double, ratio: Double?) {
        self.stage = stage
        self.indicator = indicator
        self.areas = areas
        self.highestArea = highestArea
        self.highestMean = highestMean
        self.lowestArea = lowestArea
        self.lowestMean = lowestMean
        self.ratio = ratio
    }
}
