from . import test_res_partner
from . import test_res_users
from . import test_res_groups
from . import test_res_company
from . import test_res_currency
from . import test_res_country
from . import test_views
