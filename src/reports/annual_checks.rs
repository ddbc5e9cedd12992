//! The checks of the annual report's data: the 勾稽关系 the format mandates (for every
//! applicant column, 一 + 二 = 三（七）总计 + 四), and our arithmetic ones (总计 column = the six
//! applicant columns; （七）总计 = the 21 result rows; 复议/诉讼 总计 = its four). Totals the
//! clerk left out are filled in; written ones are checked, each error naming the row, the
//! column, the numbers and the data file's line.

use super::annual_layout::{
    CARRIED_OVER, CARRY_FORWARD, CASE_COLUMNS, COLUMNS, FIRST_RESULT, NEW, RESULTS_TOTAL, ROWS,
    TOTAL_COL,
};
use crate::diagnostics::Diagnostic;

/// One number as written: its value, its line, and whether the clerk wrote it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cell {
    pub(super) value: u64,
    pub(super) line: Option<usize>,
    pub(super) given: bool,
}

/// A row of cells, with the line of the row (or of its nearest written parent).
#[derive(Clone, Copy, Debug)]
pub(super) struct Cells<const N: usize> {
    pub(super) cells: [Cell; N],
    pub(super) line: Option<usize>,
}

impl<const N: usize> Default for Cells<N> {
    fn default() -> Self {
        Self {
            cells: [Cell::default(); N],
            line: None,
        }
    }
}

/// Where the mandated balance rule comes from.
const BALANCE_SOURCE: &str = "国办公开办函〔2021〕30号";

/// Makes a located error: line, key path, message, hint.
pub(super) type Err<'a> = dyn Fn(Option<usize>, &str, String, &str) -> Diagnostic + 'a;

fn field(row: usize, col: usize) -> String {
    format!("applications.{}.{}", ROWS[row].key, COLUMNS[col].0)
}

/// Sum that cannot overflow, whatever a clerk types.
fn add(values: &[u64]) -> u64 {
    values.iter().fold(0, |a, b| a.saturating_add(*b))
}

/// The non-zero terms of a sum, named: “自然人 2 + 法律服务机构 1”; “0” when all are zero.
fn terms<'a>(parts: impl Iterator<Item = (&'a str, u64)>) -> String {
    let named: Vec<String> = parts
        .filter(|(_, v)| *v > 0)
        .map(|(name, v)| format!("{name} {v}"))
        .collect();
    if named.is_empty() {
        "0".to_string()
    } else {
        named.join(" + ")
    }
}

/// Fills in omitted totals and checks the written ones, then the mandated balance. A column
/// whose totals are already wrong is not balance-checked too, so one slip gives one error.
pub(super) fn check_applications(
    rows: &mut [Cells<7>; 25],
    diags: &mut Vec<Diagnostic>,
    err: &Err<'_>,
) {
    let mut wrong = [false; 7];
    // 总计 column of every row but 三（七）: the sum of the six applicant columns.
    for (r, row) in rows.iter_mut().enumerate() {
        if r != RESULTS_TOTAL && !check_row_total(row, r, diags, err) {
            wrong[TOTAL_COL] = true;
        }
    }
    // 三（七）总计: the sum of the 21 result rows, column by column.
    for c in 0..7 {
        let parts: Vec<(&str, u64)> = ROWS[FIRST_RESULT..RESULTS_TOTAL]
            .iter()
            .zip(&rows[FIRST_RESULT..RESULTS_TOTAL])
            .map(|(def, r)| (def.name, r.cells[c].value))
            .collect();
        let sum = add(&parts.iter().map(|p| p.1).collect::<Vec<_>>());
        let cell = &mut rows[RESULTS_TOTAL].cells[c];
        if !cell.given {
            cell.value = sum;
        } else if cell.value != sum {
            wrong[c] = true;
            diags.push(err(
                cell.line,
                &field(RESULTS_TOTAL, c),
                format!(
                    "三（七）总计的“{}”列是 {}，但（一）至（六）各项办理结果之和是 {sum}（{}）。",
                    COLUMNS[c].1,
                    cell.value,
                    terms(parts.into_iter())
                ),
                "（七）总计应等于本年度各项办理结果之和；请核对各项办理结果或总计。不写 total 时自动求和。",
            ));
        }
    }
    if rows[RESULTS_TOTAL].cells[TOTAL_COL].given
        && !check_row_total(&mut rows[RESULTS_TOTAL], RESULTS_TOTAL, diags, err)
    {
        wrong[TOTAL_COL] = true;
    }
    // The mandated rule: 一 + 二 = 三（七）总计 + 四, for every column.
    for c in (0..7).filter(|&c| !wrong[c]) {
        let v = |r: usize| rows[r].cells[c].value;
        let (left, right) = (
            add(&[v(NEW), v(CARRIED_OVER)]),
            add(&[v(RESULTS_TOTAL), v(CARRY_FORWARD)]),
        );
        if left != right {
            let (line, key) = [RESULTS_TOTAL, CARRY_FORWARD, NEW, CARRIED_OVER]
                .iter()
                .find_map(|&r| rows[r].cells[c].line.map(|l| (Some(l), field(r, c))))
                .unwrap_or_else(|| (rows[RESULTS_TOTAL].line, "applications".to_string()));
            diags.push(err(
                line,
                &key,
                format!(
                    "“{}”列不平衡：一、本年新收 {} + 二、上年结转 {} = {left}，而三（七）总计 {} + 四、结转下年度继续办理 {} = {right}，两者应相等。",
                    COLUMNS[c].1,
                    v(NEW),
                    v(CARRIED_OVER),
                    v(RESULTS_TOTAL),
                    v(CARRY_FORWARD)
                ),
                &format!(
                    "{BALANCE_SOURCE}规定每一列“第一项加第二项之和，等于第三项加第四项之和”。请核对这一列的新收、结转和各项办理结果，常见原因是漏填了某项办理结果或结转下年度的件数。"
                ),
            ));
        }
    }
}

