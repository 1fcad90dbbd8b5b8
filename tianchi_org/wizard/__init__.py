from . import tianchi_transfer
from . import hr_employee_move
from . import hr_employee_login
from . import tianchi_role_change
