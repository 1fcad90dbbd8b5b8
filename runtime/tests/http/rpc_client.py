"""A small JSON-RPC/HTTP client over the standard library for the HTTP tests
(keeps cookies, posts JSON-RPC, returns raw answers)."""
from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class Answer:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode()

    def json(self) -> Any:
        return json.loads(self.body)


class Browser:
    """Cookie-keeping HTTP client; redirects are not followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None,
                method: str | None = None) -> Answer:
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(req, timeout=30) as reply:
                return Answer(reply.status, reply.headers, reply.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, path: str) -> Answer:
        return self.request(path)

    def post_form(self, path: str, fields: dict) -> Answer:
        return self.request(path, urllib.parse.urlencode(fields).encode(),
                            {'Content-Type': 'application/x-www-form-urlencoded'})

    def post_json(self, path: str, body: Any) -> Answer:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.request(path, raw, {'Content-Type': 'application/json'})

    def call(self, path: str, params: dict, request_id: int = 1) -> Any:
        """The JSON-RPC message answering a call of ``path`` with ``params``."""
        return self.post_json(path, {'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': request_id}).json()

    def session_id(self) -> str | None:
        for cookie in self.cookies:
            if cookie.name == 'session_id':
                return cookie.value
        return None
