from . import relation_tag
