//! `codegen report`: the [`Quality`] of a docs folder as text or JSON, and thresholds that
//! fail a CI run when the parse gets worse.

use std::fmt::Write as _;
use std::str::FromStr;

use super::quality::{Counts, PageQuality, Quality};

/// A limit on a count: absolute (`12`) or a share of all properties (`5%`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// At most this many.
    Count(usize),
    /// At most this percentage of the properties.
    Percent(f64),
}

/// Why a [`Limit`] could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a limit: expected a count (`12`) or a percentage (`5%`)")]
pub struct BadLimit(String);

impl FromStr for Limit {
    type Err = BadLimit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadLimit(s.to_string());
        match s.trim().strip_suffix('%') {
            Some(p) => {
                let p: f64 = p.trim().parse().map_err(|_| bad())?;
                if p.is_finite() && p >= 0.0 {
                    Ok(Limit::Percent(p))
                } else {
                    Err(bad())
                }
            }
            None => s.trim().parse().map(Limit::Count).map_err(|_| bad()),
        }
    }
}

/// Limits that make `codegen report` fail.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Thresholds {
    /// Properties whose type is or contains `any`.
    pub max_any: Option<Limit>,
    /// Warnings of every kind.
    pub max_warnings: Option<usize>,
}

/// The quality is worse than the thresholds allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parse quality below the thresholds:\n{}", .0.join("\n"))]
pub struct ThresholdsExceeded(pub Vec<String>);

