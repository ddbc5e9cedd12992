//! The site's 索引号 (catalogue index number) pattern, e.g. `{org_code}/{year}-{serial:05}`
//! (organisation code + year + serial, the most common national form; `../shared/domain.md`
//! §4.2). Used to check every item's 索引号 and to assign the next free one.

/// One piece of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Text(String),
    Year,
    Month,
    /// Serial with a fixed width (0 = any number of digits).
    Serial(usize),
}

/// A compiled 索引号 pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexNoPattern {
    /// The organisation code (组织机构代码 or 统一社会信用代码).
    pub org_code: String,
    /// The pattern as written.
    pub pattern: String,
    tokens: Vec<Token>,
}

/// The parts read back from a 索引号.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexNoParts {
    /// Year.
    pub year: i16,
    /// Month, when the pattern has one.
    pub month: Option<i8>,
    /// Serial number.
    pub serial: u32,
}

/// The default pattern.
pub const DEFAULT_PATTERN: &str = "{org_code}/{year}-{serial:05}";

impl IndexNoPattern {
    /// Compiles `pattern` (placeholders `{org_code}`, `{year}`, `{month}`, `{serial}`, `{serial:0N}`).
    pub fn new(org_code: &str, pattern: &str) -> Result<Self, String> {
        let mut tokens = Vec::new();
        let mut rest = pattern;
        let mut has_serial = false;
        let mut has_year = false;
        while !rest.is_empty() {
            let Some(open) = rest.find('{') else {
                tokens.push(Token::Text(rest.to_string()));
                break;
            };
            if open > 0 {
                tokens.push(Token::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("索引号格式“{pattern}”中的 {{ 没有配对的 }}。"))?
                + open;
            let name = &rest[open + 1..close];
            tokens.push(match name {
                "org_code" => Token::Text(org_code.to_string()),
                "year" => {
                    has_year = true;
                    Token::Year
                }
                "month" => Token::Month,
                "serial" => {
                    has_serial = true;
                    Token::Serial(0)
                }
                s if s.starts_with("serial:0") => {
                    has_serial = true;
                    Token::Serial(
                        s["serial:0".len()..]
                            .parse()
                            .map_err(|_| format!("索引号格式中的 {{{s}}} 无法识别。"))?,
                    )
                }
                other => return Err(format!("索引号格式中的 {{{other}}} 无法识别。")),
            });
            rest = &rest[close + 1..];
        }
        if !has_serial || !has_year {
            return Err(format!(
                "索引号格式“{pattern}”必须包含 {{year}} 和 {{serial}}。"
            ));
        }
        Ok(Self {
            org_code: org_code.to_string(),
            pattern: pattern.to_string(),
            tokens,
        })
    }

    /// Reads a 索引号 back into its parts, or None if it does not fit the pattern.
    pub fn parse(&self, s: &str) -> Option<IndexNoParts> {
        let mut rest = s;
        let (mut year, mut month, mut serial) = (None, None, None);
        let take = |rest: &mut &str, n: usize| -> Option<String> {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let len = if n == 0 { digits.len() } else { n };
            if len == 0 || digits.len() < len {
                return None;
            }
            let out = digits[..len].to_string();
            *rest = &rest[len..];
            Some(out)
        };
        for (i, t) in self.tokens.iter().enumerate() {
            match t {
                Token::Text(text) => rest = rest.strip_prefix(text.as_str())?,
                Token::Year => year = take(&mut rest, 4)?.parse().ok(),
                Token::Month => {
                    month = Some(
                        take(&mut rest, 2)?
                            .parse()
                            .ok()
                            .filter(|m: &i8| (1..=12).contains(m))?,
                    )
                }
                Token::Serial(w) => {
                    let width = if *w == 0 && i + 1 < self.tokens.len() {
                        0
                    } else {
                        *w
                    };
                    serial = take(&mut rest, width)?.parse().ok();
                }
            }
        }
        if !rest.is_empty() {
            return None;
        }
        Some(IndexNoParts {
            year: year?,
            month,
            serial: serial?,
        })
    }

    /// Writes a 索引号 from its parts.
    pub fn format(&self, parts: IndexNoParts) -> String {
        self.tokens
            .iter()
            .map(|t| match t {
                Token::Text(s) => s.clone(),
                Token::Year => format!("{:04}", parts.year),
                Token::Month => format!("{:02}", parts.month.unwrap_or(1)),
                Token::Serial(w) => format!("{:0w$}", parts.serial, w = *w),
            })
            .collect()
    }

    /// True when serials restart each month rather than each year.
    pub fn has_month(&self) -> bool {
        self.tokens.contains(&Token::Month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pattern_round_trips() {
        let p = IndexNoPattern::new("11360902MB1746352X", DEFAULT_PATTERN).unwrap();
        let parts = p.parse("11360902MB1746352X/2023-00012").unwrap();
        assert_eq!(
            parts,
            IndexNoParts {
                year: 2023,
                month: None,
                serial: 12
            }
        );
        assert_eq!(p.format(parts), "11360902MB1746352X/2023-00012");
        for bad in [
            "11360902MB1746352X/2023-0012",
            "X/2023-00012",
            "11360902MB1746352X/23-00012",
            "11360902MB1746352X/2023-00012x",
        ] {
            assert_eq!(p.parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_patterns_and_bad_patterns() {
        let p = IndexNoPattern::new("0142768-8", "{org_code}/{year}{month}-{serial:05}").unwrap();
        assert_eq!(p.parse("0142768-8/202110-00013").unwrap().month, Some(10));
        assert!(p.parse("0142768-8/202113-00013").is_none());
        assert!(IndexNoPattern::new("x", "{org_code}/{serial}").is_err());
        assert!(IndexNoPattern::new("x", "{org_code}/{year}-{seq}").is_err());
    }
}
