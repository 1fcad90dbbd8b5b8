from . import test_totp
from . import test_totp_login
