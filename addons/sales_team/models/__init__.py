from . import crm_team
from . import crm_team_member
from . import res_users
