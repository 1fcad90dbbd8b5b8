from . import customer_org_chart
from . import customer_dashboard
from . import customer_import
