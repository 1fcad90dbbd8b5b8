from . import product_template_publish
