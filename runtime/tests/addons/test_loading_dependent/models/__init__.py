from . import test_loading_item
from . import test_loading_line
