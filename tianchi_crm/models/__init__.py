from . import tianchi_region
from . import res_partner_region
