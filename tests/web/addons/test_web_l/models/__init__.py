from . import test_web_stage
from . import test_web_task
from . import test_web_task_line
from . import test_web_task_note_wizard
from . import test_web_meeting
from . import test_web_tag
