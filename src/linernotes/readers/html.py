"""The visible text of an HTML page; for a page saved from the web, its article without the page around it.

A saved page wraps the biography in navigation, menus, cookie banners, share buttons and footers.
Those are left out by what the markup says they are (``<nav>``, ``<aside>``, ``role="navigation"``,
a class or id naming a cookie banner or a menu...), never by their wording; and when the page marks
its content (``<main>``, ``<article>``, ``role="main"``), only that is read. Standard library only:
the rules below are what the pages archives save need, and each is tested (tests/readers/test_html.py).
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote",
          "main", "header", "footer", "dd", "dt", "figcaption", "td", "th"}
#: Never visible text.
HIDDEN = {"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object"}
#: The page around an article: navigation, side matter, forms and dialogs.
BOILERPLATE_TAGS = {"nav", "aside", "form", "button", "menu", "dialog", "select"}
#: ``<header>`` and ``<footer>`` of the page are boilerplate; an article's own header holds its title.
PAGE_PARTS = {"header", "footer"}
BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
                     "menu", "menubar", "toolbar", "alert"}
#: Words of a class or id that mark the page around the content (whole words of ``site-footer``,
#: ``cookie_notice``, ``mainNav``...).
BOILERPLATE_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie", "cookies",
                     "consent", "gdpr", "banner", "footer", "sidebar", "share", "sharing", "social", "newsletter",
                     "subscribe", "related", "comments", "advert", "advertisement", "ads", "promo", "popup", "modal",
                     "skip", "masthead", "toc", "pagination", "signup", "login"}
CONTENT_TAGS = {"main", "article"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def _words(value: str) -> set[str]:
    """``"site-footer cookieBanner"`` -> {"site", "footer", "cookie", "banner"}."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", value)
    return {w.lower() for w in re.split(r"[\s_\-:.]+", spaced) if w}


class _TextExtractor(HTMLParser):
    """Collects the visible text with line breaks at block boundaries, and which of it is page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool]] = []  # (text, inside the marked content)
        self.open: list[tuple[str, bool, bool]] = []  # (tag, skipped, content)
        self.skipping = 0
        self.in_content = 0
        self.saw_content = False

    def _is_boilerplate(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in HIDDEN or tag in BOILERPLATE_TAGS:
            return True
        if tag in PAGE_PARTS and not self.in_content:
            return True
        values = {key: (value or "") for key, value in attrs}
        if "hidden" in values or values.get("aria-hidden", "").lower() == "true":
            return True
        if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", values.get("style", ""), re.I):
            return True
        if values.get("role", "").lower() in BOILERPLATE_ROLES:
            return True
        if tag in CONTENT_TAGS or tag == "body":
            return False  # an article is never page furniture, whatever its classes say
        return bool(_words(values.get("class", "") + " " + values.get("id", "")) & BOILERPLATE_WORDS)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self.parts.append(("\n", bool(self.in_content)))
        if tag in VOID:
            return
        skipped = self._is_boilerplate(tag, attrs)
        content = not skipped and (tag in CONTENT_TAGS or dict(attrs).get("role") == "main")
        self.open.append((tag, skipped, content))
        self.skipping += skipped
        self.in_content += content
        if content and not self.skipping:
            self.saw_content = True

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self.parts.append(("\n", bool(self.in_content)))

    def handle_endtag(self, tag: str) -> None:
        if any(name == tag for name, _, _ in self.open):  # closes it and whatever was left open inside it
            while self.open:
                name, skipped, content = self.open.pop()
                self.skipping -= skipped
                self.in_content -= content
                if name == tag:
                    break
        if tag in BLOCKS:
            self.parts.append(("\n", bool(self.in_content)))

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append((" ".join(data.split("\n")), bool(self.in_content)))  # line breaks render as spaces


def html_to_text(markup: str) -> str:
    """The visible text of ``markup``: blocks on lines of their own, spaces collapsed, one blank line at most."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    parts = [text for text, inside in parser.parts if inside or not parser.saw_content]
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return html.unescape(text).strip()


def mhtml_text(data: bytes, name: str) -> str:
    """The visible text of a page saved as one file (.mhtml, "Webpage, Single File"): a MIME message
    whose first text/html part is the page, the rest its images and styles."""
    import email
    import email.policy

    from ..errors import Errors, InputError

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                return html_to_text(part.get_content())
            except (LookupError, ValueError) as error:  # an unknown charset, a broken transfer encoding
                raise InputError(Errors.E067.format(path=name, kind="a saved web page", why=str(error))) from None
    raise InputError(Errors.E067.format(path=name, kind="a saved web page", why="it has no HTML part"))
