//! The front matter of one disclosure item, typed and checked: the required `title` and
//! `date` (发布日期) and the catalogue metadata (索引号, 文号, 成文日期, 发布机构, 有效性,
//! 主题词, 内容概述). Each problem is reported with its file line, field and a fix.

use crate::diagnostics::Diagnostic;
use crate::yaml::{Pairs, Spanned, Value, line_of};
use jiff::civil::{Date, DateTime, Time};

/// 有效性 of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Validity {
    /// 有效.
    Valid,
    /// 废止 (repealed).
    Repealed,
    /// 失效 (expired).
    Expired,
}

impl Validity {
    /// The label shown on the site.
    pub fn label(self) -> &'static str {
        match self {
            Self::Valid => "有效",
            Self::Repealed => "废止",
            Self::Expired => "失效",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "有效" => Some(Self::Valid),
            "废止" | "已废止" => Some(Self::Repealed),
            "失效" | "已失效" => Some(Self::Expired),
            _ => None,
        }
    }
}

/// 文件类型: what kind of document an item is, for the annual report's 第二十条（一） rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum DocType {
    /// 规章.
    Rule,
    /// 行政规范性文件.
    Normative,
    /// 其他文件.
    Other,
}

impl DocType {
    /// The label shown on the site.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rule => "规章",
            Self::Normative => "行政规范性文件",
            Self::Other => "其他文件",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "规章" => Some(Self::Rule),
            "行政规范性文件" | "规范性文件" => Some(Self::Normative),
            "其他文件" | "其他" => Some(Self::Other),
            _ => None,
        }
    }
}

/// The checked front matter of an item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// 标题 / 名称.
    pub title: String,
    /// 发布日期.
    pub date: Option<Date>,
    /// Optional time of day of publication.
    pub time: Option<Time>,
    /// 发布机构.
    pub publisher: String,
    /// 索引号.
    pub index_no: String,
    /// 文号.
    pub doc_no: String,
    /// 成文日期.
    pub written: Option<Date>,
    /// 有效性.
    pub validity: Option<Validity>,
    /// 主题词.
    pub tags: Vec<String>,
    /// 内容概述.
    pub summary: String,
    /// Kept out of the build unless `--drafts`.
    pub draft: bool,
    /// 政策解读: the policy this item interprets, as a path under `content/`.
    pub interprets: String,
    /// The item that replaces this one (for 废止/失效 documents), a path under `content/`.
    pub replaced_by: String,
    /// 文件类型.
    pub doc_type: Option<DocType>,
    /// 废止或失效日期.
    pub repealed: Option<Date>,
    /// File line of each key, for messages about cross-item checks.
    pub lines: Vec<(String, usize)>,
}

impl FrontMatter {
    /// The file line where `key` is written (1 when absent).
    pub fn line_of(&self, key: &str) -> usize {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or(1, |(_, l)| *l)
    }
}

/// Every key an item's front matter may hold, with its Chinese label.
pub const KEYS: [(&str, &str); 14] = [
    ("title", "标题"),
    ("date", "发布日期"),
    ("publisher", "发布机构"),
    ("index_no", "索引号"),
    ("doc_no", "文号"),
    ("written", "成文日期"),
    ("validity", "有效性"),
    ("tags", "主题词"),
    ("summary", "内容概述"),
    ("draft", "草稿"),
    ("interprets", "解读的原文件"),
    ("replaced_by", "替代文件"),
    ("doc_type", "文件类型"),
    ("repealed", "废止日期"),
];

/// Chinese labels clerks may type as keys, mapped to the real key.
const CHINESE_ALIASES: [(&str, &str); 16] = [
    ("标题", "title"),
    ("名称", "title"),
    ("日期", "date"),
    ("发布日期", "date"),
    ("发布机构", "publisher"),
    ("索引号", "index_no"),
    ("文号", "doc_no"),
    ("发文字号", "doc_no"),
    ("成文日期", "written"),
    ("有效性", "validity"),
    ("主题词", "tags"),
    ("内容概述", "summary"),
    ("原文件", "interprets"),
    ("文件类型", "doc_type"),
    ("废止日期", "repealed"),
    ("失效日期", "repealed"),
];

