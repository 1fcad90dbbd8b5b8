from . import signup
from . import org_chart
