//! Floor for the build benchmark: pulldown-cmark parse + render of every Markdown body
//! under a folder, alone (no front matter parsing beyond finding the second `---`, no
//! templates, no writing), on one thread, with the options portal uses.
//!
//! Run: `cargo bench --bench markdown_floor -- CONTENT_DIR` (bench/run.sh does it).
//! Prints `markdown_floor_s <seconds> bodies <n> bytes <html bytes>`.

use pulldown_cmark::{Options, Parser, html};
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| a != "--bench")
        .unwrap_or_else(|| "content".into());
    let bodies: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| t.splitn(3, "---\n").nth(2).unwrap_or_default().to_string())
        .collect();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let t = Instant::now();
    let mut total = 0;
    for b in &bodies {
        let mut out = String::with_capacity(b.len() * 2);
        html::push_html(&mut out, Parser::new_ext(b, opts));
        total += out.len();
    }
    println!(
        "markdown_floor_s {:.4} bodies {} bytes {total}",
        t.elapsed().as_secs_f64(),
        bodies.len()
    );
}
