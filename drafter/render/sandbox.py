"""Render a template's Jinja text with the facts, in a sandbox, failing loudly on anything missing.

Templates are data that offices share, so they run in Jinja's sandbox, load only from their
own template folder, and see nothing but the facts and the filters. StrictUndefined turns a missing fact
into an error that names the template file and line instead of a blank in the document.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..core.cache import cache_folder
from ..core.errors import RenderError, display_path
from ..core.locations import is_builtin
from .filters import FILTERS
from .messages import TEXT_UNDEFINED, security_message, syntax_message, undefined_message


class _NoValueError(Exception):
    """A template printed a fact whose value is empty (None)."""


def _printable(value: Any) -> str:
    """A printed value as text: None and whole lists are refused, numbers are written plainly."""
    if value is None or isinstance(value, (list, dict, tuple)):
        raise _NoValueError
    return _plain_number(value) if isinstance(value, float) else str(value)


def _finalize(value: Any) -> Any:
    """Every printed value passes here: refuse None, write numbers plainly, keep facts from being markup."""
    text = _printable(value)
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


# The longest string or list a template may build with “*”, and the largest exponent of “**”: templates
# and snippets are shared data, and "x" * 10**9 would take gigabytes before anything could stop it.
MAX_REPEATED_LENGTH = 100_000
MAX_EXPONENT = 64


# The most text one rendering may produce (some 8 000 pages): a loop around a long repetition would
# otherwise fill the memory before anything could stop it.
MAX_OUTPUT_CHARS = 5_000_000


class _OutputTooLongError(Exception):
    """A rendering produced more than MAX_OUTPUT_CHARS."""


_TOO_LONG = f"生成的文字超过 {MAX_OUTPUT_CHARS} 个字符（循环过多或重复过长），已停止"
_OUT_OF_MEMORY = "内存不足：模板或片段生成的内容过大（例如在循环里反复拼接文字），已停止"


def _bounded_output(template: jinja2.Template, context: dict[str, Any]) -> str:
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT_CHARS:
            raise _OutputTooLongError
        pieces.append(piece)
    return "".join(pieces)


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with “*” and “**” unable to make huge strings, lists or numbers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                repeats = isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                if repeats and len(sequence) * times > MAX_REPEATED_LENGTH:
                    msg = f"重复得到的内容太长（超过 {MAX_REPEATED_LENGTH} 个字符或项）"
                    raise SecurityError(msg)
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            msg = f"乘方的指数太大（超过 {MAX_EXPONENT}）"
            raise SecurityError(msg)
        return super().call_binop(context, operator, left, right)


def _sandbox(
    loader: jinja2.BaseLoader | None, finalize: Callable[[Any], Any]
) -> ImmutableSandboxedEnvironment:
    # Immutable: a template cannot change the facts that the rest of the build reads.
    env = _BoundedSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.filters.update(_guarded_filters(env.filters))
    return env


def _too_long(size: int) -> None:
    if size > MAX_REPEATED_LENGTH:
        msg = f"过滤器得到的内容太长（超过 {MAX_REPEATED_LENGTH} 个字符）"
        raise SecurityError(msg)


def _guarded_filters(filters: Mapping[str, Callable[..., str]]) -> dict[str, Callable[..., str]]:
    """Jinja's filters that can make a short text enormous (a width, a replacement, a format width),
    refused before they allocate gigabytes: like “*”, they would fill the memory before anything could
    stop them."""
    center, indent, replace = filters["center"], filters["indent"], filters["replace"]
    wordwrap, format_ = filters["wordwrap"], filters["format"]

    def guarded_center(value: Any, width: int = 80) -> str:
        _too_long(width if isinstance(width, int) else 0)
        return center(value, width)

    def guarded_indent(s: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> str:
        step = width if isinstance(width, int) else len(str(width))
        _too_long(len(str(s)) + (str(s).count("\n") + 1) * step)
        return indent(s, width, *args, **kwargs)

    @jinja2.pass_eval_context
    def guarded_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
        text, old_text, new_text = str(s), str(old), str(new)
        times = text.count(old_text) if old_text else len(text) + 1
        _too_long(len(text) + times * max(0, len(new_text) - len(old_text)))
        return replace(eval_ctx, s, old, new, count)

    @jinja2.pass_environment
    def guarded_wordwrap(environment: Any, s: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
        wrap = kwargs.get("wrapstring") or (args[2] if len(args) > 2 else None) or "\n"
        _too_long(len(s) + (len(s) // max(width, 1) + 1) * len(str(wrap)))
        return wordwrap(environment, s, width, *args, **kwargs)

    def guarded_format(value: str, *args: Any, **kwargs: Any) -> str:
        widths = [int(digits) for digits in re.findall(r"\d+", str(value))]
        _too_long(max(widths, default=0))
        return format_(value, *args, **kwargs)

    return {
        "center": guarded_center,
        "indent": guarded_indent,
        "replace": guarded_replace,
        "wordwrap": guarded_wordwrap,
        "format": guarded_format,
    }


class _KeptBytecode(jinja2.FileSystemBytecodeCache):
    """Built-in templates compiled once and kept between runs (the annual template takes ~17 ms to
    compile, more than the rest of its rendering). Jinja checks each entry against the template's
    source; the key adds what else the compiled code depends on. An entry that cannot be read or
    written is ignored: the template is compiled again."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{compiler_fingerprint()}|{name}", filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@lru_cache(maxsize=1)
