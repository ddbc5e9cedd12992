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
    /// 栏目更新情况报告：哪些栏目已超期、空白，单项否决风险
    Report(ReportArgs),
    /// 本地预览：保存文件后自动重新生成并刷新浏览器
    Serve(ServeArgs),
    /// 为没有索引号的信息按规则自动编号（只添加 index_no 这一行）
    IndexNo(IndexNoArgs),
    /// 导出信息公开目录（CSV，可用 Excel 打开，供上传集约化平台）
    Catalogue(CatalogueArgs),
    /// 政府信息公开工作年度报告的统计表格（发布信息条数、第二十条、依申请公开、复议诉讼）
    AnnualReport(crate::reports::AnnualReportArgs),
}

/// `portal index-no`.
#[derive(Args, Debug)]
pub struct IndexNoArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 只显示将要分配的索引号，不修改文件
    #[arg(long)]
    dry_run: bool,
}

/// Loads a site's metadata (scheduled items included) for reports and tools, with its
/// warnings; on errors prints them and gives the exit code.
fn load_for_tools(
    root: &std::path::Path,
    today: jiff::civil::Date,
) -> Result<(crate::site::Site, Vec<crate::diagnostics::Diagnostic>), u8> {
    let mut opts = BuildOptions::new(root);
    opts.future = true;
    match pipeline::load_site(&opts, today, false) {
        Ok(((site, warnings, _), _)) => Ok((site, warnings)),
        Err(e) => Err(report_failure(e)),
    }
}

impl IndexNoArgs {
    /// Plans and (unless --dry-run) writes the 索引号.
    pub fn run(&self) -> u8 {
        let config = match crate::config::SiteConfig::load(&self.site.root, None) {
            Ok(c) => c,
            Err(d) => return report_failure(BuildError::Site(d)),
        };
        let Some(pattern) = config.index_no.clone() else {
            eprintln!(
                "错误：site.yaml 中没有设置索引号规则。\n  修改方法：添加\n  index_no:\n    org_code: 本单位统一社会信用代码\n    pattern: \"{{org_code}}/{{year}}-{{serial:05}}\""
            );
            return EXIT_SITE_ERROR;
        };
        // Existing numbers must be valid before new ones are added.
        let site = match load_for_tools(&self.site.root, pipeline::today_in_china()) {
            Ok((s, _)) => s,
            Err(code) => return code,
        };
        let plan = crate::index_no::plan(&site, &pattern);
        if plan.is_empty() {
            println!("所有信息都已有索引号。");
            return EXIT_OK;
        }
        for a in &plan {
            println!("content/{}  →  {}", a.source, a.index_no);
        }
        if self.dry_run {
            println!(
                "（预览）将为 {} 个文件添加索引号；去掉 --dry-run 即可写入。",
                plan.len()
            );
            return EXIT_OK;
        }
        match crate::index_no::apply(&self.site.root, &plan) {
            Ok(n) => {
                println!("已为 {n} 个文件添加索引号。");
                EXIT_OK
            }
            Err(e) => {
                eprintln!("错误：{e}");
                EXIT_SITE_ERROR
            }
        }
    }
}

/// `portal catalogue`.
#[derive(Args, Debug)]
pub struct CatalogueArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 输出文件，默认为 目录.csv
    #[arg(long, short = 'o', default_value = "目录.csv")]
    output: PathBuf,
}

impl CatalogueArgs {
    /// Writes the catalogue CSV.
    pub fn run(&self) -> u8 {
        let site = match load_for_tools(&self.site.root, pipeline::today_in_china()) {
            Ok((s, _)) => s,
            Err(code) => return code,
        };
        let csv = crate::catalogue::to_csv(&site);
        match crate::fs_util::write(&self.output, &csv) {
            Ok(()) => {
                println!(
                    "已导出 {} 条信息到 {}",
                    site.items.len(),
                    self.output.display()
                );
                EXIT_OK
            }
            Err(e) => {
                eprintln!("错误：{e}");
                EXIT_SITE_ERROR
            }
        }
    }
}

/// `portal serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 监听地址
    #[arg(long, short = 'i', default_value = "127.0.0.1")]
    interface: std::net::IpAddr,
    /// 端口（被占用时自动尝试后面的端口）
    #[arg(long, short = 'p', default_value_t = 1111)]
    port: u16,
    /// 启动后打开浏览器
    #[arg(long)]
    open: bool,
    /// 用轮询代替文件系统通知（网络共享、WSL、虚拟机中使用）
    #[arg(long)]
    poll: bool,
    /// 预览草稿
    #[arg(long)]
    drafts: bool,
    /// 预览日期在今天之后的信息
    #[arg(long)]
    future: bool,
}

