//! Test support: a throw-away site in a temp dir with the repository's default theme.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use portal::{BuildError, BuildOptions, BuildOutcome};
use std::path::{Path, PathBuf};

/// A small valid site.yaml with three categories.
pub const CONFIG: &str = "title: 测试镇人民政府信息公开
organisation: 测试镇人民政府
base_url: https://www.example.gov.cn/town/
per_page: 2
footer:
  site_code: \"3609020012\"
  police: 赣公网安备36090202000123号
categories:
  - folder: zwdt
    name: 政务动态
    group: 政务动态
    class: 动态要闻
    update: weekly
  - folder: gggs
    name: 公告公示
    group: 法定主动公开内容
    class: 通知公告
  - folder: zcwj
    name: 政策文件
    group: 法定主动公开内容
    class: 政策文件
";

/// The date builds pretend is today.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2024, 1, 1)
}

/// A site in a temp dir.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

/// Front matter + body of a simple item.
pub fn item(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n---\n\n{title}的正文。\n")
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

impl TestSite {
    /// A site with [`CONFIG`] and the default theme, no content yet.
    pub fn new() -> Self {
        Self::with_config(CONFIG)
    }

    /// A site with the given site.yaml.
    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("themes"), &dir.path().join("themes"));
        std::fs::write(dir.path().join("site.yaml"), config).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        Self { dir }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output directory.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file under the site root.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Build options pinned to [`today`].
    pub fn options(&self) -> BuildOptions {
        let mut o = BuildOptions::new(self.root());
        o.today = Some(today());
        o
    }

    /// Builds with pinned options.
    pub fn build(&self) -> Result<BuildOutcome, BuildError> {
        portal::build(&self.options())
    }

    /// Builds and expects success.
    pub fn build_ok(&self) -> BuildOutcome {
        match self.build() {
            Ok(o) => o,
            Err(BuildError::Site(d)) => {
                panic!("build failed:\n{}", portal::diagnostics::render_all(&d))
            }
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds, expects failure, and returns every diagnostic as the CLI prints it.
    pub fn errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("build unexpectedly succeeded"),
            Err(BuildError::Site(d)) => {
                let mut d = d;
                portal::diagnostics::sort(&mut d);
                d.iter().map(ToString::to_string).collect()
            }
            Err(e) => vec![e.to_string()],
        }
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// An output page as minify-html writes it when it minifies the whole page: the same
    /// markup whether the theme was minified once (which keeps quotes around attribute values
    /// that hold template output, and some spaces between blocks) or every page was.
    pub fn page(&self, rel: &str) -> String {
        normalised(&self.read(rel))
    }

    /// True if the output has this file.
    pub fn has(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// `html` as minify-html writes it when it minifies a whole page (see [`TestSite::page`]).
#[allow(dead_code)]
pub fn normalised(html: &str) -> String {
    String::from_utf8(portal::output::minify::html(html.as_bytes())).expect("UTF-8")
}

/// `portal report --format json` of the site at `root` as of `as_of` (YYYY-MM-DD).
pub fn report_json(root: &Path, as_of: &str) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("portal")
        .expect("portal binary")
        .args(["report", "--as-of", as_of, "--format", "json", "--root"])
        .arg(root)
        .output()
        .expect("portal runs");
    serde_json::from_slice(&out.stdout).expect("JSON report")
}
