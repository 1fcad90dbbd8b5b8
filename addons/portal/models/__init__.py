from . import portal_mixin
