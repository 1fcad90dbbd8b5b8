from . import product_category
from . import product_tag
from . import product_template
from . import product_product
