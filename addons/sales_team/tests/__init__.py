from . import test_sales_team
