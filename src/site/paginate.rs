//! Splitting a category's items into list pages: page 1 at `/<folder>/`, page n at
//! `/<folder>/page/n/`.

/// One list page of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based page number.
    pub number: usize,
    /// Number of pages in the category (at least 1).
    pub total: usize,
    /// Index range into the category's item list.
    pub range: std::ops::Range<usize>,
}

/// The URL path of page `n` of the category in `folder`.
pub fn page_path(folder: &str, n: usize) -> String {
    if n <= 1 {
        format!("{folder}/")
    } else {
        format!("{folder}/page/{n}/")
    }
}

/// The pages for `count` items, `per_page` each; an empty category still has one page.
pub fn pages(count: usize, per_page: usize) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| Pager {
            number,
            total,
            range: (number - 1) * per_page..(number * per_page).min(count),
        })
        .collect()
}

/// One entry of a pager's number row: a page number, or a gap (`…`) standing for the
/// numbers left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagerSlot {
    /// Link to this 1-based page number.
    Page(usize),
    /// Numbers left out between two shown ones.
    Gap,
}

/// Page numbers either side of the current one that the number row shows.
pub const PAGER_WINDOW: usize = 2;

/// The number row of page `current` of `total`: the first and last page, the current one
/// and [`PAGER_WINDOW`] either side of it, with a [`PagerSlot::Gap`] for each run of left-out
/// numbers (a run of one is shown as its number instead, since a gap would be no shorter).
/// At most `2 * PAGER_WINDOW + 5` slots, however many pages there are: a category with
/// thousands of pages must not put thousands of links on every one of them.
pub fn number_row(current: usize, total: usize) -> Vec<PagerSlot> {
    let total = total.max(1);
    let current = current.clamp(1, total);
    let lo = current.saturating_sub(PAGER_WINDOW).max(1);
    let hi = (current + PAGER_WINDOW).min(total);
    let mut row = Vec::with_capacity(2 * PAGER_WINDOW + 5);
    if lo > 1 {
        row.push(PagerSlot::Page(1));
        match lo - 1 {
            1 => {}
            2 => row.push(PagerSlot::Page(2)),
            _ => row.push(PagerSlot::Gap),
        }
    }
    row.extend((lo..=hi).map(PagerSlot::Page));
    if hi < total {
        match total - hi {
            1 => {}
            2 => row.push(PagerSlot::Page(total - 1)),
            _ => row.push(PagerSlot::Gap),
        }
        row.push(PagerSlot::Page(total));
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use PagerSlot::{Gap, Page};

    fn pages_of(row: &[PagerSlot]) -> Vec<usize> {
        row.iter()
            .filter_map(|s| match s {
                Page(n) => Some(*n),
                Gap => None,
            })
            .collect()
    }

    #[test]
    fn number_row_shows_every_page_of_a_short_category() {
        assert_eq!(number_row(1, 1), vec![Page(1)]);
        assert_eq!(pages_of(&number_row(3, 7)), (1..=7).collect::<Vec<_>>());
        assert!(!number_row(4, 7).contains(&Gap));
    }

    #[test]
    fn number_row_elides_far_pages_with_gaps() {
        assert_eq!(
            number_row(50, 100),
            vec![
                Page(1),
                Gap,
                Page(48),
                Page(49),
                Page(50),
                Page(51),
                Page(52),
                Gap,
                Page(100)
            ]
        );
        assert_eq!(
            number_row(1, 100),
            vec![Page(1), Page(2), Page(3), Gap, Page(100)]
        );
        assert_eq!(
            number_row(100, 100),
            vec![Page(1), Gap, Page(98), Page(99), Page(100)]
        );
        // A gap never hides a single number.
        assert_eq!(pages_of(&number_row(5, 100))[..7], [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn number_row_is_bounded_and_ordered_for_every_page() {
        for total in 1..=40 {
            for current in 1..=total {
                let row = number_row(current, total);
                assert!(
                    row.len() <= 2 * PAGER_WINDOW + 5,
                    "{current}/{total}: {row:?}"
                );
                let shown = pages_of(&row);
                assert!(shown.windows(2).all(|w| w[0] < w[1]), "{row:?}");
                assert_eq!(shown.first(), Some(&1));
                assert_eq!(shown.last(), Some(&total));
                assert!(shown.contains(&current));
                // Every gap stands for at least two numbers.
                for w in row.windows(3) {
                    if let [Page(a), Gap, Page(b)] = w {
                        assert!(b - a >= 3, "{row:?}");
                    }
                }
            }
        }
        assert_eq!(number_row(0, 0), vec![Page(1)]);
    }

    #[test]
    fn splits_at_boundaries() {
        assert_eq!(pages(0, 20).len(), 1);
        assert_eq!(pages(20, 20).len(), 1);
        let p = pages(47, 20);
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].range, 40..47);
        assert_eq!(page_path("zwdt", 1), "zwdt/");
        assert_eq!(page_path("zwdt", 3), "zwdt/page/3/");
    }
}
