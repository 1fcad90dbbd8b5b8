from . import test_hr_department
from . import test_hr_employee