/// Parses located key/value pairs; `first_line` is the file line of the YAML's first line.
pub fn parse(pairs: Pairs, first_line: usize) -> (FrontMatter, Vec<Diagnostic>) {
    let mut fm = FrontMatter::default();
    let mut diags = Vec::new();
    let mut seen_title = false;
    for (key, value) in pairs.0 {
        let line = first_line + line_of(&key) - 1;
        let k = key.value.as_str();
        fm.lines.push((k.to_string(), line));
        let mut fail = |msg: String, hint: &str| {
            diags.push(Diagnostic::error(msg).line(line).field(k).hint(hint));
        };
        match k {
            "title" => {
                seen_title = true;
                match scalar(&value) {
                    Some(t) if !t.trim().is_empty() => fm.title = t.trim().to_string(),
                    _ => fail(
                        "标题不能为空。".into(),
                        "请填写标题，例如 title: 关于开展森林防火检查的通知。",
                    ),
                }
            }
            "date" => match scalar(&value).map(|s| parse_date_time(&s)) {
                Some(Ok((d, t))) => {
                    fm.date = Some(d);
                    fm.time = t;
                }
                Some(Err(m)) => fail(
                    m,
                    "发布日期写成 YYYY-MM-DD，例如 date: 2023-03-15；也可加时间，如 2023-03-15 09:30。",
                ),
                None => fail("发布日期不能为空。".into(), "例如 date: 2023-03-15。"),
            },
            "written" => match scalar(&value).map(|s| parse_date(&s)) {
                Some(Ok(d)) => fm.written = Some(d),
                Some(Err(m)) => fail(m, "成文日期写成 YYYY-MM-DD，例如 written: 2023-03-10。"),
                None => {}
            },
            "publisher" => fm.publisher = scalar(&value).unwrap_or_default(),
            "index_no" => fm.index_no = scalar(&value).unwrap_or_default(),
            "doc_no" => fm.doc_no = scalar(&value).unwrap_or_default(),
            "summary" => fm.summary = scalar(&value).unwrap_or_default(),
            "validity" => match scalar(&value) {
                None => {}
                Some(v) => match Validity::parse(&v) {
                    Some(x) => fm.validity = Some(x),
                    None => fail(
                        format!("有效性“{v}”无法识别。"),
                        "只能填 有效、废止 或 失效。",
                    ),
                },
            },
            "tags" => match tags(&value.value) {
                Some(t) => fm.tags = t,
                None => fail(
                    "主题词应是一组文字。".into(),
                    "例如 tags: [安全生产, 森林防火]。",
                ),
            },
            "interprets" => fm.interprets = scalar(&value).unwrap_or_default(),
            "replaced_by" => fm.replaced_by = scalar(&value).unwrap_or_default(),
            "doc_type" => match scalar(&value) {
                None => {}
                Some(v) => match DocType::parse(&v) {
                    Some(t) => fm.doc_type = Some(t),
                    None => fail(
                        format!("文件类型“{v}”无法识别。"),
                        "只能填 规章、行政规范性文件 或 其他文件。",
                    ),
                },
            },
            "repealed" => match scalar(&value).map(|s| parse_date(&s)) {
                Some(Ok(d)) => fm.repealed = Some(d),
                Some(Err(m)) => fail(
                    m,
                    "废止或失效日期写成 YYYY-MM-DD，例如 repealed: 2023-06-30。",
                ),
                None => {}
            },
            "draft" => match value.value {
                Value::Bool(b) => fm.draft = b,
                Value::Null => {}
                _ => fail(
                    "draft 只能是 true 或 false。".into(),
                    "草稿写 draft: true；要发布时删除这一行或写 draft: false。",
                ),
            },
            other => {
                let (msg, hint) = unknown_key(other);
                fail(msg, &hint);
            }
        }
    }
    if !seen_title {
        diags.push(
            Diagnostic::error("缺少必填字段 title（标题）。")
                .line(1)
                .field("title")
                .hint("在两行 --- 之间添加 title: 标题。"),
        );
    }
    if fm.date.is_none() && !diags.iter().any(|d| d.field.as_deref() == Some("date")) {
        diags.push(
            Diagnostic::error("缺少必填字段 date（发布日期）。")
                .line(1)
                .field("date")
                .hint("在两行 --- 之间添加 date: 2023-03-15（发布当天的日期）。"),
        );
    }
    (fm, diags)
}

fn unknown_key(key: &str) -> (String, String) {
    let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    let alias = CHINESE_ALIASES
        .iter()
        .find(|(zh, _)| *zh == key)
        .map(|(_, en)| *en);
    let guess = alias.or_else(|| crate::suggest::nearest(key, &known));
    let list = KEYS
        .iter()
        .map(|(k, zh)| format!("{k}（{zh}）"))
        .collect::<Vec<_>>()
        .join("、");
    let hint = match guess {
        Some(g) => format!("您是不是想写 {g}？可用的字段：{list}。"),
        None => format!("可用的字段：{list}。"),
    };
    (format!("不认识的字段 {key}。"), hint)
}

