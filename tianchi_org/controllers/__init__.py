from . import signup
from . import org_chart
from . import login_code
