//! Command-line interface: one clap `Args` struct per subcommand, each with a `run()`,
//! returning the process exit code (0 ok, 1 site errors, 2 wrong usage).

use crate::diagnostics;
use crate::pipeline::{self, BuildError, BuildOptions};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Exit code for a successful run.
pub const EXIT_OK: u8 = 0;
/// Exit code for errors in the site's files (content, config, templates) or IO.
pub const EXIT_SITE_ERROR: u8 = 1;
/// Exit code for wrong usage (clap uses it too).
pub const EXIT_USAGE: u8 = 2;

/// portal：政务公开网站生成器
#[derive(Parser, Debug)]
#[command(
    name = "portal",
    version,
    about = "政务公开（政府信息公开）静态网站生成器"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// 生成网站到 public/（原子发布：失败时不改动已有的 public/）
    Build(BuildArgs),
}

/// Flags shared by every command that reads a site.
#[derive(Args, Debug, Clone)]
pub struct SiteArgs {
    /// 网站根目录（包含 site.yaml 的目录），默认为当前目录
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
}

/// `portal build`.
#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 输出目录，默认为 <网站根目录>/public
    #[arg(long, short = 'o')]
    output_dir: Option<PathBuf>,
    /// 覆盖 site.yaml 中的 base_url
    #[arg(long, short = 'u')]
    base_url: Option<String>,
    /// 同时发布草稿（draft: true）
    #[arg(long)]
    drafts: bool,
    /// 同时发布日期在今天之后的信息
    #[arg(long)]
    future: bool,
    /// 只输出错误
    #[arg(long, short = 'q')]
    quiet: bool,
}

impl BuildArgs {
    /// Runs the build and prints its outcome.
    pub fn run(&self) -> u8 {
        let opts = BuildOptions {
            root: self.site.root.clone(),
            output_dir: self.output_dir.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            today: None,
            progress: !self.quiet,
        };
        match pipeline::build(&opts) {
            Ok(outcome) => {
                eprint!("{}", diagnostics::render_all(&outcome.warnings));
                if !self.quiet {
                    let skipped = if outcome.skipped > 0 {
                        format!("，{} 条草稿或定时信息未发布", outcome.skipped)
                    } else {
                        String::new()
                    };
                    println!(
                        "已生成 {} 个页面（共 {} 个文件，{} 个有变化{skipped}），用时 {:.2} 秒，输出在 {}",
                        outcome.pages,
                        outcome.files,
                        outcome.changed,
                        outcome.elapsed.as_secs_f64(),
                        outcome.output.display()
                    );
                }
                EXIT_OK
            }
            Err(BuildError::Site(diags)) => {
                eprint!("{}", diagnostics::render_all(&diags));
                let errors = diags.iter().filter(|d| d.is_error()).count();
                eprintln!("生成失败：共 {errors} 个错误，原有的输出目录没有改动。");
                EXIT_SITE_ERROR
            }
            Err(BuildError::Io(e)) => {
                eprintln!("错误：{e}");
                eprintln!("生成失败，原有的输出目录没有改动。");
                EXIT_SITE_ERROR
            }
        }
    }
}

impl Cli {
    /// Runs the chosen command.
    pub fn run(&self) -> u8 {
        match &self.command {
            Command::Build(args) => args.run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
