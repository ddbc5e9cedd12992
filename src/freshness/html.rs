//! The freshness report as one self-contained HTML file: a table per column and an inline
//! SVG chart of the last 52 weeks (one mark per week), readable without JavaScript, with a
//! text alternative for every chart. All values are escaped.

use super::Status;
use super::report::{Report, SOURCE};

/// HTML-escapes text (Tera's escaper, into a String).
fn esc(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    if tera::escape_html(s, &mut out).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

const STYLE: &str = "body{font-family:\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;font-size:1rem;line-height:1.7;color:#1f1f1f;margin:0;background:#fff}
main{max-width:70rem;margin:0 auto;padding:1rem}h1{color:#a3171b;font-size:1.6rem;line-height:1.3}h2{font-size:1.25rem;margin-top:2rem}
.tbl{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.4rem .5rem;text-align:left;vertical-align:top}th{background:#f3f1ee}
.s-ok{color:#1d6b2f}.s-due{color:#7a4d00}.s-stale,.s-empty{color:#a3171b;font-weight:bold}.mark{font-weight:bold}
svg{display:block;max-width:100%;height:auto}.chart{margin:.3rem 0 1rem}.legend{font-size:.9rem;color:#595959}
.veto{border-left:.35rem solid #bbb;padding:.3rem .8rem;margin:.6rem 0}.veto.met{border-color:#a3171b;background:#fdeeee}.veto.near{border-color:#b06d00;background:#fff6e5}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}a{color:#0b4a8f}:focus{outline:3px solid #0b57d0;outline-offset:2px}
.chart svg{width:100%;max-width:52rem}.axis{display:flex;justify-content:space-between;max-width:52rem;font-size:.875rem;color:#595959}
@media (max-width:40rem){.cols thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.cols tr,.cols th,.cols td{display:block;width:auto}.cols tr{border:1px solid #bbb;margin:0 0 .8rem}.cols th,.cols td{border:0;border-bottom:1px solid #e3e3e3}.cols td::before{content:attr(data-label)\"：\";font-weight:bold;color:#333}}";

fn status_cell(s: Status) -> String {
    let (class, sign) = match s {
        Status::Ok => ("s-ok", "✓"),
        Status::Due => ("s-due", "!"),
        Status::Stale => ("s-stale", "✗"),
        Status::Empty => ("s-empty", "✗"),
    };
    format!(
        "<span class=\"{class}\"><span class=\"mark\" aria-hidden=\"true\">{sign}</span> {}</span>",
        s.label()
    )
}

fn chart(id: &str, name: &str, weeks: &[u32], first_week: &str) -> String {
    let with = weeks.iter().filter(|w| **w > 0).count();
    let total: u32 = weeks.iter().sum();
    let desc = format!(
        "{name}：近 52 周中有 {with} 周有更新，共 {total} 条；空白的周 {} 个。",
        weeks.len() - with
    );
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {} 30\" preserveAspectRatio=\"none\" height=\"40\"><title id=\"{id}-t\">{} 每周更新情况</title><desc id=\"{id}-d\">{}</desc>",
        weeks.len() * 12,
        esc(name),
        esc(&desc)
    );
    for (i, n) in weeks.iter().enumerate() {
        let (fill, h) = if *n > 0 {
            ("#0b4a8f", 10 + (*n).min(4) * 5)
        } else {
            ("#d6d6d6", 4)
        };
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"{h}\" fill=\"{fill}\"/>",
            i * 12,
            30 - h
        ));
    }
    svg.push_str("</svg>");
    format!(
        "<div class=\"chart\">{svg}<div class=\"axis\" aria-hidden=\"true\"><span>{} 当周</span><span>本周</span></div><p class=\"legend\">{}</p></div>",
        esc(first_week),
        esc(&desc)
    )
}

/// Renders the report as a standalone HTML document.
pub fn to_html(r: &Report) -> String {
    let mut rows = String::new();
    let mut charts = String::new();
    for (i, c) in r.columns.iter().enumerate() {
        let newest = c.newest.as_ref().map_or("—".to_string(), |n| {
            format!("{}<br>{}", esc(&n.date), esc(&n.title))
        });
        let days = c.days_since.map_or("—".to_string(), |d| format!("{d} 天"));
        let weekly = c.weekly.as_ref().map_or(String::new(), |w| {
            format!(
                "<br>近 52 周 {} 周有更新（{:.0}%），最长间隔 {} 天",
                w.weeks_with_items,
                w.share * 100.0,
                w.longest_gap_days
            )
        });
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td data-label=\"类别\">{}</td><td data-label=\"条数\">{}</td><td data-label=\"最新信息\">{newest}</td><td data-label=\"距今\">{days}</td><td data-label=\"更新要求\">{}</td><td data-label=\"状态\">{}<br>{}{weekly}</td></tr>",
            esc(&c.name),
            esc(c.class),
            c.items,
            esc(&c.limit),
            status_cell(c.status),
            esc(&c.reason)
        ));
        charts.push_str(&format!(
            "<h3>{}</h3>{}",
            esc(&c.name),
            chart(&format!("c{i}"), &c.name, &c.week_counts, &r.first_week)
        ));
    }
    let mut vetoes = String::new();
    for v in &r.vetoes {
        let label = match v.status {
            "met" => "已触发",
            "near" => "接近预警线",
            _ => "未触发",
        };
        let cols = if v.columns.is_empty() {
            String::new()
        } else {
            format!("<br>涉及栏目：{}", esc(&v.columns.join("、")))
        };
        vetoes.push_str(&format!(
            "<div class=\"veto {}\"><strong>{label}</strong>：{}（现为 {}，预警线 {}，否决线 {}）{cols}</div>",
            v.status,
            esc(v.rule),
            v.value,
            v.warn_at,
            v.threshold
        ));
    }
    let warnings: String = r
        .warnings
        .iter()
        .map(|w| format!("<li>{}</li>", esc(w)))
        .collect();
    let warnings = if warnings.is_empty() {
        String::new()
    } else {
        format!("<h2>提示</h2><ul>{warnings}</ul>")
    };
    let home = r.home.newest.as_ref().map_or("无信息".to_string(), |n| {
        format!("{}（{}）", esc(&n.date), esc(&n.title))
    });
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>栏目更新情况报告 - {site}</title><style>{STYLE}</style></head><body><main><h1>{site}<br>栏目更新情况报告</h1><p>统计日期：{as_of}（北京时间）。依据：{source}。</p><h2>总体情况</h2><p>共 {n} 个栏目：正常 {ok}，即将超期 {due}，已超期 {stale}，空白 {empty}。首页最新信息：{home}，状态：{home_status}。</p><h2>单项否决风险</h2>{vetoes}<h2>各栏目情况</h2><div class=\"tbl\" role=\"region\" aria-label=\"各栏目情况表\" tabindex=\"0\"><table class=\"cols\"><caption class=\"sr\">各栏目更新情况</caption><thead><tr><th scope=\"col\">栏目</th><th scope=\"col\">类别</th><th scope=\"col\">条数</th><th scope=\"col\">最新信息</th><th scope=\"col\">距今</th><th scope=\"col\">更新要求</th><th scope=\"col\">状态</th></tr></thead><tbody>{rows}</tbody></table></div><h2>近一年每周更新情况</h2><p>每个竖条代表一周（从左到右由远及近），蓝色高条表示该周有更新（越高条数越多），灰色矮条表示该周没有更新。</p>{charts}{warnings}</main></body></html>\n",
        site = esc(&r.site),
        as_of = esc(&r.as_of),
        source = esc(SOURCE),
        n = r.totals.columns,
        ok = r.totals.ok,
        due = r.totals.due,
        stale = r.totals.stale,
        empty = r.totals.empty,
        home_status = status_cell(r.home.status),
    )
}
