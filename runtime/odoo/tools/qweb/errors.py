"""The error QWeb raises while compiling or rendering a template: it names the
template, the source line and the directive that failed."""
from __future__ import annotations


class QWebException(Exception):
    """A template failed. ``name`` is the template (xml id, key or id),
    ``line`` its source line, ``path`` the directive being run and ``html``
    the opening tag of the failing element."""

    def __init__(self, message: str, qweb: object = None, template: object = None, ref: object = None,
                 path_xml: tuple | None = None, code: str | None = None, line: int | None = None) -> None:
        self.title = message
        self.name = template
        self.ref = ref
        self.path, self.html = path_xml or (None, None)
        self.code = code
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        parts = [self.title]
        cause = self.__cause__ or self.__context__
        if cause is not None and str(cause):
            parts.append(f"{type(cause).__name__}: {cause}")
        if self.name is not None:
            parts.append(f"Template: {self.name}")
        if self.line is not None:
            parts.append(f"Line: {self.line}")
        if self.path is not None:
            parts.append(f"Path: {self.path}")
        if self.html is not None:
            parts.append(f"Node: {self.html}")
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"QWebException({self.title!r})"
