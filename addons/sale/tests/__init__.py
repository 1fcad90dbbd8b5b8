from . import test_sale_order
from . import test_sale_access
from . import test_sale_report
from . import test_compat_fields
from . import test_sale_portal
