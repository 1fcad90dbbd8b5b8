from . import auth_totp_wizard
