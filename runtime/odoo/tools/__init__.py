"""``odoo.tools``: the helpers addons import from ``odoo.tools`` (Odoo 18 names)."""
from __future__ import annotations

from . import cache, date_utils, float_utils, func, image, mail, misc, safe_eval, translate
from . import convert, query, sql, template_inheritance
from .convert import convert_csv_import, convert_file, convert_sql_import, convert_xml_import
from .i18n import format_list
from .cache import ormcache, ormcache_context
from .config import config
from .float_utils import (
    float_compare, float_is_zero, float_repr, float_round, float_split, float_split_str,
    json_float_round,
)
from .func import classproperty, conditional, lazy, lazy_classproperty, lazy_property, reset_cached_properties
from .misc import (
    DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, DEFAULT_SERVER_TIME_FORMAT,
    NON_BREAKING_SPACE, SENTINEL, Callbacks, Collector, ConstantMapping, DotDict, LastOrderedSet,
    OrderedSet, ReadonlyDict, Reverse, ReversedIterable, Sentinel, StackMap, babel_locale_parse,
    clean_context, consteq, discardattr, exec_pg_environ, file_open, file_path, find_in_path,
    find_pg_tool, format_amount, format_date, format_datetime, format_decimalized_amount,
    format_decimalized_number, format_duration, format_time, formatLang, freehash, frozendict,
    get_iso_codes, get_lang, groupby, has_list_types, html_escape, human_size, is_list_of,
    lower_logging, merge_sequences, mute_logger, parse_date, partition, posix_to_ldml,
    remove_accents, replace_exceptions, reverse_enumerate, split_every, str2bool, street_split,
    submap, topological_sort, unique, unquote,
)
from .mail import (
    append_content_to_html, email_domain_extract, email_normalize, email_normalize_all, email_re,
    email_split, email_split_and_format, email_split_tuples, formataddr, html2plaintext, html_keep_url,
    html_sanitize, html_to_inner_content, is_html_empty, parse_contact_from_email, plaintext2html,
    single_email_re,
)
from .image import image_data_uri, image_process
from .sql import SQL
from .query import Query
from .translate import LazyTranslate, _, _lt, html_translate, xml_translate
