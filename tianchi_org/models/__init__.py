from . import tianchi_owned_mixin
from . import hr_department
from . import hr_employee
from . import res_users
from . import res_company
from . import tianchi_org_note
from . import tianchi_code_sender
from . import tianchi_signup_code
