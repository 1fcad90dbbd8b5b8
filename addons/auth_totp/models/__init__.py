from . import auth_totp_device
from . import res_users
