//! The layout of the annual report's tables in the national format (国办公开办函〔2021〕30号,
//! `../shared/domain.md` §2.3 and §2.5): the 7 applicant columns and 25 rows of section 三
//! with their exact labels, and the 3 × 5 columns of section 四. The data file, the checks,
//! the JSON and the Markdown all read these lists.

/// The 7 columns of the section 三 table (申请人情况): keys in the data file, and labels.
pub const COLUMNS: [(&str, &str); 7] = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
];

/// Index of the 总计 column.
pub const TOTAL_COL: usize = 6;

/// One body row of the section 三 table.
#[derive(Clone, Copy, Debug)]
pub struct RowDef {
    /// Key path in the data file (and in the JSON), e.g. `results.withheld.state_secret`.
    pub key: &'static str,
    /// First label column (一、… / 二、… / 三、本年度办理结果 / 四、…).
    pub group: &'static str,
    /// Second label column (（一）予以公开 …), empty for 一、二、四.
    pub sub: &'static str,
    /// Third label column (1.属于国家秘密 …), empty when the row has no number.
    pub item: &'static str,
    /// Short name used in messages, e.g. 三（三）1.属于国家秘密.
    pub name: &'static str,
}

const fn row(
    key: &'static str,
    group: &'static str,
    sub: &'static str,
    item: &'static str,
    name: &'static str,
) -> RowDef {
    RowDef {
        key,
        group,
        sub,
        item,
        name,
    }
}

const RESULTS: &str = "三、本年度办理结果";
const WITHHELD: &str = "（三）不予公开";
const UNABLE: &str = "（四）无法提供";
const NOT_PROCESSED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

/// The 25 body rows in the format's order (domain.md §2.3).
pub const ROWS: [RowDef; 25] = [
    row(
        "new",
        "一、本年新收政府信息公开申请数量",
        "",
        "",
        "一、本年新收",
    ),
    row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "",
        "",
        "二、上年结转",
    ),
    row(
        "results.disclosed",
        RESULTS,
        "（一）予以公开",
        "",
        "三（一）予以公开",
    ),
    row(
        "results.partly_disclosed",
        RESULTS,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
        "三（二）部分公开",
    ),
    row(
        "results.withheld.state_secret",
        RESULTS,
        WITHHELD,
        "1.属于国家秘密",
        "三（三）1.属于国家秘密",
    ),
    row(
        "results.withheld.prohibited_by_law",
        RESULTS,
        WITHHELD,
        "2.其他法律行政法规禁止公开",
        "三（三）2.其他法律行政法规禁止公开",
    ),
    row(
        "results.withheld.three_safeties",
        RESULTS,
        WITHHELD,
        "3.危及“三安全一稳定”",
        "三（三）3.危及“三安全一稳定”",
    ),
    row(
        "results.withheld.third_party",
        RESULTS,
        WITHHELD,
        "4.保护第三方合法权益",
        "三（三）4.保护第三方合法权益",
    ),
    row(
        "results.withheld.internal_affairs",
        RESULTS,
        WITHHELD,
        "5.属于三类内部事务信息",
        "三（三）5.属于三类内部事务信息",
    ),
    row(
        "results.withheld.process_info",
        RESULTS,
        WITHHELD,
        "6.属于四类过程性信息",
        "三（三）6.属于四类过程性信息",
    ),
    row(
        "results.withheld.enforcement_files",
        RESULTS,
        WITHHELD,
        "7.属于行政执法案卷",
        "三（三）7.属于行政执法案卷",
    ),
    row(
        "results.withheld.inquiry",
        RESULTS,
        WITHHELD,
        "8.属于行政查询事项",
        "三（三）8.属于行政查询事项",
    ),
    row(
        "results.unable.not_held",
        RESULTS,
        UNABLE,
        "1.本机关不掌握相关政府信息",
        "三（四）1.本机关不掌握相关政府信息",
    ),
    row(
        "results.unable.needs_creation",
        RESULTS,
        UNABLE,
        "2.没有现成信息需要另行制作",
        "三（四）2.没有现成信息需要另行制作",
    ),
    row(
        "results.unable.unclear",
        RESULTS,
        UNABLE,
        "3.补正后申请内容仍不明确",
        "三（四）3.补正后申请内容仍不明确",
    ),
    row(
        "results.not_processed.petition",
        RESULTS,
        NOT_PROCESSED,
        "1.信访举报投诉类申请",
        "三（五）1.信访举报投诉类申请",
    ),
    row(
        "results.not_processed.repeated",
        RESULTS,
        NOT_PROCESSED,
        "2.重复申请",
        "三（五）2.重复申请",
    ),
    row(
        "results.not_processed.publication",
        RESULTS,
        NOT_PROCESSED,
        "3.要求提供公开出版物",
        "三（五）3.要求提供公开出版物",
    ),
    row(
        "results.not_processed.excessive",
        RESULTS,
        NOT_PROCESSED,
        "4.无正当理由大量反复申请",
        "三（五）4.无正当理由大量反复申请",
    ),
    row(
        "results.not_processed.confirmation",
        RESULTS,
        NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
        "三（五）5.要求行政机关确认或重新出具已获取信息",
    ),
    row(
        "results.other.no_correction",
        RESULTS,
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "三（六）1.申请人逾期不补正",
    ),
    row(
        "results.other.unpaid_fee",
        RESULTS,
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "三（六）2.申请人逾期未缴纳费用",
    ),
    row(
        "results.other.other",
        RESULTS,
        OTHER,
        "3.其他",
        "三（六）3.其他",
    ),
    row("results.total", RESULTS, "（七）总计", "", "三（七）总计"),
    row(
        "carry_forward",
        "四、结转下年度继续办理",
        "",
        "",
        "四、结转下年度继续办理",
    ),
];

/// Row indices used by the checks.
pub const NEW: usize = 0;
/// 二、上年结转.
pub const CARRIED_OVER: usize = 1;
/// First of the 21 result rows (（一）予以公开).
pub const FIRST_RESULT: usize = 2;
/// 三（七）总计.
pub const RESULTS_TOTAL: usize = 23;
/// 四、结转下年度继续办理.
pub const CARRY_FORWARD: usize = 24;

/// The 5 columns of each section 四 group: keys and labels.
pub const CASE_COLUMNS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// The three groups of section 四: data-file key and label.
pub const CASE_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_table_matches_the_check_indices() {
        assert_eq!(ROWS[NEW].key, "new");
        assert_eq!(ROWS[CARRIED_OVER].key, "carried_over");
        assert_eq!(ROWS[FIRST_RESULT].key, "results.disclosed");
        assert_eq!(ROWS[RESULTS_TOTAL].key, "results.total");
        assert_eq!(ROWS[CARRY_FORWARD].key, "carry_forward");
        assert_eq!(RESULTS_TOTAL - FIRST_RESULT, 21, "21 result rows");
        assert_eq!(COLUMNS[TOTAL_COL].1, "总计");
    }
}
