from . import utils
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
from . import resource_resource
from . import resource_mixin
from . import res_company
from . import res_users
