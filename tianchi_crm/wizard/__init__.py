from . import tianchi_customer_merge
