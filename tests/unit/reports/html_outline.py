"""A small HTML reader for accessibility checks: headings, landmarks, SVGs, tables, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Svg:
    attrs: dict[str, str]
    title: str = ""


@dataclass
class Table:
    caption: str = ""
    header_cells: int = 0


@dataclass
class Outline(HTMLParser):
    lang: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    svgs: list[Svg] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in values:
            self.ids.append(values["id"])
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append((int(tag[1]), ""))
        elif tag == "svg":
            self.svgs.append(Svg(values))
        elif tag == "table":
            self.tables.append(Table())
        elif tag == "th" and self.tables:
            self.tables[-1].header_cells += 1
        elif tag == "a":
            self.links.append(values.get("href", ""))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        inside = set(self._open)
        if inside & {"h1", "h2", "h3", "h4", "h5", "h6"} and self.headings:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)
        if "title" in inside and "svg" in inside:
            self.svgs[-1].title += data
        if "caption" in inside and self.tables:
            self.tables[-1].caption += data


def outline(page: str) -> Outline:
    reader = Outline()
    reader.feed(page)
    reader.close()
    return reader
