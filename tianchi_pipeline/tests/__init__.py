from . import test_product_publish, test_product_publish_page
from . import test_stage_design, test_stage_moves, test_grab_order, test_notification_channels, test_progress_tracking
