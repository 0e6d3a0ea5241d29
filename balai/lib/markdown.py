"""Markdown written by staff (KIM posts, OPD publications), rendered and sanitised: what
reaches the page is HTML we allow.

markdown-it-py renders CommonMark with raw HTML off; nh3 (Ammonia) then keeps only the
tags and attributes below, so neither a pasted <script> nor a javascript: link survives.
Images are not taken from the text: a post's picture is uploaded and re-encoded.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4",
        "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> str:
    html = _MD.render(text or "")
    # Headings start at h2: the page's own h1 is the post's title.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https",
                                                                           "mailto"},
                     link_rel="nofollow noopener ugc")
