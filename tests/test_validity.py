"""Every .docx drafter writes is a valid ISO/IEC 29500 package, proved by two independent validators.

1. The standard's transitional XML schemas (tests/data/xsd, origin in its README): every XML part of
   every output of every sample (each unit of a round) validates with lxml.
2. openxml-audit (PyPI), a port of the Open XML SDK validator that Word's own tooling uses: it also
   checks child order the XSDs leave free, relationships and each part's content type. Zero errors and
   zero warnings.
Each validator is shown to catch a deliberately broken part, so a green run means something.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from drafter.docx.package import PART_TYPES
from drafter.pipeline.build import build, build_each, load_for_build

from .conftest import SAMPLES

XSD = Path(__file__).resolve().parent / "data" / "xsd"
SCHEMAS = {
    "word/document.xml": "wml.xsd",
    "word/styles.xml": "wml.xsd",
    "word/settings.xml": "wml.xsd",
    "word/fontTable.xml": "wml.xsd",
    "word/footer": "wml.xsd",
    "word/theme/theme1.xml": "dml-main.xsd",
    "docProps/core.xml": "opc-xsd/opc-coreProperties.xsd",
    "docProps/app.xml": "shared-documentPropertiesExtended.xsd",
    "[Content_Types].xml": "opc-xsd/opc-contentTypes.xsd",
    ".rels": "opc-xsd/opc-relationships.xsd",
}
# opc-coreProperties.xsd imports Dublin Core and xml.xsd by URL: resolved to the local copies.
EXTERNAL = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
}


class _Local(etree.Resolver):
    def resolve(self, system_url, public_id, context):
        name = EXTERNAL.get(system_url) or (Path(system_url).name if system_url.endswith(".xsd") else None)
        local = XSD / "external" / name if name else None
        if local is not None and local.is_file():
            return self.resolve_filename(str(local), context)
        return None


@cache
def schema(name: str) -> etree.XMLSchema:
    """The schema ``name``, with the xml: namespace imported first from its local copy (the OOXML
    schemas import it by namespace alone, which libxml2 cannot resolve)."""
    target = etree.parse(str(XSD / name)).getroot().get("targetNamespace")
    driver = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:drafter:tests">'
        '<xsd:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="external/xml.xsd"/>'
        f'<xsd:import namespace="{target}" schemaLocation="{name}"/></xsd:schema>'
    )
    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    root = etree.fromstring(driver.encode(), parser, base_url=str(XSD / "driver.xsd"))
    return etree.XMLSchema(root)


def schema_for(part: str) -> str:
    for key, name in SCHEMAS.items():
        if part == key or part.endswith(key) or (key.endswith("/footer") and part.startswith(key)):
            return name
    raise AssertionError(f"no schema for part {part}")


def xsd_errors(data: bytes) -> list[str]:
    errors = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in package.namelist():
            checker = schema(schema_for(part))
            if not checker.validate(etree.fromstring(package.read(part))):
                errors += [f"{part}:{e.line}: {e.message}" for e in checker.error_log]
    return errors


def audit(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "audited.docx"
    path.write_bytes(data)
    result = OpenXmlValidator().validate(str(path))
    return [f"{e.severity.value}: {e}" for e in result.errors]


@cache
def outputs() -> dict[str, bytes]:
    """Every document every sample makes (every unit of a round), built once."""
    import tempfile

    built: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as temp:
        for sample in sorted(SAMPLES.glob("*.yaml")):
            out = Path(temp) / sample.stem
            if load_for_build(sample).template.each:
                paths = [r.path for _, _, r in build_each(sample, out)]
            else:
                paths = [build(sample, out.with_suffix(".docx")).path]
            for path in paths:
                assert path is not None
                built[f"{sample.name}:{path.name}"] = path.read_bytes()
    return built


OUTPUT_NAMES = sorted(outputs())


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_every_part_of_every_output_is_schema_valid(name):
    assert xsd_errors(outputs()[name]) == []


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_openxml_audit_finds_no_error_and_no_warning(name, tmp_path):
    assert audit(outputs()[name], tmp_path) == []


def test_the_masthead_sample_is_among_the_validated_outputs():
    assert any(name.startswith("annual-report-masthead.yaml:") for name in OUTPUT_NAMES)


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_every_part_is_served_with_its_own_content_type(name):
    """No part falls back to application/xml (word/fontTable.xml did, and Word may then ignore it)."""
    with zipfile.ZipFile(io.BytesIO(outputs()[name])) as package:
        types = etree.fromstring(package.read("[Content_Types].xml"))
        names = package.namelist()
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(ns + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(ns + "Default")}
    assert "xml" not in defaults
    for part in names:
        if part == "[Content_Types].xml":
            continue
        if part.endswith(".rels"):
            assert defaults["rels"] == "application/vnd.openxmlformats-package.relationships+xml"
            continue
        kind = re.sub(r"\d+(\.xml)$", r"\1", part)
        assert overrides[f"/{part}"] == PART_TYPES[kind], part
    assert overrides["/word/fontTable.xml"].endswith("wordprocessingml.fontTable+xml")


# ---------------------------------------------------------------------------------------------------
# each validator catches a broken part


def _broken(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            text = source.read(name)
            out.writestr(name, change(text.decode("utf-8")).encode("utf-8") if name == part else text)
    return buffer.getvalue()


def _masthead_output() -> bytes:
    return next(data for name, data in outputs().items() if name.startswith("annual-report-masthead.yaml:"))


BREAKAGES = {
    # pPr children out of the schema's order: jc must come after ind.
    "pPr order": (
        "word/styles.xml",
        lambda x: x.replace(
            '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/>',
            '<w:jc w:val="center"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>',
            1,
        ),
    ),
    "unknown attribute": (
        "word/document.xml",
        lambda x: x.replace("<w:pStyle ", '<w:pStyle w:bogus="1" ', 1),
    ),
    "sectPr order": (
        "word/document.xml",
        lambda x: re.sub(r"(<w:pgSz [^>]*/>)(<w:pgMar [^>]*/>)", r"\2\1", x),
    ),
    "bad W3CDTF date": (
        "docProps/core.xml",
        lambda x: re.sub(r">\d{4}-\d\d-\d\dT", ">26-13-45T", x, count=1),
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_schemas_catch_a_broken_part(breakage):
    part, change = BREAKAGES[breakage]
    broken = _broken(_masthead_output(), part, change)
    assert broken != _masthead_output()
    assert any(e.startswith(part) for e in xsd_errors(broken))


def test_openxml_audit_catches_rpr_children_out_of_order(tmp_path):
    """The XSD leaves rPr's children free (a choice); the SDK's validator knows their order."""
    swap = lambda x: x.replace(  # noqa: E731
        '<w:color w:val="FF0000"/><w:spacing w:val="0"/>',
        '<w:spacing w:val="0"/><w:color w:val="FF0000"/>',
        1,
    )
    broken = _broken(_masthead_output(), "word/styles.xml", swap)
    assert broken != _masthead_output()
    assert xsd_errors(broken) == []
    assert audit(broken, tmp_path)


def test_openxml_audit_catches_a_part_served_as_plain_xml(tmp_path):
    """What drafter did before: word/fontTable.xml without its Override."""
    strip = lambda x: re.sub(r'<Override PartName="/word/fontTable.xml"[^>]*/>', "", x).replace(  # noqa: E731
        '<Default Extension="rels"',
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels"',
    )
    broken = _broken(_masthead_output(), "[Content_Types].xml", strip)
    assert any("fontTable" in e for e in audit(broken, tmp_path))