def compiler_fingerprint() -> str:
    """What compiling or reading a template depends on besides its text (for caches): Jinja's code
    generator, and the render stage's modules — the sandbox's settings live here, and messages.py words
    the syntax check's answers that are kept."""
    stage = sorted(Path(__file__).parent.glob("*.py"))
    code = hashlib.sha256(b"".join(p.read_bytes() for p in stage)).hexdigest()
    return f"jinja2 {jinja2.__version__}; render/ {code}"


# A template file is a few KB; anything far larger is not a template (or a link to /dev/zero).
MAX_TEMPLATE_BYTES = 2_000_000


class _UnreadableTemplateError(Exception):
    """A template file that is not UTF-8 text of a sensible size."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


class _FolderLoader(jinja2.FileSystemLoader):
    """Loads only files inside the template folder. Jinja already refuses “..” and reads “/etc/x” as
    “etc/x” inside the folder; this also refuses, before reading it, a link inside the folder that points
    out of it, and says which file is not UTF-8."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        root = Path(self.searchpath[0]).resolve()
        path = Path(self.searchpath[0], *jinja2.loaders.split_template_path(template))
        if path.exists():
            real = path.resolve()
            if not real.is_relative_to(root) or not real.is_file():
                raise jinja2.TemplateNotFound(template)
            if real.stat().st_size > MAX_TEMPLATE_BYTES:
                raise _UnreadableTemplateError(
                    path, f"文件超过 {MAX_TEMPLATE_BYTES // 1_000_000} MB，不是模板"
                )
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as err:
            reason = "模板文件不是 UTF-8 编码（记事本“ANSI”保存的是 GBK），请用记事本“另存为”UTF-8"
            raise _UnreadableTemplateError(path, reason) from err


