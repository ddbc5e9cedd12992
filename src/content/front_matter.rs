//! Splitting a Markdown file into its YAML front matter (between two `---` lines) and its
//! body, keeping the line numbers needed to point at the right line of the file.

use crate::diagnostics::Diagnostic;

/// A file split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// File line of the YAML text's first line (2 when the file starts with `---`).
    pub yaml_line: usize,
    /// The Markdown body after the closing fence.
    pub body: &'a str,
    /// File line of the body's first line.
    pub body_line: usize,
}

const EXAMPLE: &str = "文件开头应为：\n  ---\n  title: 标题\n  date: 2023-03-15\n  ---\n  正文……";

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits text (BOM removed, LF line endings) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(
            Diagnostic::error("缺少元数据（front matter）：文件第一行必须是 ---。")
                .line(1)
                .hint(EXAMPLE),
        );
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if is_fence(&text[offset..end]) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(
        Diagnostic::error("元数据（front matter）没有结束：找不到第二个 --- 行。")
            .line(1)
            .hint("在最后一个元数据字段（如 date: …）的下一行单独写一行 ---，再写正文。"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: a\ndate: b\n---\n\n正文\n").unwrap();
        assert_eq!(s.yaml, "title: a\ndate: b\n");
        assert_eq!(s.body, "\n正文\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_and_unterminated() {
        assert!(
            split("title: a\n")
                .unwrap_err()
                .message
                .contains("第一行必须是 ---")
        );
        assert!(
            split("---\ntitle: a\n")
                .unwrap_err()
                .message
                .contains("没有结束")
        );
        assert!(split("").is_err());
    }

    #[test]
    fn fence_may_have_trailing_spaces_and_body_may_be_empty() {
        let s = split("--- \ntitle: a\n---").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "");
    }
}
