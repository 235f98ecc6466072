"""docxtpl, the Python engine users compare drafter with, rendering the same document as drafter.

The template is made from a document drafter built: its package (styles, section, footers) is kept
and its body becomes one docxtpl loop over the paragraphs. Each distinct paragraph shape (paragraph
properties, runs and their properties) becomes one branch of an if/elif in which every text is a
``{{ }}`` placeholder, so docxtpl writes the same paragraphs, formatting and text as drafter did; the
context is that text. run.py checks that it does before it times anything.

Run as a script it renders one document, the way a cold docxtpl process would:
    python benchmarks/docxtpl_peer.py TEMPLATE.docx CONTEXT.json OUT.docx
Only the standard library is imported at module level, so that the script's start-up is docxtpl's own.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

_PARAGRAPH = re.compile(r"<w:p>.*?</w:p>|<w:p/>", re.DOTALL)
_TEXT = re.compile(r'(<w:t(?: xml:space="preserve")?>)(.*?)(</w:t>)', re.DOTALL)
_BODY = re.compile(r"(<w:body>)(.*)(<w:sectPr.*</w:sectPr>)(</w:body>)", re.DOTALL)


def paragraphs(document_xml: str) -> list[str]:
    """The body paragraphs of a document.xml drafter wrote (drafter writes no tables)."""
    body = _BODY.search(document_xml)
    if body is None:
        msg = "document.xml without a body"
        raise ValueError(msg)
    return _PARAGRAPH.findall(body[2])


def paragraph_summary(docx: Path) -> list[tuple[str, str]]:
    """Each body paragraph's style and text, for checking that two documents say the same thing in
    the same form."""
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    # docxtpl (through lxml) may write <w:t> with other attributes or namespaces: read it loosely.
    found = re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, re.DOTALL)
    summary = []
    for paragraph in found:
        style = re.search(r'<w:pStyle w:val="([^"]*)"', paragraph)
        text = unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", paragraph, re.DOTALL)))
        summary.append((style[1] if style else "", text))
    return summary


def make_template(documents: list[Path], template: Path) -> list[dict[str, object]]:
    """Write a docxtpl template that renders every one of ``documents``; return their contexts."""
    shapes: dict[str, int] = {}
    contexts = []
    for docx in documents:
        with zipfile.ZipFile(docx) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        items = []
        for paragraph in paragraphs(xml):
            texts = [unescape(m[2]) for m in _TEXT.finditer(paragraph)]
            counter = iter(range(len(texts)))
            shape = _TEXT.sub(lambda m, c=counter: f"{m[1]}{{{{ p.t[{next(c)}] }}}}{m[3]}", paragraph)
            items.append({"s": shapes.setdefault(shape, len(shapes)), "t": texts})
        contexts.append({"paras": items})
    with zipfile.ZipFile(documents[0]) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    branches = []
    for shape, number in shapes.items():
        branches.append(_tag("if" if number == 0 else "elif", f"p.s == {number}"))
        branches.append(shape)
    loop = _tag("for", "p in paras") + "".join(branches) + _tag("endif") + _tag("endfor")
    parts["word/document.xml"] = _BODY.sub(lambda m: m[1] + loop + m[3] + m[4], xml).encode("utf-8")
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return contexts


def _tag(keyword: str, argument: str = "") -> str:
    # docxtpl's paragraph tags {%p … %} replace the whole paragraph they stand in.
    return f"<w:p><w:r><w:t>{{%p {keyword} {argument} %}}</w:t></w:r></w:p>".replace("  ", " ")


def render(template: Path, context: dict[str, object], out: Path) -> None:
    """One document, as a docxtpl user writes it: load the template, render, save."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    document.save(str(out))


if __name__ == "__main__":
    template_path, context_path, out_path = (Path(a) for a in sys.argv[1:4])
    render(template_path, json.loads(context_path.read_text(encoding="utf-8")), out_path)
