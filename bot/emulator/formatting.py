"""Telegram's text formatting: turn HTML / MarkdownV2 / Markdown into plain text + entities.

The emulator must reject exactly the texts Telegram rejects (a bot that forgets to escape a '.'
in MarkdownV2 fails in production, so it must fail here too) and measure the 4096 limit on the
text *after* parsing. Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

Entity = dict[str, Any]

MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_HTML_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_MD_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
}


class EntityParseError(ValueError):
    """The text is not valid in the given parse mode; str() is Telegram's description tail."""


class UnsupportedParseMode(ValueError):
    """parse_mode is not one of HTML, MarkdownV2, Markdown."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Builder:
    """Accumulates visible text and entities, tracking UTF-16 offsets."""

    parts: list[str] = field(default_factory=list)
    offset: int = 0
    entities: list[Entity] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.offset += utf16_len(text)

    def close(self, start: int, entity: Entity) -> None:
        if self.offset > start:
            self.entities.append({**entity, "offset": start, "length": self.offset - start})

    def result(self) -> tuple[str, list[Entity]]:
        ordered = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), ordered


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Builder()
        self.stack: list[tuple[str, int, Entity]] = []

    def _where(self) -> str:
        line, col = self.getpos()
        return f"line {line} column {col}" if line > 1 else f"byte offset {col}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag not in _HTML_TYPES or (tag == "span" and attr.get("class") != "tg-spoiler"):
            raise EntityParseError(f'Unsupported start tag "{tag}" at {self._where()}')
        entity: Entity = {"type": _HTML_TYPES[tag]}
        if tag == "a":
            entity["url"] = attr.get("href", "")
            if entity["url"].startswith("tg://user?id="):
                entity = {"type": "text_mention", "user": {"id": int(entity["url"][13:] or 0)}}
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attr.get("emoji-id", "")
        elif tag == "blockquote" and "expandable" in attr:
            entity["type"] = "expandable_blockquote"
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            lang = attr.get("class", "")
            if lang.startswith("language-"):
                self.stack[-1][2]["language"] = lang[9:]
        self.stack.append((tag, self.out.offset, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at {self._where()}")
        open_tag, start, entity = self.stack.pop()
        if open_tag != tag:
            raise EntityParseError(
                f'Unmatched end tag at {self._where()}, expected "</{open_tag}>", found "</{tag}>"'
            )
        if tag == "code" and self.stack and self.stack[-1][2].get("language"):
            return  # <pre><code class="language-x"> is one pre entity with a language
        self.out.close(start, entity)

    def handle_data(self, data: str) -> None:
        self.out.add(data)


def parse_html(text: str) -> tuple[str, list[Entity]]:
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
        )
    return parser.out.result()


class _Markdown:
    """MarkdownV2 (strict escaping) and legacy Markdown (only _ * ` [ are special)."""

    def __init__(self, text: str, v2: bool) -> None:
        self.text, self.v2, self.i = text, v2, 0
        self.out = _Builder()
        self.open: list[tuple[str, int, int]] = []  # (type, utf16 start, source index)

    def parse(self) -> tuple[str, list[Entity]]:
        while self.i < len(self.text):
            self._step()
        if self.open:
            kind, _start, src = self.open[-1]
            raise EntityParseError(
                f"Can't find end of {_MD_NAMES[kind]} entity at byte offset {src}"
            )
        return self.out.result()

    def _toggle(self, kind: str, width: int) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == kind:
                _, start, _src = self.open.pop(depth)
                self.out.close(start, {"type": kind})
                break
        else:
            self.open.append((kind, self.out.offset, self.i))
        self.i += width

    def _step(self) -> None:
        text, i = self.text, self.i
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and (self.v2 or text[i + 1] in "_*`["):
            self.out.add(text[i + 1])
            self.i += 2
        elif ch == "`":
            self._code()
        elif ch == "[":
            self._link()
        elif ch == "*":
            self._toggle("bold", 1)
        elif ch == "_" and self.v2 and text.startswith("__", i):
            self._toggle("underline", 2)
        elif ch == "_":
            self._toggle("italic", 1)
        elif self.v2 and ch == "~":
            self._toggle("strikethrough", 1)
        elif self.v2 and text.startswith("||", i):
            self._toggle("spoiler", 2)
        elif self.v2 and ch == ">" and (i == 0 or text[i - 1] == "\n"):
            self.i += 1  # blockquote marker: the quoted text is kept, the marker is not
        elif self.v2 and ch in MDV2_RESERVED:
            raise EntityParseError(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            self.out.add(ch)
            self.i += 1

    def _code(self) -> None:
        text, start_src = self.text, self.i
        fence = "```" if text.startswith("```", self.i) else "`"
        body_start = self.i + len(fence)
        end = body_start
        while True:
            end = text.find(fence, end)
            if end < 0:
                kind = "Pre" if fence == "```" else "Code"
                raise EntityParseError(
                    f"Can't find end of {kind} entity at byte offset {start_src}"
                )
            if not (self.v2 and end > 0 and text[end - 1] == "\\"):
                break
            end += 1
        body = text[body_start:end]
        entity: Entity = {"type": "code"}
        if fence == "```":
            entity = {"type": "pre"}
            first, nl, rest = body.partition("\n")
            if nl and first and " " not in first:
                entity["language"], body = first, rest
        if self.v2:
            body = body.replace("\\`", "`").replace("\\\\", "\\")
        start = self.out.offset
        self.out.add(body)
        self.out.close(start, entity)
        self.i = end + len(fence)

    def _link(self) -> None:
        text = self.text
        close = text.find("](", self.i)
        end = text.find(")", close + 2) if close >= 0 else -1
        if close < 0 or end < 0:
            if self.v2:
                raise EntityParseError(f"Can't find end of TextUrl entity at byte offset {self.i}")
            self.out.add("[")
            self.i += 1
            return
        label = _Markdown(text[self.i + 1 : close], self.v2).parse()[0]
        start = self.out.offset
        self.out.add(label)
        url = text[close + 2 : end].replace("\\)", ")").replace("\\\\", "\\")
        self.out.close(start, {"type": "text_link", "url": url})
        self.i = end + 1


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Visible text and entities for `text` under `parse_mode` (None: plain text).

    Raises EntityParseError with Telegram's wording, or UnsupportedParseMode.
    """
    mode = (parse_mode or "").lower()
    if mode == "":
        return text, []
    if mode == "html":
        return parse_html(text)
    if mode in ("markdownv2", "markdown"):
        return _Markdown(text, v2=mode == "markdownv2").parse()
    raise UnsupportedParseMode(parse_mode)
