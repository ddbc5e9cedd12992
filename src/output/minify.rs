//! HTML minification with minify-html, configured to stay valid and conservative: closing
//! tags and `<html>`/`<head>` kept, no inline CSS or JavaScript touched; Chinese text and
//! `<pre>` blocks come out unchanged.
//!
//! Two ways to use it. Page by page ([`html`]): every rendered page goes through the
//! minifier, whatever the theme. Or theme-once ([`template`] and [`fragment`]): when every
//! template of a theme passes [`template_is_minifiable`], the templates themselves are
//! minified once (Tera syntax kept as it is) and only the HTML that does not come from them,
//! the Markdown bodies and introductions, is minified per item. The pages come out as small
//! as page-by-page minification makes them, within a few per cent (`tests/minify_theme.rs`
//! checks that minifying them again as pages gives the page-by-page output), at a fraction
//! of the cost: minifying every page was half of a build's time (see bench/README.md).

fn cfg(template_syntax: bool) -> minify_html::Cfg {
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        // Pages carry no inline CSS (the theme's CSS is a static file); turning the CSS
        // minifier off makes every page about a third faster to minify.
        minify_css: false,
        minify_js: false,
        keep_comments: false,
        preserve_brace_template_syntax: template_syntax,
        ..minify_html::Cfg::default()
    }
}

/// Minifies one HTML document.
pub fn html(input: &[u8]) -> Vec<u8> {
    minify_html::minify(input, &cfg(false))
}

/// Minifies a piece of HTML that is inserted into a page as it is (a rendered body).
pub fn fragment(input: &str) -> String {
    String::from_utf8(minify_html::minify(input.as_bytes(), &cfg(false)))
        .unwrap_or_else(|_| input.to_string())
}

/// Minifies a Tera template's source, keeping its `{{ }}`, `{% %}` and `{# #}` as they are.
/// Only for sources that pass [`template_is_minifiable`].
pub fn template(source: &str) -> Option<String> {
    String::from_utf8(minify_html::minify(source.as_bytes(), &cfg(true))).ok()
}

/// Whether a template can be minified once, as text, with the same effect as minifying
/// every page it renders: no Tera tag (`{% %}`) or comment (`{# #}`) inside an HTML tag or
/// an HTML comment, and `{{ }}` inside an HTML tag only within a quoted attribute value
/// (minify-html reads anything else there as attribute names). The text of `<pre>`,
/// `<textarea>`, `<script>` and `<style>` is kept as it is either way (inline CSS and
/// JavaScript are not minified).
pub fn template_is_minifiable(source: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        Text,
        Tag,
        Quoted(u8),
        Comment,
    }
    let b = source.as_bytes();
    let mut at = At::Text;
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let tera = rest.starts_with(b"{%") || rest.starts_with(b"{#");
        match at {
            At::Text => {
                if rest.starts_with(b"<!--") {
                    at = At::Comment;
                    i += 4;
                    continue;
                }
                if rest.len() > 1
                    && rest[0] == b'<'
                    && (rest[1].is_ascii_alphabetic() || rest[1] == b'/' || rest[1] == b'!')
                {
                    at = At::Tag;
                }
            }
            At::Tag => {
                if tera || rest.starts_with(b"{{") {
                    return false;
                }
                match rest[0] {
                    q @ (b'"' | b'\'') => at = At::Quoted(q),
                    b'>' => at = At::Text,
                    _ => {}
                }
            }
            At::Quoted(q) => {
                if tera {
                    return false;
                }
                if rest[0] == q {
                    at = At::Tag;
                }
            }
            At::Comment => {
                if tera || rest.starts_with(b"{{") {
                    return false;
                }
                if rest.starts_with(b"-->") {
                    at = At::Text;
                    i += 3;
                    continue;
                }
            }
        }
        i += 1;
    }
    at == At::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(s: &str) -> String {
        String::from_utf8(html(s.as_bytes())).unwrap()
    }

    #[test]
    fn chinese_text_is_untouched() {
        let out = min("<p>\n  慈化镇  开展“一周一更新”，主动公开。\n</p>");
        assert!(out.contains("慈化镇 开展“一周一更新”，主动公开。"), "{out}");
    }

    #[test]
    fn pre_is_untouched() {
        let pre = "<pre><code>第一行\n    缩进  两个空格\n</code></pre>";
        assert!(min(&format!("<div>\n{pre}\n</div>")).contains(pre));
    }

    #[test]
    fn templates_with_tera_tags_inside_html_tags_are_not_minifiable() {
        for ok in [
            "<p>共 {{ n }} 条{% if more %}，第 {{ p }} 页{% endif %}</p>",
            "<a href=\"{{ url }}\" aria-label=\"第 {{ n }} 页\">{{ n }}</a>",
            "{% if x %}<a href=\"/\" aria-current=\"page\">首页</a>{% else %}<a href=\"/\">首页</a>{% endif %}",
            "{#- a comment with <b>markup</b> -#}<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>",
            "<p>a > b, {{ x }}</p>",
        ] {
            assert!(template_is_minifiable(ok), "{ok}");
        }
        for bad in [
            "<a href=\"/\"{% if x %} aria-current=\"page\"{% endif %}>首页</a>",
            "<a href={{ url }}>x</a>",
            "<div class=\"{% if x %}a{% endif %}\">",
            "<div {# note #}>",
            "<!-- {{ x }} -->",
            "<p>unclosed <a href=\"x\"",
        ] {
            assert!(!template_is_minifiable(bad), "{bad}");
        }
    }

    #[test]
    fn a_minified_template_renders_what_minifying_the_page_gives() {
        let source = "<ul class=\"nav\">\n  {%- for c in cats %}\n  <li>\n    <a href=\"{{ c }}\">栏目 {{ c }}</a>\n  </li>\n  {%- endfor %}\n</ul>\n<p>\n  共 {{ n }} 条\n</p>";
        assert!(template_is_minifiable(source));
        let once = template(source).unwrap();
        assert!(once.len() < source.len(), "{once}");
        let render = |t: &str| {
            let mut ctx = tera::Context::new();
            ctx.insert("cats", &["a b", "c"]);
            ctx.insert("n", &3);
            tera::Tera::new().render_str(t, &ctx, false).unwrap()
        };
        let (fast, slow) = (render(&once), render(source));
        assert_eq!(
            String::from_utf8(html(fast.as_bytes())).unwrap(),
            String::from_utf8(html(slow.as_bytes())).unwrap(),
            "{fast}"
        );
        assert!(
            fast.contains("href=\"a b\""),
            "quotes kept where a value has a space: {fast}"
        );
    }

    #[test]
    fn whitespace_between_blocks_goes() {
        assert_eq!(
            min("<div>\n  <p>甲</p>\n  <p>乙</p>\n</div>"),
            "<div><p>甲</p><p>乙</p></div>"
        );
    }
}
