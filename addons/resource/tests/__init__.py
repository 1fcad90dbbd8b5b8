from . import test_resource_calendar
from . import test_intervals
