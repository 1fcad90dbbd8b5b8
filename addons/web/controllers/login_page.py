"""The HTML of the login page, built with escaping (the QWeb-based web
client replaces it later). Chinese first, English alongside; no external
resources."""
from __future__ import annotations

from markupsafe import Markup

_STYLE = Markup("""
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
 font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",system-ui,sans-serif;
 background:linear-gradient(160deg,#eef3f8 0%,#dfe8f1 100%);color:#1f2d3d}
main{width:100%;max-width:380px;margin:16px;background:#fff;border-radius:12px;
 box-shadow:0 8px 30px rgba(31,45,61,.12);padding:32px 28px}
h1{margin:0 0 4px;font-size:24px;font-weight:600;text-align:center;letter-spacing:2px}
.sub{margin:0 0 24px;text-align:center;color:#6b7a89;font-size:13px}
label{display:block;margin:14px 0 6px;font-size:14px;font-weight:500}
label small{color:#8a97a5;font-weight:400;margin-left:6px}
input,select{width:100%;padding:10px 12px;font-size:15px;border:1px solid #cfd8e1;border-radius:8px;background:#fff}
input:focus,select:focus{outline:none;border-color:#2f6fd6;box-shadow:0 0 0 3px rgba(47,111,214,.15)}
button{margin-top:22px;width:100%;padding:11px;font-size:16px;border:0;border-radius:8px;
 background:#2f6fd6;color:#fff;cursor:pointer}
button:hover{background:#255bb3}
.error{margin:0 0 12px;padding:10px 12px;border-radius:8px;background:#fdecea;color:#a12622;font-size:14px}
.db{margin-top:18px;text-align:center;font-size:13px;color:#6b7a89}
.db a{color:#2f6fd6;text-decoration:none}
""")


def _page(body: Markup) -> str:
    return str(Markup(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>登录 · 天池</title><style>{style}</style></head>'
        '<body><main><h1>天池</h1><p class="sub">登录您的账户 · Sign in</p>{body}</main></body></html>'
    ).format(style=_STYLE, body=body))


def render_login(*, csrf_token: str, db: str | None, databases: list[str] | None, login: str = '',
                 redirect: str = '', error: str = '') -> str:
    """The login form posting to /web/login with its CSRF token."""
    parts = [Markup('<p class="error" role="alert">{}</p>').format(error)] if error else []
    parts.append(Markup(
        '<form method="post" action="/web/login">'
        '<input type="hidden" name="csrf_token" value="{csrf}">'
        '<input type="hidden" name="redirect" value="{redirect}">'
        '<label for="login">账号<small>Login</small></label>'
        '<input id="login" name="login" type="text" value="{login}" autocomplete="username" '
        'autocapitalize="off" required autofocus>'
        '<label for="password">密码<small>Password</small></label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        '<button type="submit">登录</button></form>'
    ).format(csrf=csrf_token, redirect=redirect, login=login))
    if databases and len(databases) > 1:
        parts.append(Markup('<p class="db">数据库 Database：<strong>{db}</strong> · '
                            '<a href="/web/login?db=">切换 Switch</a></p>').format(db=db or ''))
    return _page(Markup('').join(parts))


def render_database_choice(databases: list[str], error: str = '') -> str:
    """A choice of database when the request cannot tell which one to use."""
    parts = [Markup('<p class="error" role="alert">{}</p>').format(error)] if error else []
    if databases:
        options = Markup('').join(Markup('<option value="{0}">{0}</option>').format(name) for name in databases)
        parts.append(Markup(
            '<form method="get" action="/web/login">'
            '<label for="db">选择数据库<small>Database</small></label>'
            '<select id="db" name="db">{options}</select>'
            '<button type="submit">继续</button></form>'
        ).format(options=options))
    else:
        parts.append(Markup('<p class="error">没有可用的数据库。No database is available on this server: '
                            'create one with <code>./odoo-bin -d NAME -i base</code>.</p>'))
    return _page(Markup('').join(parts))


def render_landing(name: str, db: str) -> str:
    """The page after logging in, until the web client is installed."""
    return _page(Markup(
        '<p class="sub">您好，<strong>{name}</strong>（数据库 {db}）</p>'
        '<form method="get" action="/web/session/logout"><button type="submit">退出登录 Log out</button></form>'
    ).format(name=name, db=db))
