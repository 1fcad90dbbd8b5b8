from . import test_hr_attendance
from . import test_compat_fields
