"""The page shell around every view: head with the locally served
libraries, the top bar (app switcher, the app's menus, user menu),
breadcrumbs and the flash message area."""
from __future__ import annotations

from odoo import _

from .html import Markup, join
from .menus import Menu

LIBRARIES_CSS = (
    '/web/lib/bootstrap/dist/css/bootstrap.min.css',
    '/web/lib/bootstrap-icons/font/bootstrap-icons.min.css',
    '/web/static/src/webclient.css',
    '/web/static/src/pivot.css',
    '/web/static/src/calendar.css',
)
LIBRARIES_JS = (
    '/web/lib/bootstrap/dist/js/bootstrap.bundle.min.js',
    '/web/lib/htmx.org/dist/htmx.min.js',
    '/web/lib/chart.js/dist/chart.umd.js',
    '/web/lib/sortablejs/Sortable.min.js',
    '/web/static/src/webclient.js',
    '/web/static/src/pivot.js',
    '/web/static/src/calendar.js',
    '/web/static/src/list_groups.js',
)


def _menu_items(menu: Menu) -> Markup:
    if not menu.children:
        return Markup('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>').format(menu.href, menu.name)
    entries = join(
        Markup('<li><a class="dropdown-item" href="{}">{}</a></li>').format(child.href, child.name)
        if not child.children else
        Markup('<li><h6 class="dropdown-header">{}</h6></li>{}').format(child.name, join(
            Markup('<li><a class="dropdown-item ps-4" href="{}">{}</a></li>').format(sub.href, sub.name)
            for sub in child.children))
        for child in menu.children)
    return Markup(
        '<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" role="button" '
        'data-bs-toggle="dropdown" aria-expanded="false">{}</a><ul class="dropdown-menu">{}</ul></li>'
    ).format(menu.name, entries)


def navbar(apps: list[Menu], app: Menu | None, user_name: str) -> Markup:
    """The top bar: app switcher, the current app's menus, the user's menu."""
    switcher = join(
        Markup('<a class="o_app col-4 col-md-3 text-center text-decoration-none p-2" href="{}">'
               '<span class="o_app_icon d-inline-flex align-items-center justify-content-center rounded-3 mb-1">{}</span>'
               '<span class="d-block small text-body">{}</span></a>').format(a.href, a.name[:1], a.name)
        for a in apps)
    return Markup(
        '<nav class="navbar navbar-expand-lg o_main_navbar" data-bs-theme="dark"><div class="container-fluid">'
        '<div class="dropdown me-2"><button class="btn btn-link text-white p-1 o_apps_toggle" data-bs-toggle="dropdown" '
        'aria-label="{apps_label}" title="{apps_label}"><i class="bi bi-grid-3x3-gap-fill fs-5"></i></button>'
        '<div class="dropdown-menu o_apps_menu p-2"><div class="row g-0">{switcher}</div></div></div>'
        '<a class="navbar-brand fw-semibold" href="{app_href}">{app_name}</a>'
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#o_nav_menus" '
        'aria-controls="o_nav_menus" aria-expanded="false" aria-label="{menu_label}"><span class="navbar-toggler-icon"></span></button>'
        '<div class="collapse navbar-collapse" id="o_nav_menus"><ul class="navbar-nav me-auto">{menus}</ul>'
        '<ul class="navbar-nav"><li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" data-bs-toggle="dropdown">'
        '<i class="bi bi-person-circle me-1"></i>{user}</a><ul class="dropdown-menu dropdown-menu-end">'
        '<li><a class="dropdown-item" href="/web/session/logout">{logout}</a></li></ul></li></ul></div></div></nav>'
    ).format(
        apps_label=_("Apps"), switcher=switcher, app_href=app.href if app else '/odoo',
        app_name=app.name if app else _("Home"), menu_label=_("Menu"),
        menus=join(_menu_items(child) for child in (app.children if app else [])),
        user=user_name, logout=_("Log out"),
    )


def breadcrumbs(crumbs: list[tuple[str, str | None]]) -> Markup:
    """``[(label, href or None for the current page)]`` as a Bootstrap breadcrumb."""
    items = join(
        Markup('<li class="breadcrumb-item"><a href="{}">{}</a></li>').format(href, label) if href else
        Markup('<li class="breadcrumb-item active" aria-current="page">{}</li>').format(label)
        for label, href in crumbs)
    return Markup('<nav aria-label="breadcrumb" class="o_breadcrumb"><ol class="breadcrumb mb-0">{}</ol></nav>').format(items)


def page(title: str, body: Markup, *, apps: list[Menu], app: Menu | None, user_name: str,
         csrf_token: str, lang: str = 'zh_CN', flash: str = '') -> str:
    """A complete HTML page of the web client."""
    head = join(Markup('<link rel="stylesheet" href="{}">').format(href) for href in LIBRARIES_CSS)
    scripts = join(Markup('<script src="{}"></script>').format(src) for src in LIBRARIES_JS)
    alert = Markup('<div class="alert alert-danger m-2 o_flash" role="alert">{}</div>').format(flash) if flash else ''
    return str(Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="csrf-token" content="{csrf}"><title>{title} - 天池</title>{head}</head>'
        '<body class="o_web_client bg-body-tertiary">{navbar}{alert}<main class="o_action_manager">{body}</main>'
        '<div id="o_toast" class="toast-container position-fixed bottom-0 end-0 p-3"></div>{scripts}</body></html>'
    ).format(lang=lang.replace('_', '-'), csrf=csrf_token, title=title, head=head,
             navbar=navbar(apps, app, user_name),
             alert=alert, body=body, scripts=scripts))
