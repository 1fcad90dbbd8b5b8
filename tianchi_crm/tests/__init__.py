from . import test_tools
from . import test_region
from . import test_contact_record
from . import test_contact_record_reminder
from . import test_customer_department
from . import test_customer_department_chart
from . import test_contact_matrix