@lru_cache(maxsize=32)
def environment(template_dir: Path) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment of a template folder, built once per process."""
    env = _sandbox(_FolderLoader(str(template_dir)), _finalize)
    # Only drafter's own templates are kept: a user's template folder is theirs alone.
    folder = cache_folder("jinja") if is_builtin(template_dir) else None
    if folder is not None:
        env.bytecode_cache = _KeptBytecode(str(folder))
    return env


def template_texts(template_dir: Path, names: Iterable[str]) -> list[str] | None:
    """The texts of a template folder's files, read as rendering reads them (inside the folder, UTF-8,
    a sensible size); None when one of them cannot be read, which rendering reports at its place."""
    env = environment(template_dir)
    loader = env.loader
    if loader is None:
        return None
    try:
        return [loader.get_source(env, name)[0] for name in names]
    except (jinja2.TemplateNotFound, _UnreadableTemplateError, OSError):
        return None


@lru_cache(maxsize=1)
def _text_environment() -> ImmutableSandboxedEnvironment:
    """For short texts such as snippets: same sandbox and filters, no files, and plain output
    (the text is a value like any fact; the template that prints it keeps it from being markup)."""
    return _sandbox(jinja2.DictLoader({}), _printable)  # no file can be included or imported


def render(
    template_dir: Path,
    name: str,
    context: Mapping[str, Any],
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> str:
    """Render ``name`` inside ``template_dir``; any failure is a RenderError with file and line.

    Each of ``functions`` becomes a global the template can call; it receives the template's variables
    (facts and top-level ``set`` names) as its first argument, then the template's arguments.
    """
    env = environment(template_dir)
    extra = {key: _with_variables(function) for key, function in (functions or {}).items()}
    if _reaches_itself(template_dir, name):
        msg = f"{display_path(template_dir / name)}: {_CYCLE}"
        raise RenderError(msg)
    try:
        template = env.get_template(name)
        return _bounded_output(template, {**context, **extra})
    except TemplateSyntaxError as err:
        where = _place(err.filename or str(template_dir / name), err.lineno)
        msg = f"{where}: 模板语法错误：{syntax_message(err.message)}"
        raise RenderError(msg) from err
    except jinja2.TemplateNotFound as err:
        where = display_path(template_dir / name)
        msg = f"{where}: 找不到模板文件“{err.name}”（模板只能引用本模板文件夹里的文件）"
        raise RenderError(msg) from err
    except _OutputTooLongError as err:
        msg = f"{display_path(template_dir / name)}: {_TOO_LONG}"
        raise RenderError(msg) from err
    except _UnreadableTemplateError as err:
        msg = f"{display_path(err.path)}: {err.reason}"
        raise RenderError(msg) from err
    except MemoryError as err:  # what the limits above cannot foresee (a text doubled with ~ in a loop)
        msg = f"{display_path(template_dir / name)}: {_OUT_OF_MEMORY}"
        raise RenderError(msg) from err
    except RecursionError as err:  # a circle through a computed name, or a macro that calls itself
        msg = f"{display_path(template_dir / name)}: {_CYCLE}"
        raise RenderError(msg) from err
    except UndefinedError as err:
        where = _place_from_traceback(template_dir, err)
        msg = f"{where}: {undefined_message(str(err))}"
        raise RenderError(msg) from err
    except _NoValueError as err:
        where = _place_from_traceback(template_dir, err)
        msg = f"{where}: 模板要输出的事实是空值或一整个列表，无法写进文档"
        raise RenderError(msg) from err
    except SecurityError as err:
        where = _place_from_traceback(template_dir, err)
        msg = f"{where}: 模板试图访问不允许的内容，已拒绝：{security_message(str(err))}"
        raise RenderError(msg) from err
    except (ValueError, TypeError, ArithmeticError) as err:
        where = _place_from_traceback(template_dir, err)
        msg = f"{where}: {security_message(str(err))}"
        raise RenderError(msg) from err


_CYCLE = "模板引用了自身（include、extends 或 import 循环），无法生成"
# Only these four tags name another template; a text without one references nothing and is not parsed.
_REFERENCE_TAG = re.compile(r"\{%[-+]?\s*(?:include|import|from|extends)\b")


@lru_cache(maxsize=32)
def _reaches_itself(template_dir: Path, name: str) -> bool:
    """Whether the references of ``name`` (include, import, from, extends) lead back to a template on
    the way. Read from the templates' text before rendering: rendering such a circle recurses until
    Python gives up, which took seconds. References that cannot be followed (a computed name, a file
    outside the folder, a syntax error) are left to rendering, which reports them at their place."""
    env = environment(template_dir)
    # Depth first without recursion: a chain of thousands of files must not exhaust Python's stack here.
    path: list[str] = [name]
    pending: list[list[str]] = [_references(env, name)]
    done: set[str] = set()
    while pending:
        if not pending[-1]:
            done.add(path.pop())
            pending.pop()
            continue
        reference = pending[-1].pop()
        if reference in path:
            return True
        if reference not in done:
            path.append(reference)
            pending.append(_references(env, reference))
    return False


def _references(env: jinja2.Environment, name: str) -> list[str]:
    """The template names that ``name`` refers to by a constant."""
    if env.loader is None:
        return []
    try:
        source, filename, _ = env.loader.get_source(env, name)
        if not _REFERENCE_TAG.search(source):
            return []
        tree = env.parse(source, name, filename)
    except (jinja2.TemplateNotFound, TemplateSyntaxError, _UnreadableTemplateError, OSError):
        return []
    return [found for found in jinja2.meta.find_referenced_templates(tree) if found is not None]


def _with_variables(function: Callable[..., Any]) -> Callable[..., Any]:
    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
        return function(context.get_all(), *args, **kwargs)

    return call


@lru_cache(maxsize=512)
def _compiled(text: str, keep: bool) -> jinja2.Template:
    env = _text_environment()
    folder = cache_folder("jinja") if keep else None
    if folder is None:
        return env.from_string(text)
    # What from_string does, with the compiled code kept as the template folders' is (compiling the
    # snippets an annual report uses took longer than rendering them). Keyed by the text's hash.
    kept = _KeptBytecode(str(folder))
    bucket = kept.get_bucket(env, f"text:{hashlib.sha256(text.encode()).hexdigest()}", None, text)
    if bucket.code is None:
        bucket.code = env.compile(text)
        kept.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def text_syntax_problem(text: str) -> tuple[int, str] | None:
    """(line within the text, Chinese message) when a short Jinja text does not parse, else None."""
    try:
        # Parsing finds every syntax error; compiling (3× the cost) waits until the text is used.
        _text_environment().parse(text)
    except TemplateSyntaxError as err:
        return err.lineno or 1, f"Jinja 语法错误：{syntax_message(err.message)}"
    return None


def text_variables(text: str) -> list[str]:
    """The variables a short Jinja text uses, sorted (a text that does not parse uses none)."""
    env = _text_environment()
    try:
        return sorted(jinja2.meta.find_undeclared_variables(env.parse(text)))
    except TemplateSyntaxError:
        return []


def mentioned_names(text: str) -> frozenset[str] | None:
    """Every name a Jinja text mentions: variables, attributes, keyword arguments, string constants
    whole and word by word (``selectattr("type")``, ``snippet("next-deepen")``). None if it does not parse."""
    try:
        tree = _text_environment().parse(text)
    except TemplateSyntaxError:
        return None
    found: set[str] = set()
    for node in tree.find_all(
        (jinja2.nodes.Name, jinja2.nodes.Getattr, jinja2.nodes.Keyword, jinja2.nodes.Const)
    ):
        if isinstance(node, jinja2.nodes.Name):
            found.add(node.name)
        elif isinstance(node, jinja2.nodes.Getattr):
            found.add(node.attr)
        elif isinstance(node, jinja2.nodes.Keyword):
            found.add(node.key)
        elif isinstance(node, jinja2.nodes.Const) and isinstance(node.value, str):
            found.add(node.value)
            found.update(re.findall(r"\w+", node.value))
    return frozenset(found)


def render_text(text: str, variables: Mapping[str, Any], *, keep: bool = False) -> str:
    """Render a short Jinja text in the sandbox; RenderError (a Chinese message without a place,
    which the caller knows better) when it fails. ``keep``: the text is drafter's own (a built-in
    snippet), so its compiled form may be kept in the cache; a user's text never is."""
    try:
        return _bounded_output(_compiled(text, keep), dict(variables))
    except TemplateSyntaxError as err:
        msg = f"Jinja 语法错误：{syntax_message(err.message)}"
        raise RenderError(msg) from err
    except UndefinedError as err:
        raise RenderError(undefined_message(str(err), TEXT_UNDEFINED)) from err
    except _NoValueError as err:
        msg = "要输出的变量是空值或一整个列表"
        raise RenderError(msg) from err
    except SecurityError as err:
        msg = f"试图访问不允许的内容，已拒绝：{security_message(str(err))}"
        raise RenderError(msg) from err
    except _OutputTooLongError as err:
        raise RenderError(_TOO_LONG) from err
    except MemoryError as err:
        raise RenderError(_OUT_OF_MEMORY) from err
    except jinja2.TemplateNotFound as err:
        msg = f"不能引用文件“{err.name}”：这里只能用变量和过滤器，不能 include、import 或 extends"
        raise RenderError(msg) from err
    except (ValueError, TypeError, ArithmeticError) as err:
        raise RenderError(security_message(str(err))) from err


def _place(filename: str, line: int | None) -> str:
    """The loader's file names already start with the template folder (relative when --templates was)."""
    return f"{display_path(filename)}:{line or 1}"


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
    return _place(*found)
