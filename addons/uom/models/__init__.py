from . import uom_category
from . import uom_uom
