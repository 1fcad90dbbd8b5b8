from . import product_catalog
