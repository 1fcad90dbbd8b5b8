from . import conformance_code_mixin
from . import conformance_order
from . import conformance_order_line
from . import res_partner
