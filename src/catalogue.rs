//! The disclosure catalogue (政府信息公开目录) as CSV, for upload into a county's
//! 集约化 platform or for opening in Excel: 索引号, 名称, 发布机构, 成文日期, 发布日期, 文号,
//! 有效性, 栏目, URL — one row per published item, newest first. UTF-8 with a BOM so that
//! Excel on Chinese Windows opens it correctly.

use crate::site::Site;

/// Column headers.
pub const HEADERS: [&str; 9] = [
    "索引号",
    "名称",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "有效性",
    "栏目",
    "URL",
];

/// The catalogue as CSV bytes.
pub fn to_csv(site: &Site) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let _ = w.write_record(HEADERS);
        for item in &site.items {
            let m = &item.meta;
            let publisher = if m.publisher.is_empty() {
                &site.config.organisation
            } else {
                &m.publisher
            };
            let row = [
                m.index_no.clone(),
                m.title.clone(),
                publisher.clone(),
                m.written.map(|d| d.to_string()).unwrap_or_default(),
                item.date.to_string(),
                m.doc_no.clone(),
                m.validity
                    .map(|v| v.label().to_string())
                    .unwrap_or_default(),
                site.config.categories[item.category].name.clone(),
                site.absolute(&item.url_path),
            ];
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    out
}
