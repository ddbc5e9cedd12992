//! `site.yaml`, the site's only configuration: read it, check it, and resolve it into a
//! [`SiteConfig`] (site identity, footer identifiers, paging, theme and the categories in
//! display order). Every problem becomes a located [`Diagnostic`].

pub mod index_no;
pub mod rules;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Spanned, line_of};
use rules::{UpdateClass, UpdateRule};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<Spanned<String>>,
    organisation: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    description: Option<String>,
    theme: Option<Spanned<String>>,
    per_page: Option<Spanned<u32>>,
    home_per_category: Option<Spanned<u32>>,
    footer: Option<Footer>,
    links: Option<Vec<Link>>,
    categories: Option<Vec<RawCategory>>,
    index_no: Option<RawIndexNo>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndexNo {
    org_code: Spanned<String>,
    pattern: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    folder: Spanned<String>,
    name: Option<Spanned<String>>,
    group: Option<String>,
    class: Option<Spanned<String>>,
    update: Option<Spanned<String>>,
}

/// Footer identifiers every government site shows (网站标识码, 备案号, 主办单位 …).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Footer {
    /// 网站标识码 (10 characters, from the 政府网站标识码 system).
    pub site_code: String,
    /// ICP备案号, e.g. 赣ICP备12345678号-1.
    pub icp: String,
    /// 公安机关备案号, e.g. 赣公网安备36090202000123号.
    pub police: String,
    /// 主办单位.
    pub sponsor: String,
    /// 联系地址.
    pub address: String,
    /// 联系电话.
    pub phone: String,
}

/// A link shown in the 相关链接 list (中国政府网 …).
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Link text.
    pub name: String,
    /// Target URL.
    pub url: String,
}

/// One category (栏目), resolved.
#[derive(Clone, Debug)]
pub struct Category {
    /// First-level folder under `content/`, also the URL segment.
    pub folder: String,
    /// Chinese name shown on the site.
    pub name: String,
    /// Navigation group (法定主动公开内容, 政务动态 …); empty when none.
    pub group: String,
    /// Inspection class.
    pub class: UpdateClass,
    /// Update rule (the class default unless the site overrides it).
    pub update: UpdateRule,
    /// Line in site.yaml, for messages.
    pub line: usize,
}

/// The resolved site configuration.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// 网站名称.
    pub title: String,
    /// The organisation that runs the site.
    pub organisation: String,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// Path part of the base URL (`/` or `/cihua/`), prefixed to every link.
    pub base_path: String,
    /// Page language, `zh-CN` unless set.
    pub language: String,
    /// One-line site description.
    pub description: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Items per list page.
    pub per_page: usize,
    /// Newest items per category on the home page.
    pub home_per_category: usize,
    /// Footer identifiers.
    pub footer: Footer,
    /// 相关链接.
    pub links: Vec<Link>,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// The 索引号 pattern, when the site declares one.
    pub index_no: Option<index_no::IndexNoPattern>,
}

impl SiteConfig {
    /// Reads and checks `site.yaml` in `root`; `base_url` overrides the file's value.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Self, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![
                Diagnostic::error(format!("无法读取配置文件（{e}）。"))
                    .at(CONFIG_FILE)
                    .hint("请在网站根目录运行 portal，或用 --root 指定包含 site.yaml 的目录。"),
            ]
        })?;
        let text = crate::content::source::decode(&bytes).map_err(|d| vec![d.at(CONFIG_FILE)])?;
        Self::parse(&text, base_url)
    }

    /// Parses and checks the text of a `site.yaml`.
    pub fn parse(text: &str, base_url: Option<&str>) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawConfig = yaml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(e.message).hint(e.hint).at(CONFIG_FILE);
            if let Some(line) = e.line {
                d = d.line(line);
            }
            if let Some(field) = e.field {
                d = d.field(field);
            }
            vec![d]
        })?;
        resolve(raw, base_url)
    }

    /// The category for a folder name.
    pub fn category_index(&self, folder: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.folder == folder)
    }
}

fn err(line: usize, field: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(message)
        .at(CONFIG_FILE)
        .line(line)
        .field(field)
        .hint(hint)
}

