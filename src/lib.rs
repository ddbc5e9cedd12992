//! `portal`: a static-site generator for government information-disclosure portals
//! (政务公开 / 政府信息公开).
//!
//! The build is a pipeline of stages, one module each:
//! [`config`] (site.yaml) → [`content`] (Markdown + front matter) → [`markdown`] →
//! [`site`] (the immutable model) → [`render`] (Tera templates) → [`output`] (minify,
//! staged atomic write). [`pipeline::build`] runs them; the CLI in `main.rs` calls it.

pub mod catalogue;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod freshness;
pub mod fs_util;
pub mod index_no;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod reports;
pub mod search;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod yaml;

pub use pipeline::{BuildError, BuildOptions, BuildOutcome, Minify, build};
