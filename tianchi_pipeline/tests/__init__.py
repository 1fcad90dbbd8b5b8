from . import test_product_publish, test_product_publish_page
from . import test_stage_design, test_stage_moves, test_grab_order, test_notification_channels, test_progress_tracking
from . import test_amount_cn
from . import test_quote_margin
from . import test_quote_send
from . import test_quote_page
from . import test_contract
from . import test_contract_renewal
from . import test_contract_guard
from . import test_notification_activities
from . import test_progress_durations
from . import test_order_owner_guard
from . import test_partner_total_sales
from . import test_quote_access
from . import test_demo_levels
