"""Make help-line numbers tappable: a young person reading on a phone should be one tap from
Childline. Text is escaped first; only the digits we recognise become links."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# UK numbers (0800 1111, 0808 800 5000, 01234 567890), 999, 111, 116 123, and SMS short codes.
_NUMBER = re.compile(
    r"(?<![\d/=.-])(0\d{2,4} ?\d{3,4}(?: ?\d{3,4})?|999|111|116 ?123|\d{5})(?![\d/-]|\.\d)"
)


def _link(match: re.Match[str]) -> str:
    number = match.group(1)
    digits = number.replace(" ", "")
    scheme = "tel"
    if len(digits) == 5 and not digits.startswith("0"):
        # A five-digit number is only a short code when we are told to text it.
        if "text" not in match.string[max(0, match.start() - 30) : match.start()].lower():
            return number
        scheme = "sms"
    return f'<a href="{scheme}:{digits}">{number}</a>'


def phone_links(text: str) -> Markup:
    """`text`, escaped, with phone numbers and text short codes as tel:/sms: links."""
    return Markup(_NUMBER.sub(_link, str(escape(text))))
