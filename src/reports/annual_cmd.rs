//! The `portal annual-report` command: loads the site (drafts and scheduled items left out),
//! reads and checks the year's data file (`--data`, else `data/annual-<year>.yaml` under the
//! site root, else all zeros), and prints or writes the report as Markdown or JSON.
//! Exit status: 0 printed; 1 errors in the site or the data file, or a write failure;
//! 2 wrong usage.

use super::annual::report;
use super::annual_data::{self, AnnualData};
use crate::cli::{EXIT_OK, EXIT_SITE_ERROR, EXIT_USAGE, SiteArgs};
use crate::diagnostics;
use crate::pipeline::{self, BuildError, BuildOptions};
use jiff::civil::Date;
use std::path::PathBuf;

/// Output format of `portal annual-report`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnualFormat {
    /// Markdown 表格，可直接粘贴到年度报告中
    Markdown,
    /// JSON（schema portal.annual-report/1，见 docs/annual-report.md）
    Json,
}

/// `portal annual-report`.
#[derive(clap::Args, Debug)]
pub struct AnnualReportArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 统计年度（1月1日至12月31日），默认为上一年
    #[arg(long, value_parser = clap::value_parser!(i16).range(2008..=2100))]
    year: Option<i16>,
    /// 数据文件（YAML，依申请公开、行政许可、复议诉讼等数字），默认为 <网站根目录>/data/annual-<年度>.yaml，不存在时按 0 填写
    #[arg(long)]
    data: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "markdown")]
    format: AnnualFormat,
    /// 写入文件而不是标准输出
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

/// The default data file of a year, relative to the site root.
pub fn default_data_file(year: i16) -> String {
    format!("data/annual-{year}.yaml")
}

impl AnnualReportArgs {
    /// Counts, reads and checks the data, and prints or writes the report.
    pub fn run(&self) -> u8 {
        let today = pipeline::today_in_china();
        let year = self.year.unwrap_or(today.year() - 1);
        if year > today.year() {
            eprintln!("错误：{year} 年还没有开始，无法统计。请用 --year 指定已经开始的年度。");
            return EXIT_USAGE;
        }
        let end = Date::new(year, 12, 31).unwrap_or(today);
        let site =
            match pipeline::load_site(&BuildOptions::new(self.site.root.clone()), today, false) {
                Ok(((site, _, _), _)) => site,
                Err(e) => return site_failure(e),
            };
        let (path, shown) = match &self.data {
            Some(p) => (p.clone(), diagnostics::display_path(p)),
            None => {
                let rel = default_data_file(year);
                (self.site.root.join(&rel), rel)
            }
        };
        let data_file = (self.data.is_some() || path.is_file()).then_some(shown.clone());
        let data = match &data_file {
            None => AnnualData::default(),
            Some(_) => match annual_data::load(&path, &shown, year) {
                Ok(d) => d,
                Err(diags) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    eprintln!(
                        "数据文件 {shown} 有 {} 个错误，没有生成年度报告统计。",
                        diags.len()
                    );
                    return EXIT_SITE_ERROR;
                }
            },
        };
        let mut warnings = Vec::new();
        let r = report(&site, year, end.min(today), &data, data_file, &mut warnings);
        eprint!("{}", diagnostics::render_all(&warnings));
        if end > today {
            eprintln!("注意：{year} 年还没有结束，发布信息统计截至今天（{today}）。");
        }
        if r.data_file.is_none() {
            eprintln!(
                "注意：没有找到数据文件 {shown}，依申请公开、行政许可、行政处罚、行政强制、收费、行政复议和行政诉讼的数字均按 0 填写。"
            );
        }
        let text = match self.format {
            AnnualFormat::Markdown => super::annual_tables::markdown(&r),
            AnnualFormat::Json => serde_json::to_string_pretty(&r)
                .map(|j| j + "\n")
                .unwrap_or_default(),
        };
        match &self.output {
            Some(path) => {
                if let Err(e) = crate::fs_util::write(path, text.as_bytes()) {
                    eprintln!("错误：{e}");
                    return EXIT_SITE_ERROR;
                }
                eprintln!("年度报告统计已写入 {}", path.display());
            }
            None => print!("{text}"),
        }
        EXIT_OK
    }
}

fn site_failure(e: BuildError) -> u8 {
    match e {
        BuildError::Site(diags) => {
            eprint!("{}", diagnostics::render_all(&diags));
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("网站文件有 {errors} 个错误，无法统计。");
        }
        BuildError::Io(e) => eprintln!("错误：{e}"),
    }
    EXIT_SITE_ERROR
}
