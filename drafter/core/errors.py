"""Every error drafter reports to a user; one base class, messages in Chinese, place first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at one place in a user's file (line and column are 1-based; 0 for a problem of the
    whole file, such as a file that does not exist, which has no place inside it).

    In a workbook the place is a cell: ``cell`` is written ``整改台账!J12`` and line and column are the
    cell's row and column, so that issues still sort in reading order.
    """

    path: Path | str
    line: int
    col: int
    message: str
    cell: str = ""

    @classmethod
    def whole(cls, path: Path | str, message: str) -> Issue:
        """A problem of the file as a whole: its message names the file, and no invented line."""
        return cls(path, 0, 0, message)

    @property
    def place(self) -> str:
        """file:line:col (file:sheet!cell in a workbook; just the file for the whole file), as every
        message starts."""
        if self.cell:
            return f"{Path(self.path).name}:{self.cell}"
        if self.line <= 0:
            return Path(self.path).name
        return f"{Path(self.path).name}:{self.line}:{self.col}"

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something a user should look at that does not stop a build (提醒): a phrase past its validity,
    a fact the template never uses. ``place`` is shown first, like an error's."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: 提醒：{self.message}"


def display_path(path: Path | str) -> str:
    """A path as messages show it: relative to the working folder when it is inside it."""
    try:
        cwd = str(Path.cwd())
    except OSError:  # the working folder was deleted
        return str(path)
    return _relative(str(path), cwd)


@lru_cache(maxsize=1024)
def _relative(path: str, cwd: str) -> str:
    # Remembered: each document of a round names the same template and snippet files, and resolving a
    # path asks the file system once per folder in it (a fifth of a feedback opinion's build time).
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except (ValueError, OSError):
        return path


class DrafterError(Exception):
    """Base of all errors that are the input's fault; the CLI turns them into exit code 1."""


class FactsError(DrafterError):
    """Raised when a facts file cannot be read or breaks its template's schema; holds every issue."""

    def __init__(self, issues: list[Issue]) -> None:
        # The same problem reached twice (a drafter.yaml shared by a report and the round files it reads)
        # is said once.
        unique = dict.fromkeys(issues)
        self.issues = sorted(unique, key=lambda i: (str(i.path), i.line, i.col))
        super().__init__("\n".join(str(i) for i in self.issues))


class SnippetError(FactsError):
    """Raised when a snippet file is wrong, or a facts file names a snippet that does not exist."""


class SnippetNotFoundError(DrafterError):
    """Raised when a command names a snippet id that is not in the library."""


class TemplateNotFoundError(DrafterError):
    """Raised when a facts file names a template that does not exist."""


class TemplateError(DrafterError):
    """Raised when a template's own files (metadata, schema, Jinja text, markup) are wrong."""


class RenderError(DrafterError):
    """Raised when rendering fails, e.g. a fact the template uses is missing; names template and line."""


class WriteError(DrafterError):
    """Raised when the output cannot be written (exists, read-only, locked by Word, …)."""


class SelectionError(DrafterError):
    """Raised when a command asks for something the facts do not have (e.g. ``--unit`` with a wrong name)."""


class WrongKindError(DrafterError):
    """A facts file listed for what it cannot supply (an annual report listed among round files)."""

    def __init__(self, template: str) -> None:
        super().__init__(template)
        self.template = template


class DraftError(DrafterError):
    """Raised when a draft cannot be opened (not a Word file, damaged, unknown type)."""


class TableError(DrafterError):
    """Raised when the character table is damaged (a pair that is not two different characters)."""


class RendererError(DrafterError):
    """Raised when LibreOffice or poppler is missing, or a conversion fails or takes too long."""


# --unit given for a facts file that makes a single document (build and preview say the same).
UNIT_ONLY_FOR_ITEMS = "--unit 只用于每一项各生成一份文档的事实文件（如轮次事实文件，每个单位一份）"


class OptionError(DrafterError):
    """A command-line option's value is wrong (the command line shows it as a usage error, exit 2)."""
