"""Text generated from a template's schema: the commented facts skeleton (``drafter new``) and the
field listing (``drafter templates show``). Both read the schema only, so they never drift from it."""

from __future__ import annotations

from .schema import TYPE_NAMES, Field
from .templates import Template

_OPS = {"count": "的项数", "sum": "之和", "collect": "的全部项", "unique": "中不重复的值"}


def _kind(f: Field) -> str:
    need = "可不填" if f.optional else "必填"
    if f.required_when:
        need = f"{f.required_when[0]} 为“{f.required_when[1]}”时必填，否则可不填"
    if f.type == "choice":
        return f"{need}，可选：{'、'.join(f.choices)}"
    if f.type == "list":
        least = f"，至少 {f.min_items} 项" if f.min_items else ""
        return f"{need}，列表{least}"
    if f.type == "map":
        return need
    return f"{need}，{TYPE_NAMES[f.type].split('（')[0]}"


def _comment(f: Field) -> str:
    text = f"{f.label}（{_kind(f)}）"
    if f.help:
        text += f"。{f.help}"
    if f.example is not None and f.type not in ("map", "list"):
        text += f"。例：{_example(f.example)}"
    return text


def _example(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def skeleton(template: Template) -> str:
    """A facts file to fill in: every field present, empty, with a Chinese comment above it."""
    lines = [
        f"# {template.title} — 事实文件",
        "# 每一项上方的注释说明它的含义；“必填”项都要填写，“可不填”的项不需要时连同下属内容整项删除。",
        "# 日期写成 2026-03-10；列表的每一项以“- ”开头，可复制增加。",
        "# 填好后运行：drafter build 本文件名"
        + ("（每个单位一份，写进与本文件同名的文件夹）" if template.each else "（生成同名 .docx）"),
        f"template: {template.name}",
        "",
    ]
    for f in template.schema.root.fields:
        lines += _field_lines(f, 0)
        if f.type in ("map", "list"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _field_lines(f: Field, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}# {_comment(f)}", f"{pad}{f.name}:"]
    if f.type == "map":
        for sub in f.fields:
            lines += _field_lines(sub, indent + 2)
    elif f.type == "list":
        lines += _item_lines(f.item, indent + 2)
    return lines


def _item_lines(item: Field | None, indent: int) -> list[str]:
    pad = " " * indent
    if item is None:
        return [f"{pad}-"]
    if item.type != "map":
        return [f"{pad}# 每项：{_comment(item)}", f"{pad}-"]
    lines = [f"{pad}# 每项是“{item.label}”，可复制本项"]
    body: list[str] = []
    for sub in item.fields:
        body += _field_lines(sub, indent + 2)
    # "- " opens the item and carries the first field's comment; the fields align under it.
    lines.append(f"{pad}- {body[0].lstrip()}")
    lines += body[1:]
    return lines


def describe(template: Template) -> str:
    """What a template needs, one field a line, indented by nesting; then the derived facts."""
    lines = [f"{template.name} — {template.title}", template.description, "", "需要的事实："]
    for f in template.schema.root.fields:
        lines += _describe_field(f, 1)
    if template.schema.derived:
        lines += ["", "由列表推导、不必填写的事实（模板中可直接使用）："]
        for d in template.schema.derived:
            lines.append(f"  {d.name:<32}{d.label}：{d.path} {_OPS[d.op]}")
    return "\n".join(lines)


def _describe_field(f: Field, depth: int) -> list[str]:
    name = "  " * depth + f.name
    lines = [f"{name:<34}{_comment(f)}"]
    children = f.fields if f.type == "map" else (f.item.fields if f.item is not None else ())
    if f.type == "list" and f.item is not None and f.item.type != "map":
        lines.append(f"{'  ' * (depth + 1) + '- 每项':<32}{_comment(f.item)}")
    for sub in children:
        lines += _describe_field(sub, depth + 1)
    return lines
