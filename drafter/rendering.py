"""Render a template's Jinja text with the facts, in a sandbox, failing loudly on anything missing.

Templates are data that offices share, so they run in Jinja's sandbox, load only from their
own template folder, and see nothing but the facts and the filters. StrictUndefined turns a missing fact
into an error that names the template file and line instead of a blank in the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import RenderError, display_path
from .filters import FILTERS


class _NoValueError(Exception):
    """A template printed a fact whose value is empty (None)."""


def _finalize(value: Any) -> Any:
    """Every printed value passes here: refuse None, write numbers plainly, keep facts from being markup."""
    if value is None or isinstance(value, (list, dict, tuple)):
        raise _NoValueError
    text = _plain_number(value) if isinstance(value, float) else str(value)
    # A value never starts a heading or a directive and never ends its paragraph, whatever it holds:
    # every character that str.splitlines() treats as a line end goes (U+2028 included).
    text = "".join(text.replace("\\", "\\\\").splitlines())
    if text[:1] in ("#", "@"):
        text = "\\" + text
    return text


def _plain_number(value: float) -> str:
    """326.5 → 326.5, 12000.0 → 12000, 1e-07 → 0.0000001: no exponent, no trailing zeros."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=32)
def environment(template_dir: Path) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment of a template folder, built once per process."""
    # Immutable: a template cannot change the facts that the rest of the build reads.
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def render(template_dir: Path, name: str, context: Mapping[str, Any], *, source: str | None = None) -> str:
    """Render ``name`` inside ``template_dir``; any failure is a RenderError with file and line.

    With ``source``, that text is rendered instead of the file (a line of the template's metadata, such
    as its file-name pattern); ``name`` then only says where it came from.
    """
    env = environment(template_dir)
    try:
        template = env.get_template(name) if source is None else _compiled(template_dir, source)
        return template.render(**context)
    except TemplateSyntaxError as err:
        where = _place(template_dir, err.filename or name, err.lineno)
        raise RenderError(f"{where}: 模板语法错误：{err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise RenderError(f"{template_dir / name}: 找不到模板文件“{err.name}”") from err
    except UndefinedError as err:
        where = _place_from_traceback(template_dir, err)
        raise RenderError(f"{where}: {_undefined_message(str(err))}") from err
    except _NoValueError as err:
        where = _place_from_traceback(template_dir, err)
        raise RenderError(f"{where}: 模板要输出的事实是空值或一整个列表，无法写进文档") from err
    except SecurityError as err:
        where = _place_from_traceback(template_dir, err)
        raise RenderError(f"{where}: 模板试图访问不允许的内容，已拒绝：{err}") from err
    except (ValueError, TypeError, ArithmeticError) as err:
        where = _place_from_traceback(template_dir, err)
        raise RenderError(f"{where}: {err}") from err


@lru_cache(maxsize=64)
def _compiled(template_dir: Path, source: str) -> jinja2.Template:
    return environment(template_dir).from_string(source)


def _place(template_dir: Path, filename: str, line: int | None) -> str:
    path = Path(filename)
    if not path.is_absolute():
        path = template_dir / path
    return f"{display_path(path)}:{line or 1}"


def _place_from_traceback(template_dir: Path, err: BaseException) -> str:
    """Jinja rewrites tracebacks so template frames carry the template's file name and line."""
    found = None
    tb = err.__traceback__
    root = str(template_dir)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return display_path(template_dir)
    return _place(template_dir, *found)


_UNDEFINED_PATTERNS = (
    (re.compile(r"'(.+?)' is undefined"), "模板用到的事实“{0}”在事实文件里没有"),
    (re.compile(r"has no attribute '(.+?)'"), "模板用到的事实“{0}”在事实文件里没有"),
    (re.compile(r"has no element (.+)"), "模板用到的第 {0} 项在事实文件里没有"),
)


def _undefined_message(text: str) -> str:
    for pattern, message in _UNDEFINED_PATTERNS:
        m = pattern.search(text)
        if m:
            return message.format(m[1])
    return f"模板用到的事实不存在：{text}"
