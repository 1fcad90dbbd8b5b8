"""Controllers of ``web``: sessions, model calls, login, version and database list."""
from __future__ import annotations

from . import database
from . import dataset
from . import home
from . import session
from . import webclient
from . import report
from . import webclient_assets
from . import webclient_home
from . import webclient_records
from . import webclient_form
from . import webclient_chatter
from . import webclient_kanban
from . import binary
from . import content
from . import webclient_onchange
from . import webclient_pivot
from . import webclient_calendar
from . import webclient_list_groups
from . import webclient_tags
from . import webclient_kanban_more
