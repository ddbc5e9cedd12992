//! `portal serve`: build the site into memory, serve it on a local port, watch the sources,
//! rebuild on every save and reload the open browser tab once the new pages are in place.
//! A broken edit keeps the last good pages on screen with an error overlay; Ctrl-C stops.

pub mod server;
pub mod session;
pub mod watch;

use crate::diagnostics;
use crate::pipeline::BuildOptions;
use session::{Change, Session};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

/// What the watcher loop reacts to.
pub enum Message {
    /// Files changed.
    Changed(Change),
    /// Ctrl-C: stop.
    Stop,
}

/// Options of `portal serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Site root.
    pub root: std::path::PathBuf,
    /// Interface to listen on.
    pub interface: IpAddr,
    /// First port to try.
    pub port: u16,
    /// Open the browser.
    pub open: bool,
    /// Poll instead of native file events.
    pub poll: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Include future items.
    pub future: bool,
}

/// Binds the first free port from `port` up (ten tries), saying so if `port` was taken.
fn bind(interface: IpAddr, port: u16) -> Result<TcpListener, String> {
    for p in port..port.saturating_add(10) {
        match TcpListener::bind(SocketAddr::new(interface, p)) {
            Ok(l) => {
                if p != port {
                    eprintln!("端口 {port} 已被占用，改用端口 {p}。");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("无法在 {interface}:{p} 上监听（{e}）。")),
        }
    }
    Err(format!(
        "端口 {port} 到 {} 都已被占用，请用 --port 指定其他端口。",
        port.saturating_add(9)
    ))
}

fn describe(errors: &[diagnostics::Diagnostic]) -> String {
    diagnostics::render_all(errors)
}

/// Runs the preview until Ctrl-C; returns the exit code.
pub fn run(opts: &ServeOptions) -> u8 {
    let listener = match bind(opts.interface, opts.port) {
        Ok(l) => l,
        Err(m) => {
            eprintln!("错误：{m}");
            return crate::cli::EXIT_USAGE;
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let url = format!("http://{addr}/");
    let mut build = BuildOptions::new(&opts.root);
    build.base_url = Some(url.clone());
    build.drafts = opts.drafts;
    build.future = opts.future;
    let mut session = Session::new(build);
    let shared = Arc::new(server::Shared::default());
    let started = Instant::now();
    match session.rebuild(Change::Full) {
        Ok(r) => eprintln!(
            "已生成 {} 个页面，用时 {} 毫秒。",
            r.rendered,
            started.elapsed().as_millis()
        ),
        Err(e) => {
            eprint!("{}", describe(&e));
            if let Ok(mut slot) = shared.error.write() {
                *slot = Some(describe(&e));
            }
        }
    }
    if let Ok(mut slot) = shared.snapshot.write() {
        *slot = Arc::new(session.snapshot());
    }
    let (tx, rx) = mpsc::channel::<Message>();
    let livereload = tower_livereload::LiveReloadLayer::new();
    let reloader = livereload.reloader();
    let server_state = shared.clone();
    let stop_tx = tx.clone();
    let server =
        std::thread::spawn(move || serve_http(listener, server_state, livereload, stop_tx));
    let (change_tx, change_rx) = mpsc::channel::<Change>();
    let _watcher = match watch::start(&opts.root, opts.poll, change_tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("错误：无法监视文件变化（{e}）。网络共享、WSL 或虚拟机中请加 --poll。");
            return crate::cli::EXIT_SITE_ERROR;
        }
    };
    std::thread::spawn(move || {
        for change in change_rx {
            if tx.send(Message::Changed(change)).is_err() {
                break;
            }
        }
    });
    println!("预览地址：{url}（按 Ctrl-C 停止）");
    if opts.open {
        let _ = open::that_detached(&url);
    }
    let mut last_error: Option<String> = None;
    while let Ok(msg) = rx.recv() {
        let mut change = match msg {
            Message::Stop => break,
            Message::Changed(c) => c,
        };
        while let Ok(more) = rx.try_recv() {
            match more {
                Message::Stop => return stop(server),
                Message::Changed(c) => change = change.max(c),
            }
        }
        let t0 = Instant::now();
        match session.rebuild(change) {
            Ok(r) => {
                if let Ok(mut slot) = shared.snapshot.write() {
                    *slot = Arc::new(session.snapshot());
                }
                if let Ok(mut slot) = shared.error.write() {
                    *slot = None;
                }
                last_error = None;
                let how = if r.partial { "增量" } else { "全部" };
                eprintln!(
                    "已更新（{how}重新生成 {} 个页面，{} 毫秒）。",
                    r.rendered,
                    t0.elapsed().as_millis()
                );
            }
            Err(e) => {
                let text = describe(&e);
                if last_error.as_deref() != Some(text.as_str()) {
                    eprint!("{text}");
                    eprintln!("仍在显示上次成功生成的页面。");
                }
                if let Ok(mut slot) = shared.error.write() {
                    *slot = Some(text.clone());
                }
                last_error = Some(text);
            }
        }
        reloader.reload();
    }
    stop(server)
}

fn stop(server: std::thread::JoinHandle<()>) -> u8 {
    eprintln!("预览已停止。");
    drop(server);
    crate::cli::EXIT_OK
}

fn serve_http(
    listener: TcpListener,
    state: Arc<server::Shared>,
    livereload: tower_livereload::LiveReloadLayer,
    stop: mpsc::Sender<Message>,
) {
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        let _ = stop.send(Message::Stop);
        return;
    };
    runtime.block_on(async move {
        let app = axum::Router::new()
            .fallback(move |uri: axum::http::Uri| server::handle(state.clone(), uri))
            .layer(livereload);
        let _ = listener.set_nonblocking(true);
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            let _ = stop.send(Message::Stop);
            return;
        };
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await;
        let _ = stop.send(Message::Stop);
    });
}