/// Checks `quality` against `thresholds`, naming every limit exceeded.
pub fn check(quality: &Quality, thresholds: &Thresholds) -> Result<(), ThresholdsExceeded> {
    let t = &quality.totals;
    let mut failures = Vec::new();
    match thresholds.max_any {
        Some(Limit::Count(n)) if t.any > n => failures.push(format!(
            "{} properties left `any`, more than the {n} allowed",
            t.any
        )),
        Some(Limit::Percent(p)) if t.percent(t.any) > p => failures.push(format!(
            "{:.1}% of the properties left `any` ({} of {}), more than the {p}% allowed",
            t.percent(t.any),
            t.any,
            t.properties
        )),
        _ => {}
    }
    if let Some(n) = thresholds.max_warnings {
        if t.warnings.total() > n {
            failures.push(format!(
                "{} warnings, more than the {n} allowed",
                t.warnings.total()
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(ThresholdsExceeded(failures))
    }
}

/// Which pages the text report lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageList {
    /// Every page, in path order.
    All,
    /// The pages with the most properties left `any`, then the most warnings, at most this
    /// many; pages with neither are never listed.
    Worst(usize),
}

/// The quality as JSON: `pages`, `totals` and `per_page` (every page), ending in a newline.
pub fn json(quality: &Quality) -> String {
    let mut out = serde_json::to_string_pretty(quality).expect("a report serializes");
    out.push('\n');
    out
}

/// The quality as text: a table of pages, then the totals.
pub fn text(quality: &Quality, list: PageList) -> String {
    let mut out = String::new();
    let pages: Vec<&PageQuality> = match list {
        PageList::All => quality.per_page.iter().collect(),
        PageList::Worst(n) => {
            let mut worst: Vec<&PageQuality> = quality
                .per_page
                .iter()
                .filter(|p| p.counts.any > 0 || p.counts.warnings.total() > 0)
                .collect();
            let flagged = worst.len();
            worst.sort_by(|a, b| {
                (b.counts.any, b.counts.warnings.total(), &a.page).cmp(&(
                    a.counts.any,
                    a.counts.warnings.total(),
                    &b.page,
                ))
            });
            worst.truncate(n);
            if n > 0 && flagged == 0 {
                out.push_str("No page has properties left `any` or warnings.\n\n");
            } else if n > 0 {
                let _ = writeln!(
                    out,
                    "{} of {} pages have properties left `any` or warnings; the {} worst:\n",
                    flagged,
                    quality.per_page.len(),
                    worst.len()
                );
            }
            worst
        }
    };
    if !pages.is_empty() {
        let width = pages.iter().map(|p| p.page.len()).max().unwrap_or(4).max(4);
        let _ = writeln!(
            out,
            "{:width$}  endpoints  models  properties  table  other pages  samples  any  warnings",
            "page"
        );
        for p in pages {
            let c = &p.counts;
            let _ = writeln!(
                out,
                "{:width$}  {:>9}  {:>6}  {:>10}  {:>5}  {:>11}  {:>7}  {:>3}  {:>8}",
                p.page,
                c.endpoints,
                c.models,
                c.properties,
                c.from_table,
                c.from_other_pages,
                c.from_samples,
                c.any,
                c.warnings.total()
            );
        }
        out.push('\n');
    }
    totals(&mut out, quality.pages, &quality.totals);
    out
}

fn totals(out: &mut String, pages: usize, t: &Counts) {
    let _ = writeln!(
        out,
        "totals: {pages} pages, {} endpoints, {} models, {} properties",
        t.endpoints, t.models, t.properties
    );
    for (label, n) in [
        ("typed from tables", t.from_table),
        ("typed from other pages", t.from_other_pages),
        ("typed from samples", t.from_samples),
        ("left any", t.any),
    ] {
        let _ = writeln!(out, "  {label:<24}{n:>7}  {:>5.1}%", t.percent(n));
    }
    let w = &t.warnings;
    let _ = writeln!(out, "warnings: {}", w.total());
    for (label, n) in [
        ("pages disagree", w.pages_disagree),
        ("misused type names", w.misused_type_names),
        ("type cells not read", w.unread_type_cells),
        ("other", w.other),
    ] {
        let _ = writeln!(out, "  {label:<24}{n:>7}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::quality::{Counts, PageQuality};

    fn quality(any: usize) -> Quality {
        let counts = Counts {
            endpoints: 1,
            properties: 4,
            from_table: 4 - any,
            any,
            ..Counts::default()
        };
        Quality {
            pages: 1,
            totals: counts,
            per_page: vec![PageQuality {
                page: "a.md".into(),
                counts,
            }],
        }
    }

    #[test]
    fn limits_parse_as_counts_or_percentages() {
        assert_eq!("12".parse(), Ok(Limit::Count(12)));
        assert_eq!(" 5% ".parse(), Ok(Limit::Percent(5.0)));
        assert_eq!("0.5%".parse(), Ok(Limit::Percent(0.5)));
        for bad in ["", "-1", "x%", "-2%", "inf%", "5 %%"] {
            assert!(bad.parse::<Limit>().is_err(), "{bad}");
        }
    }

    #[test]
    fn pages_listed_and_thresholds() {
        let clean = quality(0);
        assert!(text(&clean, PageList::Worst(20))
            .starts_with("No page has properties left `any` or warnings.\n\ntotals: 1 pages"));
        assert!(text(&clean, PageList::Worst(0)).starts_with("totals: 1 pages"));
        assert!(text(&clean, PageList::All).starts_with("page  endpoints"));
        let q = quality(1);
        let limits = |max_any| Thresholds {
            max_any,
            max_warnings: Some(0),
        };
        assert_eq!(check(&q, &limits(Some(Limit::Percent(25.0)))), Ok(()));
        assert_eq!(
            check(&q, &limits(Some(Limit::Percent(24.9)))),
            Err(ThresholdsExceeded(vec![
                "25.0% of the properties left `any` (1 of 4), more than the 24.9% allowed".into()
            ]))
        );
        assert_eq!(
            check(&q, &limits(Some(Limit::Count(0)))),
            Err(ThresholdsExceeded(vec![
                "1 properties left `any`, more than the 0 allowed".into()
            ]))
        );
        assert_eq!(check(&q, &Thresholds::default()), Ok(()));
    }
}
