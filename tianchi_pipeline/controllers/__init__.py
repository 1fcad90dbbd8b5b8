from . import product_catalog
from . import quote_page
