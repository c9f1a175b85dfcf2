// Placeholder: the XLSX reader lands here.
import EduCore
import EduZip
import CEduXML2
