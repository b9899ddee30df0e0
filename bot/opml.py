"""OPML, the feed lists feed readers import and export. Files come from users: a document type
declaration is refused (no entities to expand, no external ones to fetch), and size and the
number of feeds are bounded."""

from __future__ import annotations

from dataclasses import dataclass
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

OPML_MAX_BYTES = 1_000_000
OPML_FEEDS_MAX = 5000
ELEMENTS_MAX = 100_000


class OpmlError(ValueError):
    """Not a usable OPML file; the message says why."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str = ""
    lang: str | None = None


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, in document order, each URL once."""
    if len(data) > OPML_MAX_BYTES:
        raise OpmlError(f"larger than {OPML_MAX_BYTES // 1000} kB")
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    found: dict[str, OpmlFeed] = {}
    root: list[str] = []
    elements = 0

    def refuse_doctype(*_: object) -> None:
        # Entity definitions live in the DTD; without one nothing can expand (billion laughs)
        # or be fetched (external entities). OPML never needs one.
        raise OpmlError("a document type declaration is not accepted")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal elements
        elements += 1
        if elements > ELEMENTS_MAX:
            raise OpmlError(f"more than {ELEMENTS_MAX} elements")
        if not root:
            root.append(name)
        if name != "outline":
            return
        url = (attributes.get("xmlUrl") or attributes.get("xmlurl") or "").strip()
        if not url or url in found:
            return
        if len(found) >= OPML_FEEDS_MAX:
            raise OpmlError(f"more than {OPML_FEEDS_MAX} feeds")
        title = (attributes.get("title") or attributes.get("text") or "").strip()
        # The language without its region ("de-DE" -> "de"): feeds are told apart by language.
        lang = (attributes.get("language") or "").strip().lower().split("-", 1)[0][:8] or None
        found[url] = OpmlFeed(url, title, lang)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.ExternalEntityRefHandler = refuse_doctype  # type: ignore[assignment]
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise OpmlError(f"not well-formed XML ({expat.ErrorString(exc.code)})") from None
    if root[:1] != ["opml"]:
        raise OpmlError("not an OPML file (its root element is not <opml>)")
    return list(found.values())


def render_opml(feeds: list[OpmlFeed], title: str) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_text(title)}</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        attributes = [
            ("type", "rss"),
            ("text", feed.title or feed.url),
            ("title", feed.title or feed.url),
            ("xmlUrl", feed.url),
        ]
        if feed.lang:
            attributes.append(("language", feed.lang))
        shown = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes)
        lines.append(f"    <outline {shown}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
