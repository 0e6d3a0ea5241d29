import re

from balai.lib.markdown import render_markdown


def test_markdown_keeps_formatting_and_links():
    html = render_markdown("# Judul\n\nWarga **hadir** di [balai](https://malangkota.go.id).")
    assert "<h2>Judul</h2>" in html
    assert "<strong>hadir</strong>" in html
    assert 'href="https://malangkota.go.id"' in html and 'rel="nofollow noopener ugc"' in html


def test_html_and_scripts_typed_in_a_post_never_reach_the_page():
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n'
                           '[klik](javascript:alert(1))\n\n![foto](https://pelacak.example/x.png)')
    tags = re.findall(r"<[^>]+>", html)
    assert not [t for t in tags if "script" in t or "img" in t or "onerror" in t
                or "javascript:" in t]
    assert "&lt;script&gt;" in html  # shown as the text that was typed
