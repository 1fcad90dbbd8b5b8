from . import test_installed_data
from . import test_failing
