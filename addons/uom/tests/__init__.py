from . import test_uom
