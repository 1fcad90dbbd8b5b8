from . import res_company
from . import res_partner
from . import product_template
from . import product_product
from . import crm_team
from . import sale_order
from . import sale_order_line