/// Fills in or checks a row's 总计; false when a written 总计 is wrong.
fn check_row_total(
    row: &mut Cells<7>,
    r: usize,
    diags: &mut Vec<Diagnostic>,
    err: &Err<'_>,
) -> bool {
    let parts: Vec<(&str, u64)> = COLUMNS[..TOTAL_COL]
        .iter()
        .zip(&row.cells)
        .map(|((_, label), c)| (*label, c.value))
        .collect();
    let sum = add(&parts.iter().map(|p| p.1).collect::<Vec<_>>());
    let total = &mut row.cells[TOTAL_COL];
    if !total.given {
        total.value = sum;
    } else if total.value != sum {
        diags.push(err(
            total.line.or(row.line),
            &field(r, TOTAL_COL),
            format!(
                "{}的“总计”是 {}，但自然人和五类法人或其他组织之和是 {sum}（{}）。",
                ROWS[r].name,
                total.value,
                terms(parts.into_iter())
            ),
            "总计应等于前六列之和；请改正总计或各列数字。不写 total 时自动求和。",
        ));
        return false;
    }
    true
}

pub(super) fn check_cases(
    group: &mut Cells<5>,
    key: &str,
    label: &str,
    diags: &mut Vec<Diagnostic>,
    err: &Err<'_>,
) {
    let parts: Vec<(&str, u64)> = CASE_COLUMNS[..4]
        .iter()
        .zip(&group.cells)
        .map(|((_, label), c)| (*label, c.value))
        .collect();
    let sum = add(&parts.iter().map(|p| p.1).collect::<Vec<_>>());
    let total = &mut group.cells[4];
    if !total.given {
        total.value = sum;
    } else if total.value != sum {
        diags.push(err(
            total.line.or(group.line),
            &format!("{key}.total"),
            format!(
                "{label}的“总计”是 {}，但结果维持、结果纠正、其他结果、尚未审结之和是 {sum}（{}）。",
                total.value,
                terms(parts.into_iter())
            ),
            "总计应等于这四项之和；请改正总计或各项数字。不写 total 时自动求和。",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::annual_data::tests::{errors, ok};

    #[test]
    fn totals_are_computed_when_omitted() {
        let d = ok("applications:
  new: {natural: 3, business: 1}
  results:
    disclosed: {natural: 2}
    unable:
      not_held: {business: 1}
  carry_forward: {natural: 1}
review: {upheld: 1, pending: 1}
");
        assert_eq!(d.applications[NEW], [3, 1, 0, 0, 0, 0, 4]);
        assert_eq!(d.applications[RESULTS_TOTAL], [2, 1, 0, 0, 0, 0, 3]);
        assert_eq!(d.applications[CARRY_FORWARD], [1, 0, 0, 0, 0, 0, 1]);
        assert_eq!(d.cases[0], [1, 0, 0, 1, 2]);
    }

    #[test]
    fn balance_violation_names_column_rows_numbers_and_line() {
        let e = errors(
            "applications:
  new:
    natural: 5
  carried_over:
    natural: 1
  results:
    disclosed:
      natural: 4
    total:
      natural: 4
  carry_forward:
    natural: 1
",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        for (e, col) in e.iter().zip(["自然人", "总计"]) {
            assert!(e.contains(&format!("“{col}”列不平衡")), "{e}");
            assert!(e.contains("一、本年新收 5 + 二、上年结转 1 = 6"), "{e}");
            assert!(
                e.contains("三（七）总计 4 + 四、结转下年度继续办理 1 = 5"),
                "{e}"
            );
        }
        assert!(
            e[0].starts_with("错误：data.yaml 第 10 行：字段 applications.results.total.natural："),
            "{}",
            e[0]
        );
        assert!(e[0].contains("第一项加第二项之和，等于第三项加第四项之和"));
    }

    #[test]
    fn written_totals_are_checked() {
        let e = errors(
            "applications:
  new: {natural: 2, legal: 1, total: 4}
  results:
    disclosed: {natural: 2, legal: 1}
    total: {natural: 1, legal: 1}
review: {upheld: 1, corrected: 1, total: 3}
",
        );
        let all = e.join("\n");
        assert_eq!(
            e.len(),
            3,
            "no balance errors on top of wrong totals:\n{all}"
        );
        assert!(
            all.contains("第 2 行：字段 applications.new.total：一、本年新收的“总计”是 4，但自然人和五类法人或其他组织之和是 3（自然人 2 + 法律服务机构 1）"),
            "{all}"
        );
        assert!(
            all.contains("第 5 行：字段 applications.results.total.natural：三（七）总计的“自然人”列是 1，但（一）至（六）各项办理结果之和是 2（三（一）予以公开 2）"),
            "{all}"
        );
        assert!(
            all.contains("第 6 行：字段 review.total：行政复议的“总计”是 3，但结果维持、结果纠正、其他结果、尚未审结之和是 2（结果维持 1 + 结果纠正 1）"),
            "{all}"
        );
    }
}
