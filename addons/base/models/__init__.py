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
from . import res_config

# technical half of base (ir.* models): imports are appended below
from . import ir_model
from . import ir_model_manual
from . import ir_model_access
from . import ir_model_data
from . import ir_rule
from . import ir_ui_view
from . import ir_ui_view_base
from . import ir_actions
from . import ir_ui_menu
from . import ir_sequence
from . import ir_config_parameter
from . import ir_default
from . import ir_attachment
from . import ir_cron
from . import ir_autovacuum
from . import ir_module
from . import res_lang
from . import decimal_precision
from . import report_paperformat
from . import ir_http
from . import res_users_apikeys
# QWeb and reports (engineer J)
from . import ir_qweb
from . import ir_qweb_fields
from . import ir_actions_report
from . import ir_filters
from . import base_url
