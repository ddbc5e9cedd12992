//! Edit → reload latency of `portal serve`: for a site (the sample site, or a generated one)
//! it starts the release binary, then repeatedly appends a paragraph to one item and times
//! the span from the file write to the live-reload event the browser would receive.
//!
//! Run: `cargo build --release && cargo bench --bench serve_latency -- [SITE_DIR] [RUNS]`
//! (SITE_DIR defaults to the repository root, i.e. the sample site; `bench/serve_latency.sh`
//! also runs it on a generated 10,000-item site). Prints each run and the median.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).follow_links(true) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?;
        if rel.starts_with("public") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Opens the live-reload event stream and waits until its `init` event arrived.
fn subscribe(port: u16) -> std::io::Result<BufReader<TcpStream>> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    write!(
        s,
        "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )?;
    let mut r = BufReader::new(s);
    let mut line = String::new();
    while r.read_line(&mut line)? > 0 {
        if line.contains("event: init") {
            return Ok(r);
        }
        line.clear();
    }
    Err(std::io::Error::other("stream closed before init"))
}

fn wait_reload(r: &mut BufReader<TcpStream>) -> std::io::Result<()> {
    let mut line = String::new();
    while r.read_line(&mut line)? > 0 {
        if line.contains("event: reload") {
            return Ok(());
        }
        line.clear();
    }
    Err(std::io::Error::other("stream closed before reload"))
}

fn first_item(content: &Path) -> Option<PathBuf> {
    let mut items: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        })
        .collect();
    items.sort();
    items.into_iter().nth(1)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let site = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(15);
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/portal");
    let work = tempfile::tempdir()?;
    copy_tree(&site, work.path())?;
    let item =
        first_item(&work.path().join("content")).ok_or_else(|| std::io::Error::other("no item"))?;
    let items = walkdir::WalkDir::new(work.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(work.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut line = String::new();
    BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?,
    )
    .read_line(&mut line)?;
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no URL in {line:?}")))?;
    let mut times = Vec::new();
    for i in 0..runs {
        let mut stream = subscribe(port)?;
        std::thread::sleep(Duration::from_millis(300));
        let t0 = Instant::now();
        let mut f = std::fs::OpenOptions::new().append(true).open(&item)?;
        writeln!(f, "\n第 {i} 次修改的段落。")?;
        drop(f);
        wait_reload(&mut stream)?;
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        println!("run {i:2}: {ms:7.1} ms");
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "edit -> reload, {items} Markdown files, {runs} runs: median {median:.1} ms, min {:.1} ms, max {:.1} ms (includes the {} ms debounce)",
        times[0],
        times[times.len() - 1],
        portal::serve::watch::DEBOUNCE.as_millis()
    );
    Ok(())
}
