//! Reports computed from a site plus figures a clerk supplies: the statistics of the
//! 政府信息公开工作年度报告 (`portal annual-report`, docs/annual-report.md).

pub mod annual;
pub mod annual_checks;
pub mod annual_cmd;
pub mod annual_data;
pub mod annual_layout;
pub mod annual_tables;

pub use annual_cmd::AnnualReportArgs;
