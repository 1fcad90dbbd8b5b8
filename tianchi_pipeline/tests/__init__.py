from . import test_product_publish, test_product_publish_page
