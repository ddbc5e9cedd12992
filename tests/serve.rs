//! `portal serve` over real HTTP: edits appear, a broken edit keeps the old page with an
//! error overlay, fixing it removes the overlay; traversal is refused; Chinese paths work.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, item};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Server { child, port }
}

/// GET `path` (sent as written, no normalisation) and return (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn wait_for(port: u16, path: &str, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, body) = get(port, path);
        if what(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting on {path}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_reload_and_broken_edits_keep_the_last_good_page() {
    let site = TestSite::new();
    site.write("content/zwdt/通知.md", item("第一版标题", "2023-03-01"));
    let server = start(&site);
    let page = "/zwdt/%E9%80%9A%E7%9F%A5/";
    let first = wait_for(server.port, page, |b| b.contains("第一版标题"));
    assert!(first.contains("content-type: text/html; charset=utf-8"));
    assert!(
        first.contains("tower-livereload"),
        "preview pages carry the reload script"
    );
    assert_eq!(
        get(server.port, "/zwdt/通知/").0,
        200,
        "raw UTF-8 paths work too"
    );

    site.write("content/zwdt/通知.md", item("第二版标题", "2023-03-01"));
    wait_for(server.port, page, |b| b.contains("第二版标题"));

    site.write(
        "content/zwdt/通知.md",
        "---\ntitle: 第三版\ndate: 2023-02-30\n---\n",
    );
    let broken = wait_for(server.port, page, |b| b.contains("portal-error-overlay"));
    assert!(broken.contains("第二版标题"), "the last good page stays");
    assert!(
        broken.contains("content/zwdt/通知.md 第 3 行"),
        "the overlay names file and line"
    );

    site.write("content/zwdt/通知.md", item("第三版标题", "2023-03-01"));
    let fixed = wait_for(server.port, page, |b| b.contains("第三版标题"));
    assert!(!fixed.contains("portal-error-overlay"));
}

#[test]
fn traversal_is_refused_and_missing_pages_get_the_404_page() {
    let outside = tempfile::tempdir().unwrap();
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    std::fs::write(site.root().join("secret.txt"), "机密").unwrap();
    std::fs::write(outside.path().join("x"), "x").unwrap();
    let server = start(&site);
    wait_for(server.port, "/zwdt/a/", |b| b.contains("甲"));
    for bad in [
        "/../secret.txt",
        "/zwdt/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let (status, body) = get(server.port, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("机密"), "{bad} leaked a file");
    }
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("页面未找到"));
    let (status, _) = get(server.port, "/zwdt/a");
    assert_eq!(status, 301, "directory without slash redirects");
}
