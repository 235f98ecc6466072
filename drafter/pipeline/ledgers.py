"""``drafter ledger``: each unit's 整改台账 (.xlsx) for a round, written the way documents are built.

The same output rules as ``build``: the folder of the round's feedback opinions by default, safe file names
from unit names, nothing written over a person's file without ``force`` (a returned ledger may sit in
the same folder), and a unit with its own problems reported while the others are written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..core.errors import DrafterError, WriteError, display_path
from ..core.output import prepare_folder, write_new_file
from .build import Built, chosen_items, items_folder, load_for_build
from .loading import LoadedFacts


def write_ledgers(
    facts_path: Path,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    only: str | None = None,
    snippets: Sequence[Path] = (),
    loaded: LoadedFacts | None = None,
) -> Iterator[tuple[int, int, Built]]:
    """Write one ledger per unit into a folder, yielding (number, total, result) as each is done."""
    from ..workbook.writing import ledger_bytes  # openpyxl: only for this command

    loaded = loaded or load_for_build(facts_path, templates, snippets)
    items = loaded.items()
    probe = loaded.kind.ledger(loaded.values, items[0]) if items else None
    if probe is None and not (loaded.template.each and loaded.failed):
        msg = (
            f"{display_path(facts_path)}: 整改台账按轮次事实文件（template: feedback）生成，"
            f"这个文件用的是 {loaded.template.name} 模板"
        )
        raise WriteError(msg)
    # Beside the feedback opinions (build's default folder): each unit gets both together.
    folder = items_folder(facts_path, out_dir, ".xlsx", "每个单位一个台账")
    prepare_folder(folder)
    items, failed = chosen_items(facts_path, loaded, only)
    total = len(items) + len(failed)
    done = 0
    for result in failed:
        done += 1
        yield done, total, result
    for index, item in enumerate(items):
        done += 1
        name = loaded.kind.item_name(item, index)
        made = loaded.kind.ledger(loaded.values, item)
        assert made is not None
        file_name, spec = made
        try:
            written = write_new_file(folder / file_name, ledger_bytes(spec), force=force)
        except DrafterError as err:
            yield done, total, Built(name, problem=str(err))
            continue
        yield done, total, Built(name, path=folder / file_name, unchanged=not written)
