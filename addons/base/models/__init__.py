"""Imports of the ``base`` models; order matters where a model extends
another one declared in this package (mixins first)."""
from __future__ import annotations

# business half of base (engineer D1)
from . import image_mixin
from . import avatar_mixin
from . import res_country
from . import res_currency
from . import res_partner_category
from . import res_partner_title
from . import res_partner_industry
from . import res_partner
from . import res_bank
from . import res_company
from . import res_groups
from . import res_users_log
from . import res_users

# technical half of base (ir.* models): imports are appended below
