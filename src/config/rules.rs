//! Update rules and classes of a category (栏目): how often it must be updated, parsed from
//! the clerk-readable syntax in site.yaml (`weekly`, `14d`, `2w`, `6mo`, `1y`, `on-change`).
//! The freshness report evaluates them; config loading only parses and validates them.

use std::fmt;

/// How often a category must get a new item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateRule {
    /// At least one item in every calendar week (一周一更新).
    Weekly,
    /// Stale after this many days without an item.
    Days(u32),
    /// Stale after this many calendar months without an item.
    Months(u32),
    /// Stale after this many years without an item.
    Years(u32),
    /// Updated only when something changes (机构概况, 公开指南): never stale, must not be empty.
    OnChange,
}

impl UpdateRule {
    /// Parses `weekly`, `Nd`, `Nw`, `Nmo`, `Ny` or `on-change`; the error says what is accepted.
    pub fn parse(s: &str) -> Result<Self, String> {
        let t = s.trim();
        match t {
            "weekly" => return Ok(Self::Weekly),
            "on-change" => return Ok(Self::OnChange),
            _ => {}
        }
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let unit = &t[digits.len()..];
        let n: u32 = digits
            .parse()
            .map_err(|_| format!("更新规则“{t}”无法识别。"))?;
        if n == 0 {
            return Err(format!("更新规则“{t}”的期限不能为 0。"));
        }
        match unit {
            "d" => Ok(Self::Days(n)),
            "w" => n
                .checked_mul(7)
                .map(Self::Days)
                .ok_or_else(|| format!("更新规则“{t}”的期限太长。")),
            "mo" => Ok(Self::Months(n)),
            "y" => Ok(Self::Years(n)),
            _ => Err(format!("更新规则“{t}”的单位无法识别。")),
        }
    }

    /// The syntax accepted by [`UpdateRule::parse`], for hints.
    pub const SYNTAX: &'static str = "可写 weekly（每周至少一条）、14d（天）、2w（周）、6mo（月）、1y（年）或 on-change（内容变化时更新）";
}

impl fmt::Display for UpdateRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Weekly => write!(f, "weekly"),
            Self::Days(n) => write!(f, "{n}d"),
            Self::Months(n) => write!(f, "{n}mo"),
            Self::Years(n) => write!(f, "{n}y"),
            Self::OnChange => write!(f, "on-change"),
        }
    }
}

/// The inspection class of a category (国办秘函〔2019〕19号 column classes), which gives its
/// default window and which 单项否决 condition it counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum UpdateClass {
    /// 动态、要闻类: 2 weeks.
    News,
    /// 通知公告类: 6 months.
    Notice,
    /// 政策文件类: 6 months.
    Policy,
    /// 人事、规划计划类: 1 year.
    PersonnelPlan,
    /// 应更新栏目: a window the site sets.
    Periodic,
    /// 按需更新 (机构概况, 公开指南, 制度): never stale, must not be empty.
    OnChange,
}

impl UpdateClass {
    /// Every class with its Chinese name as written in site.yaml.
    pub const ALL: [(Self, &'static str); 6] = [
        (Self::News, "动态要闻"),
        (Self::Notice, "通知公告"),
        (Self::Policy, "政策文件"),
        (Self::PersonnelPlan, "人事规划"),
        (Self::Periodic, "应更新"),
        (Self::OnChange, "按需更新"),
    ];

    /// Parses the Chinese class name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, name)| *name == s.trim())
            .map(|(c, _)| *c)
    }

    /// The Chinese name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, n)| *n)
            .unwrap_or("应更新")
    }

    /// The window the inspection indicators give this class, if they give one.
    pub fn default_rule(self) -> Option<UpdateRule> {
        match self {
            Self::News => Some(UpdateRule::Days(14)),
            Self::Notice | Self::Policy => Some(UpdateRule::Months(6)),
            Self::PersonnelPlan => Some(UpdateRule::Years(1)),
            Self::OnChange => Some(UpdateRule::OnChange),
            Self::Periodic => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(UpdateRule::parse("weekly"), Ok(UpdateRule::Weekly));
        assert_eq!(UpdateRule::parse("14d"), Ok(UpdateRule::Days(14)));
        assert_eq!(UpdateRule::parse("2w"), Ok(UpdateRule::Days(14)));
        assert_eq!(UpdateRule::parse("6mo"), Ok(UpdateRule::Months(6)));
        assert_eq!(UpdateRule::parse("1y"), Ok(UpdateRule::Years(1)));
        assert_eq!(UpdateRule::parse("on-change"), Ok(UpdateRule::OnChange));
    }

    #[test]
    fn rejects_malformed() {
        assert!(UpdateRule::parse("fortnightly").is_err());
        assert!(UpdateRule::parse("0d").is_err());
        assert!(UpdateRule::parse("6m").is_err());
        assert!(UpdateRule::parse("d").is_err());
        assert!(UpdateRule::parse("99999999999d").is_err());
    }

    #[test]
    fn class_defaults_follow_the_indicators() {
        assert_eq!(UpdateClass::News.default_rule(), Some(UpdateRule::Days(14)));
        assert_eq!(
            UpdateClass::parse("人事规划"),
            Some(UpdateClass::PersonnelPlan)
        );
        assert_eq!(UpdateClass::parse("其他"), None);
    }
}