/// A scalar as text (numbers and booleans too); None for null or an empty string.
fn scalar(v: &Spanned<Value>) -> Option<String> {
    let s = match &v.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn tags(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::String(s) => Some(
            s.split(['、', '，', ','])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
        ),
        Value::Array(a) => a
            .iter()
            .map(|t| match t {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Parses `YYYY-MM-DD`, saying whether the form or the day is wrong.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let ok_form = parts.len() == 3
        && parts[0].len() == 4
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !ok_form {
        return Err(format!("日期“{s}”格式不对。"));
    }
    let n = |p: &str| p.parse::<i16>().unwrap_or(0);
    let (y, m, d) = (n(parts[0]), n(parts[1]) as i8, n(parts[2]) as i8);
    Date::new(y, m, d).map_err(|_| {
        if (1..=12).contains(&m) {
            let days = Date::new(y, m, 1).map(|x| x.days_in_month()).unwrap_or(31);
            format!("日期“{s}”不存在：{y} 年 {m} 月只有 {days} 天。")
        } else {
            format!("日期“{s}”不存在：月份应在 1 到 12 之间。")
        }
    })
}

/// Parses a date with an optional time (`2023-03-15 09:30`, `2023-03-15T09:30:00`).
pub fn parse_date_time(s: &str) -> Result<(Date, Option<Time>), String> {
    let s = s.trim();
    let (d, t) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = parse_date(d)?;
    let time = match t {
        None | Some("") => None,
        Some(t) if t.contains(['+', 'Z', 'z']) || t.matches('-').count() > 0 => {
            return Err(format!(
                "时间“{t}”不要带时区：发布时间一律按北京时间填写，如 09:30。"
            ));
        }
        Some(t) => {
            let dt: DateTime = format!("{date}T{t}")
                .parse()
                .map_err(|_| format!("时间“{t}”格式不对，应为 HH:MM 或 HH:MM:SS。"))?;
            Some(dt.time())
        }
    };
    Ok((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(yaml: &str) -> (FrontMatter, Vec<String>) {
        let pairs = crate::yaml::parse_pairs(yaml).unwrap();
        let (fm, d) = parse(pairs, 2);
        (fm, d.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_every_field() {
        let (fm, d) = parse_str(
            "title: 通知\ndate: 2023-03-15 09:30\npublisher: 党政办\nindex_no: \"X/2023-00001\"\ndoc_no: 慈府发〔2023〕1号\nwritten: 2023-03-10\nvalidity: 有效\ntags: [安全生产, 防汛]\nsummary: 概述\ndraft: false\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.date, Some(jiff::civil::date(2023, 3, 15)));
        assert_eq!(fm.time, Some(jiff::civil::time(9, 30, 0, 0)));
        assert_eq!(fm.tags, ["安全生产", "防汛"]);
        assert_eq!(fm.validity, Some(Validity::Valid));
    }

    #[test]
    fn impossible_date_names_the_month_length() {
        let (_, d) = parse_str("title: a\ndate: 2023-02-30\n");
        assert_eq!(
            d,
            [
                "错误：第 3 行：字段 date：日期“2023-02-30”不存在：2023 年 2 月只有 28 天。\n  修改方法：发布日期写成 YYYY-MM-DD，例如 date: 2023-03-15；也可加时间，如 2023-03-15 09:30。"
            ]
        );
    }

    #[test]
    fn leap_day_is_accepted_only_in_leap_years() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").unwrap_err().contains("只有 28 天"));
        assert!(parse_date("2023/03/01").unwrap_err().contains("格式不对"));
        assert!(parse_date("2023-13-01").unwrap_err().contains("月份"));
    }

    #[test]
    fn unknown_key_suggests() {
        let (_, d) = parse_str("title: a\ndate: 2023-01-01\npublsher: x\n索引号: y\n");
        assert!(
            d[0].contains("不认识的字段 publsher") && d[0].contains("您是不是想写 publisher"),
            "{d:?}"
        );
        assert!(d[1].contains("您是不是想写 index_no"), "{d:?}");
    }

    #[test]
    fn missing_required_fields() {
        let (_, d) = parse_str("summary: x\n");
        assert!(d.iter().any(|m| m.contains("缺少必填字段 title")));
        assert!(d.iter().any(|m| m.contains("缺少必填字段 date")));
    }
}
