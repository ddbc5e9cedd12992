//! Rules at their boundaries: exactly 7 / 14 days, month ends, leap years, ISO weeks that
//! cross a year, empty columns.

use super::*;
use jiff::civil::date;

#[test]
fn fourteen_days_is_still_fresh_fifteen_is_stale() {
    let rule = UpdateRule::Days(14);
    let newest = date(2023, 12, 1);
    assert_eq!(judge(rule, Some(newest), date(2023, 12, 15)).0, Status::Due);
    assert_eq!(
        judge(rule, Some(newest), date(2023, 12, 16)).0,
        Status::Stale
    );
    assert_eq!(judge(rule, Some(newest), date(2023, 12, 10)).0, Status::Ok);
    assert_eq!(
        judge(rule, Some(newest), date(2023, 12, 11)).0,
        Status::Due,
        "early warning from day 10"
    );
}

#[test]
fn seven_day_window() {
    let rule = UpdateRule::Days(7);
    assert_eq!(
        judge(rule, Some(date(2023, 1, 1)), date(2023, 1, 8)).0,
        Status::Due
    );
    assert_eq!(
        judge(rule, Some(date(2023, 1, 1)), date(2023, 1, 9)).0,
        Status::Stale
    );
}

#[test]
fn six_months_from_a_month_end_clamps() {
    assert_eq!(
        deadline(UpdateRule::Months(6), date(2023, 8, 31)),
        Some(date(2024, 2, 29)),
        "leap year"
    );
    assert_eq!(
        deadline(UpdateRule::Months(6), date(2022, 8, 31)),
        Some(date(2023, 2, 28))
    );
    let rule = UpdateRule::Months(6);
    assert_ne!(
        judge(rule, Some(date(2022, 8, 31)), date(2023, 2, 28)).0,
        Status::Stale
    );
    assert_eq!(
        judge(rule, Some(date(2022, 8, 31)), date(2023, 3, 1)).0,
        Status::Stale
    );
}

#[test]
fn one_year_from_a_leap_day() {
    assert_eq!(
        deadline(UpdateRule::Years(1), date(2024, 2, 29)),
        Some(date(2025, 2, 28))
    );
    assert_eq!(
        judge(
            UpdateRule::Years(1),
            Some(date(2024, 2, 29)),
            date(2025, 3, 1)
        )
        .0,
        Status::Stale
    );
}

#[test]
fn weekly_uses_calendar_weeks_across_the_new_year() {
    // 2024-01-01 is a Monday; ISO week 1 of 2024 starts that day.
    assert_eq!(week_start(date(2023, 12, 31)), date(2023, 12, 25));
    assert_eq!(week_start(date(2024, 1, 3)), date(2024, 1, 1));
    let rule = UpdateRule::Weekly;
    assert_eq!(
        judge(rule, Some(date(2024, 1, 1)), date(2024, 1, 7)).0,
        Status::Ok
    );
    assert_eq!(
        judge(rule, Some(date(2023, 12, 29)), date(2024, 1, 3)).0,
        Status::Due,
        "no item yet this week"
    );
    assert_eq!(
        judge(rule, Some(date(2023, 12, 24)), date(2024, 1, 1)).0,
        Status::Stale,
        "the whole of last week was missed"
    );
    // 2021-01-01 is a Friday in ISO week 53 of 2020.
    assert_eq!(week_start(date(2021, 1, 1)), date(2020, 12, 28));
}

#[test]
fn empty_and_on_change() {
    assert_eq!(
        judge(UpdateRule::Days(14), None, date(2023, 1, 1)).0,
        Status::Empty
    );
    assert_eq!(
        judge(UpdateRule::OnChange, None, date(2023, 1, 1)).0,
        Status::Empty
    );
    assert_eq!(
        judge(
            UpdateRule::OnChange,
            Some(date(2010, 1, 1)),
            date(2023, 1, 1)
        )
        .0,
        Status::Ok
    );
}

#[test]
fn weekly_stats_share_and_longest_gap() {
    let as_of = date(2023, 12, 31);
    let dates = [date(2023, 12, 27), date(2023, 12, 1), date(2023, 11, 1)];
    let s = weekly_stats(&dates, as_of);
    assert_eq!(s.weeks_with_items, 3);
    // From 2023-01-02 (first week) with nothing before it until 2023-11-01.
    assert_eq!(s.longest_gap_days, 303);
    let counts = week_counts(&dates, as_of);
    assert_eq!(counts.len(), 52);
    assert_eq!(counts[51], 1);
}
