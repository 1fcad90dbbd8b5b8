"""QWeb, the templating language of Odoo's views, reports and mails: a pure
compiler of templates into renderers (``compiler``), the expressions they
evaluate (``expressions``) and the error they raise (``errors``). The
``ir.qweb`` model of ``base`` supplies templates, fields and widgets."""
from __future__ import annotations

from .compiler import VOID_ELEMENTS as VOID_ELEMENTS
from .compiler import Renderer as Renderer
from .compiler import TemplateCompiler as TemplateCompiler
from .errors import QWebException as QWebException
from .expressions import compile_expr as compile_expr
from .expressions import compile_format as compile_format
from .expressions import evaluate as evaluate
