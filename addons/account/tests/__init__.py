from . import test_tax
