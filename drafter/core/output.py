"""Write a finished file safely: whole or not at all, and never over a person's file without --force."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import WriteError


def write_new_file(path: Path, data: bytes, *, force: bool = False) -> bool:
    """Write data to path atomically; False when the file already holds exactly these bytes.

    The bytes go to a temporary file in the same folder, which replaces the target only once it is
    complete (and, when it replaces one, on disk); a failure leaves any old file untouched and no partial
    file behind. An existing file that differs is replaced only with ``force``: it may be a draft someone
    has edited. One that is identical is left as it is — rebuilding a round after fixing one unit
    must not fail on the units whose documents did not change.
    """
    if path.is_dir():
        msg = f"{path}: 这是一个文件夹，请给出 .docx 文件名"
        raise WriteError(msg)
    replacing = path.exists()
    if replacing and _same_bytes(path, data):
        return False
    if replacing and not force:
        msg = (
            f"{path}: 文件已存在，且与新生成的内容不同（可能是改过的稿子），未做改动；"
            "如确要用新生成的文件替换它，请加 --force"
        )
        raise WriteError(msg)
    if replacing and not path.stat().st_mode & stat.S_IWUSR:
        # Replacing would succeed on Linux (the folder is writable), but the user marked the file
        # read-only to protect it; Windows refuses too.
        msg = f"{path}: 文件是只读的，未做改动；如确要替换它，请先在文件属性中取消“只读”"
        raise WriteError(msg)
    prepare_folder(path.parent)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=path.parent)
    except OSError as err:
        msg = f"{path.parent}: 无法在此文件夹写入（{reason(err)}），请检查权限"
        raise WriteError(msg) from err
    temp = Path(temp_name)
    renamed = False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if replacing:
                # On disk before the rename, so that a power cut cannot leave an empty file where the
                # old one was. A new file has nothing to protect, and syncing each of a round's
                # hundreds of documents would cost more than making them (Windows flushes slowly).
                stream.flush()
                os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file would get.
        temp.chmod(_new_file_mode())
        temp.replace(path)
        renamed = True
    except PermissionError as err:
        msg = f"{path}: 无法写入：文件可能正在 Word 或 WPS 中打开，或没有写权限；关闭后重试"
        raise WriteError(msg) from err
    except OSError as err:
        msg = f"{path}: 写入失败：{reason(err)}"
        raise WriteError(msg) from err
    finally:
        if not renamed:  # a failure must not leave the temporary file behind
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    return True


def _same_bytes(path: Path, data: bytes) -> bool:
    """Whether a file holds exactly ``data`` (read only when the sizes agree; unreadable means no)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def prepare_folder(folder: Path) -> None:
    """Make sure an output folder exists (creating it and its parents); WriteError saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        msg = f"{folder}: 无法创建输出文件夹：{reason(err)}"
        raise WriteError(msg) from err


# The operating system's reasons are English (or in the system language); users read Chinese.
_REASONS = {
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EEXIST: "已有同名的文件",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENAMETOOLONG: "路径太长",
    errno.EISDIR: "这是一个文件夹",
}


def reason(err: OSError) -> str:
    """Why an operation failed, in Chinese when the reason is a common one."""
    return _REASONS.get(err.errno or -1, err.strerror or str(err))


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


# Characters Windows forbids in file names, replaced by their full-width look-alikes so the name stays
# readable (“A/B:C*?” → “A／B：C＊？”) and can never name a folder.
_UNSAFE = str.maketrans(
    {"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"}
)
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_file_name(text: str, *, limit: int = 80) -> str:
    """A file name (without extension) made from text a user typed, safe on Windows and Linux.

    Separators and reserved characters become full-width look-alikes, control characters go, leading
    dots and trailing dots or spaces (which Windows drops) are removed, device names get a suffix, and
    the length is capped so that folder + name stays under Windows' path limit.
    """
    name = "".join(ch for ch in text.translate(_UNSAFE) if ch.isprintable())
    name = " ".join(name.split())  # runs of spaces and tabs
    name = name.lstrip(". ").rstrip(". ")[:limit].rstrip(". ")
    if not name:
        return "未命名"
    if name.split(".")[0].upper() in _RESERVED:
        name += "_"
    return name
