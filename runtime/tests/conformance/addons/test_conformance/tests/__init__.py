from . import test_access
from . import test_computed
from . import test_data_and_views
from . import test_form
from . import test_orm_api
