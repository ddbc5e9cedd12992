//! The preview HTTP server (axum on tokio, with tower-livereload): serves the last good
//! snapshot from memory, pretty URLs with raw or percent-encoded Chinese paths, the site's
//! 404 page, correct MIME types with `charset=utf-8`; refuses path traversal with 400; and,
//! while the latest edit is broken, shows an error overlay on every page.

use super::session::Snapshot;
use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use std::sync::{Arc, RwLock};

/// What the server shows: the last good pages and the current build error, if any.
#[derive(Default)]
pub struct Shared {
    /// The last good build.
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// The error of the latest rebuild, shown as an overlay until it is fixed.
    pub error: RwLock<Option<String>>,
}

/// Content type with charset for text formats.
pub fn content_type(path: &str) -> String {
    if path.ends_with("atom.xml") {
        return "application/atom+xml; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(
            mime.essence_str(),
            "application/xml" | "image/svg+xml" | "application/json" | "application/javascript"
        );
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// The output path a request path maps to, or None for traversal and malformed paths.
pub fn resolve(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let rel = decoded.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == ".." || seg == ".") || rel.contains(['\\', '\0']) {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

/// The overlay shown on pages while the latest edit does not build.
pub fn overlay(error: &str) -> String {
    let mut text = Vec::new();
    let _ = tera::escape_html(error, &mut text);
    format!(
        "<div id=\"portal-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:99999;max-height:70vh;overflow:auto;background:#fff3e6;color:#4a1c00;border-bottom:4px solid #a3171b;padding:1rem 1.5rem;font:16px/1.6 sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.3)\"><strong style=\"color:#a3171b;font-size:1.15rem\">网站生成失败，下面仍是上次成功生成的页面。改正后会自动刷新。</strong><pre style=\"white-space:pre-wrap;font:15px/1.6 monospace;margin:.6rem 0 0\">{}</pre></div>",
        String::from_utf8_lossy(&text)
    )
}

fn response(status: StatusCode, ctype: &str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(ctype) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn with_overlay(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let Some(error) = error else {
        return html.to_vec();
    };
    let page = String::from_utf8_lossy(html);
    let block = overlay(error);
    match page.rfind("</body>") {
        Some(i) => format!("{}{block}{}", &page[..i], &page[i..]).into_bytes(),
        None => format!("{page}{block}").into_bytes(),
    }
}

/// Answers one GET request from the current snapshot.
pub async fn handle(state: Arc<Shared>, uri: Uri) -> Response<Body> {
    let Some(rel) = resolve(uri.path()) else {
        return response(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "400 错误的请求路径".as_bytes().to_vec(),
        );
    };
    let snapshot = state.snapshot.read().map(|s| s.clone()).unwrap_or_default();
    let error = state.error.read().ok().and_then(|e| e.clone());
    let html = |status, bytes: &[u8]| {
        response(
            status,
            "text/html; charset=utf-8",
            with_overlay(bytes, error.as_deref()),
        )
    };
    if let Some(bytes) = snapshot.pages.get(&rel) {
        return if rel.ends_with(".html") {
            html(StatusCode::OK, bytes)
        } else {
            response(StatusCode::OK, &content_type(&rel), bytes.to_vec())
        };
    }
    if snapshot.pages.contains_key(&format!("{rel}/index.html")) {
        let mut r = response(
            StatusCode::MOVED_PERMANENTLY,
            "text/plain; charset=utf-8",
            Vec::new(),
        );
        if let Ok(v) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    if let Some(path) = snapshot.files.get(&rel)
        && let Ok(bytes) = tokio::fs::read(path).await
    {
        return response(StatusCode::OK, &content_type(&rel), bytes);
    }
    let not_found = snapshot
        .pages
        .get("404.html")
        .map(|b| b.to_vec())
        .unwrap_or_else(|| "404".as_bytes().to_vec());
    html(StatusCode::NOT_FOUND, &not_found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/zwdt/../../x",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/b",
            "/a%5c..%5cb",
            "/./a",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }

    #[test]
    fn pretty_urls_and_chinese_paths() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/zwdt/").unwrap(), "zwdt/index.html");
        assert_eq!(
            resolve("/gggs/%E9%A2%84%E7%AE%97/").unwrap(),
            "gggs/预算/index.html"
        );
        assert_eq!(resolve("/gggs/预算/").unwrap(), "gggs/预算/index.html");
        assert_eq!(resolve("/css/portal.css").unwrap(), "css/portal.css");
    }

    #[test]
    fn text_types_carry_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/portal.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("a.pdf"), "application/pdf");
    }

    #[test]
    fn overlay_escapes_and_goes_before_body_end() {
        let out = String::from_utf8(with_overlay(
            b"<html><body><p>x</p></body></html>",
            Some("<b>坏</b>"),
        ))
        .unwrap();
        assert!(out.contains("&lt;b&gt;坏") && out.ends_with("</div></body></html>"));
    }
}