impl ServeArgs {
    /// Runs the preview server.
    pub fn run(&self) -> u8 {
        crate::serve::run(&crate::serve::ServeOptions {
            root: self.site.root.clone(),
            interface: self.interface,
            port: self.port,
            open: self.open,
            poll: self.poll,
            drafts: self.drafts,
            future: self.future,
        })
    }
}

/// Output format of `portal report`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// 终端表格（中文）
    Text,
    /// JSON（schema portal.freshness/1，见 docs/freshness.md）
    Json,
    /// 独立的 HTML 文件（含每周更新图）
    Html,
}

/// The status that makes `--fail-on` exit non-zero.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// 有栏目即将超期（或更糟）时失败
    Due,
    /// 有栏目已超期或空白时失败
    Stale,
    /// 有空白栏目时失败
    Empty,
}

/// Exit code when `--fail-on` is met.
pub const EXIT_FRESHNESS: u8 = 3;

/// `portal report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 统计日期 YYYY-MM-DD，默认为北京时间今天
    #[arg(long)]
    as_of: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    /// 写入文件而不是标准输出
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// 达到此状态时以退出码 3 结束（供定时任务、CI 使用）
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

impl ReportArgs {
    /// Evaluates freshness and prints or writes the report.
    pub fn run(&self) -> u8 {
        use crate::freshness::{Status, html, report};
        let as_of = match &self.as_of {
            None => pipeline::today_in_china(),
            Some(s) => match crate::content::item::parse_date(s) {
                Ok(d) => d,
                Err(m) => {
                    eprintln!("错误：--as-of {m}请写成 YYYY-MM-DD。");
                    return EXIT_USAGE;
                }
            },
        };
        let (site, warnings) = match load_for_tools(&self.site.root, as_of) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let mut r = report::evaluate(&site, as_of);
        // Domain warnings (missing or late 政策解读 …) belong in the office head's report too.
        r.warnings.extend(
            warnings
                .iter()
                .map(|d| d.to_string().trim_start_matches("警告：").to_string()),
        );
        let text = match self.format {
            ReportFormat::Text => {
                use std::io::IsTerminal;
                let colour = self.output.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none();
                report::to_text(&r, colour)
            }
            ReportFormat::Json => serde_json::to_string_pretty(&r)
                .map(|j| j + "\n")
                .unwrap_or_default(),
            ReportFormat::Html => html::to_html(&r),
        };
        match &self.output {
            Some(path) => {
                if let Err(e) = crate::fs_util::write(path, text.as_bytes()) {
                    eprintln!("错误：{e}");
                    return EXIT_SITE_ERROR;
                }
                eprintln!("报告已写入 {}", path.display());
            }
            None => print!("{text}"),
        }
        let worst = r.worst();
        let failed = match self.fail_on {
            None => false,
            Some(FailOn::Due) => worst >= Status::Due,
            Some(FailOn::Stale) => worst >= Status::Stale,
            Some(FailOn::Empty) => r.totals.empty > 0,
        };
        if failed { EXIT_FRESHNESS } else { EXIT_OK }
    }
}

fn report_failure(e: BuildError) -> u8 {
    match e {
        BuildError::Site(diags) => {
            eprint!("{}", diagnostics::render_all(&diags));
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("生成失败：共 {errors} 个错误，原有的输出目录没有改动。");
        }
        BuildError::Io(e) => {
            eprintln!("错误：{e}");
            eprintln!("生成失败，原有的输出目录没有改动。");
        }
    }
    EXIT_SITE_ERROR
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
    /// 打印各阶段用时（性能分析用）
    #[arg(long)]
    timings: bool,
    /// 生成站内搜索（Pagefind 索引和 /search/ 页面；需先 npm ci）；环境变量 PORTAL_SEARCH=1 时默认开启
    #[arg(long)]
    search: bool,
    /// 不压缩 HTML（按模板原样输出，便于调试主题；默认压缩）
    #[arg(long)]
    no_minify: bool,
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
            search: (self.search || crate::search::enabled_by_env())
                .then(crate::search::SearchOptions::default),
            minify: if self.no_minify {
                pipeline::Minify::Off
            } else {
                pipeline::Minify::ThemeOnce
            },
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
                if self.timings {
                    for (stage, t) in &outcome.timings {
                        println!("{:>9.1} ms  {stage}", t.as_secs_f64() * 1000.0);
                    }
                }
                EXIT_OK
            }
            Err(e) => report_failure(e),
        }
    }
}

impl Cli {
    /// Runs the chosen command.
    pub fn run(&self) -> u8 {
        match &self.command {
            Command::Build(args) => args.run(),
            Command::Report(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::IndexNo(args) => args.run(),
            Command::Catalogue(args) => args.run(),
            Command::AnnualReport(args) => args.run(),
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
