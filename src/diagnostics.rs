//! Located, clerk-readable problems: every user error names the file, the line, the field,
//! what is wrong and how to fix it, in Chinese. Loading collects them all instead of stopping
//! at the first, and the CLI prints them sorted by file.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail the build, warnings are printed only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on; exit status 1.
    Error,
    /// Worth fixing, but the site is still built.
    Warning,
}

/// One problem found in the site's files, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File the problem is in, relative to the site root where possible.
    pub path: Option<PathBuf>,
    /// 1-based line in the file (not in the front-matter block).
    pub line: Option<usize>,
    /// The front-matter or config key concerned, if any.
    pub field: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: None,
            line: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Sets the file.
    pub fn at(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Sets the 1-based line.
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the field (front-matter or config key).
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the fix-it hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors (which fail the build).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&Path>, usize, Severity, &str) {
        (
            self.path.as_deref(),
            self.line.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        write!(f, "{label}：")?;
        let mut place = Vec::new();
        if let Some(path) = &self.path {
            place.push(display_path(path));
        }
        if let Some(line) = self.line {
            place.push(format!("第 {line} 行"));
        }
        if !place.is_empty() {
            write!(f, "{}：", place.join(" "))?;
        }
        if let Some(field) = &self.field {
            write!(f, "字段 {field}：")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  修改方法：{hint}")?;
        }
        Ok(())
    }
}

/// Shows a path with forward slashes, as clerks see it in the site folder.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Sorts diagnostics by file, then line, so a clerk can work through them in order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Renders a list of diagnostics, one block per problem, sorted.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut sorted = diags.to_vec();
    sort(&mut sorted);
    let mut out = String::new();
    for d in &sorted {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_field_and_hint() {
        let d = Diagnostic::error("日期不存在。")
            .at("content/zwdt/a.md")
            .line(3)
            .field("date")
            .hint("请填写真实日期。");
        assert_eq!(
            d.to_string(),
            "错误：content/zwdt/a.md 第 3 行：字段 date：日期不存在。\n  修改方法：请填写真实日期。"
        );
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut v = vec![
            Diagnostic::error("b").at("b.md").line(1),
            Diagnostic::error("a2").at("a.md").line(9),
            Diagnostic::error("a1").at("a.md").line(2),
        ];
        sort(&mut v);
        let order: Vec<_> = v.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["a1", "a2", "b"]);
    }
}
