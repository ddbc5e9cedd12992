//! The one module that names the YAML crate (serde-saphyr): parsing with line numbers,
//! duplicate-key rejection, and translation of parser errors into Chinese for clerks.
//! Swapping the YAML crate means changing only this file.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;

pub use serde_saphyr::Spanned;

/// A YAML value as front matter sees it (scalars, lists, maps).
pub type Value = serde_json::Value;

/// A YAML problem, already in Chinese, with the line (1-based, within the YAML text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line inside the parsed YAML text.
    pub line: Option<usize>,
    /// The key concerned, where the parser named one.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// The 1-based line where a spanned value is written.
pub fn line_of<T>(s: &Spanned<T>) -> usize {
    usize::try_from(s.referenced.line()).unwrap_or(0)
}

/// The top-level mapping of a YAML document, in source order, each key and value with its line.
pub struct Pairs(pub Vec<(Spanned<String>, Spanned<Value>)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Value>>()?;
                    pairs.push((key, value));
                }
                Ok(Pairs(pairs))
            }
            fn visit_unit<E>(self) -> Result<Pairs, E> {
                Ok(Pairs(Vec::new()))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Parses a YAML mapping into ordered, located key/value pairs. Empty input is an empty map.
pub fn parse_pairs(src: &str) -> Result<Pairs, YamlError> {
    if src.trim().is_empty() {
        return Ok(Pairs(Vec::new()));
    }
    serde_saphyr::from_str(src).map_err(|e| translate(&e))
}

/// Deserializes a typed document (used for site.yaml).
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str(src).map_err(|e| translate(&e))
}

fn translate(e: &serde_saphyr::Error) -> YamlError {
    let line = e
        .location()
        .and_then(|l| usize::try_from(l.line()).ok())
        .filter(|l| *l > 0);
    let text = e.to_string();
    let first = text.lines().next().unwrap_or_default();
    let detail = strip_position(first.trim_start_matches("error: "));
    translate_detail(detail, line)
}

/// Removes the parser's own "line N column M: " prefix.
fn strip_position(s: &str) -> &str {
    if s.starts_with("line ")
        && let Some(i) = s.find(": ")
    {
        return &s[i + 2..];
    }
    s
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

fn translate_detail(detail: &str, line: Option<usize>) -> YamlError {
    let generic_hint = "检查这一行：键和值之间用英文冒号加一个空格（如 title: 标题），引号和括号要成对，同一层的键要对齐缩进。";
    if let Some(rest) = detail.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim().to_string();
        return YamlError {
            line,
            message: format!("键 {key} 重复出现。"),
            hint: format!("每个键只能写一次，请删除或合并多余的 {key} 行。"),
            field: Some(key),
        };
    }
    if let Some(key) = between(detail, "unknown field `", "`") {
        let known: Vec<&str> = detail
            .split("expected one of ")
            .nth(1)
            .map(|s| s.split(", ").map(|k| k.trim_matches('`')).collect())
            .unwrap_or_default();
        let hint = match crate::suggest::nearest(key, &known) {
            Some(best) => format!("您是不是想写 {best}？可用的键：{}。", known.join("、")),
            None => format!("可用的键：{}。", known.join("、")),
        };
        return YamlError {
            line,
            message: format!("不认识的键 {key}。"),
            hint,
            field: Some(key.to_string()),
        };
    }
    if let Some(key) = between(detail, "missing field `", "`") {
        return YamlError {
            line,
            message: format!("缺少必填的键 {key}。"),
            hint: format!("请添加一行 {key}: …。"),
            field: Some(key.to_string()),
        };
    }
    if detail.contains("recursion limit")
        || detail.contains("budget breached")
        || detail.contains("Depth")
    {
        return YamlError {
            line,
            field: None,
            message: "元数据嵌套层数太多。".into(),
            hint: "元数据只需要“键: 值”和简单的列表，请删除多余的括号或缩进。".into(),
        };
    }
    let message = if detail.contains("invalid u64") || detail.contains("invalid u32") {
        "这里应填写一个正整数。".to_string()
    } else if detail.contains("expected mapping") {
        "这里应是“键: 值”的形式。".to_string()
    } else if detail.contains("expected a sequence") || detail.contains("expected sequence") {
        "这里应是一个列表（每行以“- ”开头，或写成 [甲, 乙]）。".to_string()
    } else {
        format!("YAML 格式错误（{detail}）。")
    };
    YamlError {
        line,
        field: None,
        message,
        hint: generic_hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_order_and_lines() {
        let p = parse_pairs("title: 你好\ndate: 2023-01-02\ntags: [a, b]\n").unwrap();
        let keys: Vec<_> =
            p.0.iter()
                .map(|(k, v)| (k.value.as_str(), line_of(v)))
                .collect();
        assert_eq!(keys, [("title", 1), ("date", 2), ("tags", 3)]);
    }

    #[test]
    fn duplicate_key_is_located() {
        let e = parse_pairs("a: 1\nb: 2\na: 3\n").err().unwrap();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.message, "键 a 重复出现。");
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse_pairs("a: 1\nb: [x\n").err().unwrap();
        assert_eq!(e.line, Some(2));
        assert!(e.message.starts_with("YAML 格式错误"), "{}", e.message);
    }
}
