from . import customer_org_chart
