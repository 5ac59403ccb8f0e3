"""Read the built site: its pages and the code blocks on them."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class CodeBlockParser(HTMLParser):
    """Collect the text of every ``<pre>`` block, the way a reader sees it."""

    blocks: list[str] = field(default_factory=list)
    _depth: int = 0
    _current: list[str] = field(default_factory=list)
    _skip: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._depth += 1
            self._current = []
        elif self._depth and tag == "span" and ("class", "linenos") in attrs:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._depth:
            self._depth -= 1
            self.blocks.append("".join(self._current))
        elif self._skip and tag == "span":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._current.append(data)


def code_blocks(page: Path) -> list[str]:
    parser = CodeBlockParser()
    parser.feed(page.read_text("utf-8"))
    return [html.unescape(block).strip("\n") for block in parser.blocks]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


ANNOTATION = re.compile(r"\s*# \(\d+\)!?$")


def render_page(markdown: str) -> str:
    """A page's Markdown with its macros run, as both builders' macros plugins run them:
    ``site_content.macros.define_env`` registers them, with the plugin's Jinja settings
    from mkdocs.yml and the configuration's ``repo_url``."""
    import jinja2

    from site_content.macros import define_env
    from tests.site.browser_support import read_mkdocs_config

    config = read_mkdocs_config()
    [settings] = [p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p]
    registered: dict[str, object] = {}

    class Env:
        conf = config

        @staticmethod
        def macro(function: object, name: str) -> None:
            registered[name] = function

    define_env(Env())
    assert settings["on_undefined"] == "strict"
    environment = jinja2.Environment(
        comment_start_string=settings["j2_comment_start_string"],
        comment_end_string=settings["j2_comment_end_string"],
        undefined=jinja2.StrictUndefined,
    )
    return environment.from_string(markdown).render(**registered)
