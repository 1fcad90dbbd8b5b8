from . import res_company
from . import account_tax
from . import product_template
