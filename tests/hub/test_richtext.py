"""Staff's rich text is cut down to the few elements a text needs (hub.richtext, nh3)."""

from __future__ import annotations

from django.template import Context, Template

from hub.richtext import render_html, sanitize_html


def test_the_allowed_elements_are_kept():
    html = (
        "<h2>Title</h2><h3>Part</h3><h4>Point</h4><p><strong>Strong</strong> and <em>em</em></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    assert sanitize_html(html) == html


def test_links_keep_their_address_with_a_safe_rel_and_only_safe_schemes():
    assert sanitize_html('<a href="https://example.org" target="_blank">x</a>') == (
        '<a href="https://example.org" rel="noopener noreferrer nofollow">x</a>'
    )
    assert sanitize_html('<a href="mailto:a@example.org">m</a>') == (
        '<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">m</a>'
    )
    assert "javascript" not in sanitize_html('<a href="javascript:alert(1)">x</a>')
    assert "data:" not in sanitize_html('<a href="data:text/html,hi">x</a>')


def test_scripts_styles_handlers_and_other_tags_are_removed():
    html = (
        '<p onclick="x()" style="color:red" class="c">Hi</p><script>alert(1)</script>'
        "<style>p{}</style><img src=x onerror=y()><iframe src=https://e.example></iframe>"
        "<h1>Big</h1><!-- note -->"
    )
    assert sanitize_html(html) == "<p>Hi</p>Big"


def test_empty_text_and_the_template_filter():
    assert sanitize_html("") == "" and sanitize_html(None) == ""
    assert str(render_html("<p>x</p><script>y</script>")) == "<p>x</p>"
    template = Template("{% load training_tags %}{{ body|richtext }}")
    assert template.render(Context({"body": "<p>ok</p><b onclick=z>b</b>"})) == "<p>ok</p>b"