fn required(
    v: Option<Spanned<String>>,
    key: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    match v {
        Some(s) if !s.value.trim().is_empty() => s.value.trim().to_string(),
        Some(s) => {
            diags.push(err(
                line_of(&s),
                key,
                format!("{what}不能为空。"),
                "请填写内容。",
            ));
            String::new()
        }
        None => {
            diags.push(err(
                1,
                key,
                format!("缺少 {key}（{what}）。"),
                &format!("请在 site.yaml 中添加一行 {key}: …。"),
            ));
            String::new()
        }
    }
}

fn resolve(raw: RawConfig, override_url: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let title = required(raw.title, "title", "网站名称", &mut diags);
    let organisation = required(raw.organisation, "organisation", "机构名称", &mut diags);
    let url_line = raw.base_url.as_ref().map(line_of).unwrap_or(1);
    let base_url = match override_url {
        Some(u) => u.trim().to_string(),
        None => required(raw.base_url, "base_url", "网站地址", &mut diags),
    };
    let base_path = if base_url.is_empty() {
        "/".to_string()
    } else {
        match base_path_of(&base_url) {
            Some(p) => p,
            None => {
                diags.push(err(
                    url_line,
                    "base_url",
                    format!("网站地址“{base_url}”不是以 http:// 或 https:// 开头的完整地址。"),
                    "例如 base_url: https://www.example.gov.cn/。",
                ));
                "/".to_string()
            }
        }
    };
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let positive =
        |v: Option<Spanned<u32>>, key: &str, default: usize, diags: &mut Vec<Diagnostic>| match v {
            Some(n) if n.value == 0 => {
                diags.push(err(
                    line_of(&n),
                    key,
                    format!("{key} 不能为 0。"),
                    "请填写一个大于 0 的整数。",
                ));
                default
            }
            Some(n) => n.value as usize,
            None => default,
        };
    let per_page = positive(raw.per_page, "per_page", 20, &mut diags);
    let home_per_category = positive(raw.home_per_category, "home_per_category", 6, &mut diags);
    let categories = resolve_categories(raw.categories.unwrap_or_default(), &mut diags);
    let index_no = raw.index_no.and_then(|r| {
        let (pattern, line) = match &r.pattern {
            Some(p) => (p.value.as_str(), line_of(p)),
            None => (index_no::DEFAULT_PATTERN, line_of(&r.org_code)),
        };
        index_no::IndexNoPattern::new(r.org_code.value.trim(), pattern)
            .map_err(|m| {
                diags.push(err(
                    line,
                    "index_no",
                    m,
                    "例如 pattern: \"{org_code}/{year}-{serial:05}\"（机构代码/年份-5 位流水号）。",
                ))
            })
            .ok()
    });
    if categories.is_empty() && diags.is_empty() {
        diags.push(err(
            1,
            "categories",
            "没有定义任何栏目。".into(),
            "请在 categories 下列出栏目，每个栏目写 folder 和 name。",
        ));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(SiteConfig {
        title,
        organisation,
        base_url,
        base_path,
        language: raw
            .language
            .map(|l| l.value)
            .unwrap_or_else(|| "zh-CN".into()),
        description: raw.description.unwrap_or_default(),
        theme: raw
            .theme
            .map(|t| t.value)
            .unwrap_or_else(|| "default".into()),
        per_page,
        home_per_category,
        footer: raw.footer.unwrap_or_default(),
        links: raw.links.unwrap_or_default(),
        categories,
        index_no,
    })
}

/// The path of an absolute http(s) URL, with leading and trailing `/`; None if not http(s).
pub fn base_path_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    if host_end == 0 {
        return None;
    }
    let path = rest[host_end..].trim_matches('/');
    Some(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

/// True if `folder` can be a single URL segment and folder name.
fn valid_folder(folder: &str) -> bool {
    !folder.is_empty()
        && folder != "."
        && folder != ".."
        && !folder.starts_with('.')
        && !folder.contains(['/', '\\', '?', '#', '%', ':'])
        && !folder.chars().any(char::is_whitespace)
}

fn resolve_categories(raw: Vec<RawCategory>, diags: &mut Vec<Diagnostic>) -> Vec<Category> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for c in raw {
        let line = line_of(&c.folder);
        let folder = c.folder.value.trim().to_string();
        if !valid_folder(&folder) {
            diags.push(err(
                line,
                "folder",
                format!("栏目目录名“{folder}”不可用。"),
                "目录名只能是一段名称（建议用拼音首字母，如 zwdt），不能含 /、空格或以 . 开头。",
            ));
            continue;
        }
        if let Some(first) = seen.get(&folder) {
            diags.push(err(
                line,
                "folder",
                format!("栏目目录 {folder} 重复定义（第 {first} 行已定义过）。"),
                "每个栏目的 folder 必须不同，请删除或改名其中一个。",
            ));
            continue;
        }
        seen.insert(folder.clone(), line);
        let name = c
            .name
            .map(|n| n.value.trim().to_string())
            .unwrap_or_default();
        if name.is_empty() {
            diags.push(err(
                line,
                "name",
                format!("栏目 {folder} 缺少中文名称 name。"),
                "例如 name: 政务动态。",
            ));
        }
        let class = match &c.class {
            None => UpdateClass::Periodic,
            Some(s) => UpdateClass::parse(&s.value).unwrap_or_else(|| {
                let names: Vec<&str> = UpdateClass::ALL.iter().map(|(_, n)| *n).collect();
                diags.push(err(
                    line_of(s),
                    "class",
                    format!("栏目类别“{}”无法识别。", s.value),
                    &format!("可选：{}。", names.join("、")),
                ));
                UpdateClass::Periodic
            }),
        };
        let update = match &c.update {
            Some(s) => UpdateRule::parse(&s.value).unwrap_or_else(|m| {
                diags.push(err(line_of(s), "update", m, UpdateRule::SYNTAX));
                UpdateRule::OnChange
            }),
            None => class.default_rule().unwrap_or_else(|| {
                diags.push(err(
                    line,
                    "update",
                    format!("栏目 {folder} 是“应更新”栏目，但没有写更新周期 update。"),
                    UpdateRule::SYNTAX,
                ));
                UpdateRule::OnChange
            }),
        };
        out.push(Category {
            folder,
            name,
            group: c.group.unwrap_or_default(),
            class,
            update,
            line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: 测试站\norganisation: 测试镇人民政府\nbase_url: https://example.gov.cn/town\ncategories:\n  - folder: zwdt\n    name: 政务动态\n    class: 动态要闻\n    update: weekly\n";

    fn messages(text: &str) -> Vec<String> {
        SiteConfig::parse(text, None)
            .err()
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn minimal_config_resolves() {
        let c = SiteConfig::parse(MINIMAL, None).unwrap();
        assert_eq!(c.base_url, "https://example.gov.cn/town/");
        assert_eq!(c.base_path, "/town/");
        assert_eq!(c.per_page, 20);
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.categories[0].update, UpdateRule::Weekly);
    }

    #[test]
    fn missing_title_and_base_url_are_named() {
        let m =
            messages("organisation: x\ncategories:\n  - folder: a\n    name: 甲\n    update: 1y\n");
        assert!(
            m.iter().any(|s| s.contains("字段 title：缺少 title")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|s| s.contains("字段 base_url：缺少 base_url")),
            "{m:?}"
        );
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let m = messages(&MINIMAL.replace("organisation", "organization"));
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("第 2 行"), "{}", m[0]);
        assert!(m[0].contains("不认识的键 organization"), "{}", m[0]);
        assert!(m[0].contains("您是不是想写 organisation"), "{}", m[0]);
    }

    #[test]
    fn duplicate_folder_and_bad_rule_are_located() {
        let text = format!("{MINIMAL}  - folder: zwdt\n    name: 重复\n    update: 3x\n");
        let m = messages(&text);
        assert!(
            m.iter().any(|s| s.contains("第 9 行")
                && s.contains("栏目目录 zwdt 重复定义（第 5 行已定义过）")),
            "{m:?}"
        );
        let bad = MINIMAL.replace("update: weekly", "update: fortnightly");
        let m = messages(&bad);
        assert!(
            m[0].contains("第 8 行")
                && m[0].contains("字段 update")
                && m[0].contains("fortnightly"),
            "{m:?}"
        );
    }

    #[test]
    fn base_path_handles_hosts_and_paths() {
        assert_eq!(base_path_of("https://a.gov.cn").as_deref(), Some("/"));
        assert_eq!(
            base_path_of("http://a.gov.cn/x/y/").as_deref(),
            Some("/x/y/")
        );
        assert_eq!(base_path_of("a.gov.cn"), None);
    }
}
