from . import test_roles
from . import test_department_heads
from . import test_owner_matrix
from . import test_transfer
from . import test_signup
from . import test_signup_page
from . import test_org_chart
from . import test_employee_login
