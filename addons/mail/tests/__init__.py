from . import test_mail_thread
from . import test_mail_tracking
from . import test_mail_activity
from . import test_mail_mail
from . import test_mail_template
