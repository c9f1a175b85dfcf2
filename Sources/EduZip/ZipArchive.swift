// Placeholder: the ZIP reader lands here.
import EduCore
import CEduZlib
