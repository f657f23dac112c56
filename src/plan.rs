//! Against the plan (issue 13): a district's targets per cell of the two-way matrix, and how far a roster is
//! from them.
//!
//! The seed sets the talent plan's figures as targets (以人才指标对应发展指标, the 2011–2015 plan). A [`Plan`] is a
//! year and a target count per shown cell of the matrix: a stream or one of its specialties, in a tier column
//! or in total. It is read from TOML ([`Plan::from_toml`], feature `toml`) or built in code ([`Plan::builder`]),
//! always checked against the policy: a code the policy does not know, a negative or fractional count, a
//! target given twice, or a cell the policy can never produce is an error that names the target. A cell can
//! never be produced when the specialty is not the stream's, the tier is not on the stream's ladder, or (for a
//! policy whose decisions are tabled, [`Policy::prepare`]) no decision of the policy puts anyone there.
//!
//! [`Plan::report`] sets a [`Matrix`] against the plan: for each cell the actual count (the matrix's own, so
//! the report's sums are the matrix's), and, where there is a target, the target, the difference and the
//! percent reached.
//!
//! ```
//! # #[cfg(feature = "toml")] {
//! use talent_matrix::plan::Plan;
//! use talent_matrix::{classify, Lang, Matrix, MatrixRow, Policy, Post, Profile, Stream};
//!
//! let policy = Policy::shizhong_2011();
//! let plan = Plan::from_toml(
//!     "year = 2015\n[[targets]]\nstream = \"social_work\"\ncount = 4\n",
//!     &policy,
//! )?;
//! let m: Matrix = [classify(&Profile::builder("1", Post::Community).build()?)].iter().collect();
//! let report = plan.report(&m);
//! let row = report.get(MatrixRow::Stream(Stream::SocialWork), None);
//! assert_eq!((row.actual, row.target, row.difference()), (1, Some(4), Some(-3)));
//! assert_eq!(row.percent(), Some(25.0));
//! assert!(report.to_table(Lang::En).contains("1 / 4 (-3, 25.0%)"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use crate::codes::{Specialty, Stream, Tier};
use crate::lang::Lang;
use crate::matrix::{Matrix, MatrixRow};
use crate::policy::Policy;
use crate::report::{Line, SvgText, grid_csv, grid_table};

/// A disjoint cell some decision of a policy reaches: stream, specialty, tier.
type Reached = (Option<Stream>, Option<Specialty>, Option<Tier>);

/// A cell of the plan: a row of the matrix and a tier column (`Some(None)`: no tier), or the row's total
/// (`None`).
pub type Cell = (MatrixRow, Option<Option<Tier>>);

/// A year's targets, checked against a policy. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    year: u16,
    targets: BTreeMap<Cell, u64>,
}

/// What is wrong with a plan: every problem, each naming the target and field it is in.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use talent_matrix::{plan::Plan, Policy};
/// let err = Plan::from_toml("year = 2015\n[[targets]]\nstream = \"gold\"\ncount = -1\n", &Policy::default())
///     .unwrap_err();
/// assert_eq!(err.problems().len(), 2);
/// assert!(err.to_string().contains("targets[1].stream: unknown stream \"gold\""));
/// assert!(err.to_string().contains("targets[1].count: -1 is negative; expected a whole number of people, 0 or more"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the plan has {} problem{}:{}", problems.len(), if problems.len() == 1 { "" } else { "s" },
        problems.iter().map(|(at, why)| format!("\n  {at}: {why}")).collect::<String>())]
pub struct PlanError {
    problems: Vec<(String, String)>,
}

impl PlanError {
    /// Each problem: where (`year`, `targets[3].tier`) and what is wrong.
    pub fn problems(&self) -> &[(String, String)] {
        &self.problems
    }

    fn one(at: impl Into<String>, why: impl Into<String>) -> PlanError {
        PlanError {
            problems: vec![(at.into(), why.into())],
        }
    }
}

/// The longest plan text read, in bytes (1 MiB, as a policy document): a plan has at most a target per shown
/// cell of the matrix, a few hundred.
pub const MAX_BYTES: usize = 1 << 20;

/// The lowest and highest year a plan may be for.
const YEARS: core::ops::RangeInclusive<i64> = 1949..=2200;

impl Plan {
    /// A plan for a year, its targets to be added one by one and checked against `policy` ([`PlanBuilder`]).
    /// Finding the cells the policy can produce decides the policy's table once ([`Policy::prepare`]), so build
    /// a plan once and keep it.
    ///
    /// # Errors
    ///
    /// A year outside 1949 to 2200.
    pub fn builder(year: i64, policy: &Policy) -> Result<PlanBuilder, PlanError> {
        match u16::try_from(year) {
            Ok(y) if YEARS.contains(&year) => Ok(PlanBuilder {
                plan: Plan {
                    year: y,
                    targets: BTreeMap::new(),
                },
                places: policy.prepare().places(),
                policy: policy.clone(),
            }),
            _ => Err(PlanError::one(
                "year",
                format!("{year} is not a plan's year; expected a year from 1949 to 2200"),
            )),
        }
    }

    /// The plan's year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// Every target, by cell, in the order of the matrix's rows.
    pub fn targets(&self) -> impl Iterator<Item = (Cell, u64)> + '_ {
        self.targets.iter().map(|(c, n)| (*c, *n))
    }

    /// The target of a cell, if any.
    pub fn target(&self, row: MatrixRow, column: Option<Option<Tier>>) -> Option<u64> {
        self.targets.get(&(row, column)).copied()
    }

    /// Reads a plan from TOML: `year`, and `[[targets]]` each with `stream`, optionally `specialty`, optionally
    /// `tier` (a tier, or `none` for the "no tier" column; absent for the row's total), and `count`. Codes and
    /// labels are read as the policy reads them ([`Policy::parse`]).
    ///
    /// ```toml
    /// year = 2015
    ///
    /// [[targets]]
    /// stream = "enterprise_management"
    /// specialty = "finance_commerce"
    /// tier = "high_end"
    /// count = 40
    /// ```
    ///
    /// # Errors
    ///
    /// Every problem at once (see [`PlanError`]): a text longer than [`MAX_BYTES`], TOML that does not parse, a
    /// missing or unknown key, a code the policy does not know, a negative or fractional count, a cell given
    /// twice or never produced.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str, policy: &Policy) -> Result<Plan, PlanError> {
        if text.len() > MAX_BYTES {
            return Err(PlanError::one(
                "file",
                format!(
                    "the plan is {} bytes, more than the limit of {MAX_BYTES}",
                    text.len()
                ),
            ));
        }
        let doc: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| PlanError::one("file", e.message().to_owned()))?;
        let mut problems = Vec::new();
        let year = match doc.get("year") {
            Some(toml::Value::Integer(y)) => Some(*y),
            Some(other) => {
                problems.push((
                    "year".to_owned(),
                    format!("{other} is not a year; expected a whole number such as 2015"),
                ));
                None
            }
            None => {
                problems.push((
                    "year".to_owned(),
                    "missing; expected the plan's year, such as 2015".to_owned(),
                ));
                None
            }
        };
        for key in doc
            .keys()
            .filter(|k| !["year", "targets"].contains(&k.as_str()))
        {
            problems.push((
                key.clone(),
                "unknown key; a plan has `year` and `[[targets]]`".to_owned(),
            ));
        }
        let mut plan = match Plan::builder(year.unwrap_or(2015), policy) {
            Ok(plan) => plan,
            Err(e) => {
                problems.extend(e.problems);
                // The targets are checked all the same, in a plan of no particular year.
                Plan::builder(2015, policy)?
            }
        };
        let targets: &[toml::Value] = match doc.get("targets") {
            Some(toml::Value::Array(ts)) => ts,
            Some(_) => {
                problems.push((
                    "targets".to_owned(),
                    "expected an array of tables, `[[targets]]`".to_owned(),
                ));
                &[]
            }
            None => &[],
        };
        for (i, target) in targets.iter().enumerate() {
            let at = format!("targets[{}]", i + 1);
            match read_target(target, policy, &at) {
                Ok(((row, column), count)) => {
                    if let Err(e) = plan.add(row, column, count) {
                        problems.extend(
                            e.problems
                                .into_iter()
                                .map(|(cell, why)| (at.clone(), format!("{cell}: {why}"))),
                        );
                    }
                }
                Err(mut e) => problems.append(&mut e),
            }
        }
        if problems.is_empty() {
            Ok(plan.build())
        } else {
            Err(PlanError { problems })
        }
    }

    /// A matrix set against the plan.
    pub fn report<'a>(&'a self, matrix: &'a Matrix) -> PlanReport<'a> {
        PlanReport { plan: self, matrix }
    }
}

/// A plan being built: targets added one by one, each checked against the policy. See [`Plan::builder`].
#[derive(Debug, Clone)]
pub struct PlanBuilder {
    plan: Plan,
    policy: Policy,
    /// Every cell a decision of the policy's table puts someone in; `None` for a policy without a table.
    places: Option<Vec<Reached>>,
}

impl PlanBuilder {
    /// Adds a target for a cell the policy can produce.
    ///
    /// # Errors
    ///
    /// A cell the policy can never produce, or one that already has a target; the plan is then unchanged.
    ///
    /// ```
    /// use talent_matrix::{plan::Plan, MatrixRow, Policy, Stream, Tier};
    /// let mut plan = Plan::builder(2015, &Policy::default())?;
    /// plan.add(MatrixRow::Stream(Stream::EnterpriseManagement), Some(Some(Tier::Leader)), 10)?;
    /// let err = plan.add(MatrixRow::Stream(Stream::SocialWork), Some(Some(Tier::Leader)), 1).unwrap_err();
    /// assert!(err.to_string().contains("no tier"), "{err}");
    /// assert_eq!(plan.build().targets().count(), 1);
    /// # Ok::<(), talent_matrix::plan::PlanError>(())
    /// ```
    pub fn add(
        &mut self,
        row: MatrixRow,
        column: Option<Option<Tier>>,
        count: u64,
    ) -> Result<(), PlanError> {
        if let Err(why) = producible(&self.policy, self.places.as_deref(), row, column) {
            return Err(PlanError::one(describe(row, column), why));
        }
        if self.plan.targets.contains_key(&(row, column)) {
            return Err(PlanError::one(
                describe(row, column),
                "this cell already has a target",
            ));
        }
        self.plan.targets.insert((row, column), count);
        Ok(())
    }

    /// The plan.
    pub fn build(self) -> Plan {
        self.plan
    }
}

/// One target of a TOML plan, read and checked: its cell and count, or its problems.
#[cfg(feature = "toml")]
fn read_target(
    target: &toml::Value,
    policy: &Policy,
    at: &str,
) -> Result<(Cell, u64), Vec<(String, String)>> {
    let mut problems = Vec::new();
    let Some(table) = target.as_table() else {
        return Err(vec![(
            at.to_owned(),
            "expected a table with stream and count".to_owned(),
        )]);
    };
    for key in table
        .keys()
        .filter(|k| !["stream", "specialty", "tier", "count"].contains(&k.as_str()))
    {
        problems.push((
            format!("{at}.{key}"),
            "unknown key; a target has stream, specialty, tier and count".to_owned(),
        ));
    }
    let mut text = |key: &str| match table.get(key) {
        Some(toml::Value::String(s)) => Some(s.clone()),
        Some(other) => {
            problems.push((
                format!("{at}.{key}"),
                format!("{other} is not text; expected a code or label"),
            ));
            None
        }
        None => None,
    };
    let (stream, specialty, tier) = (text("stream"), text("specialty"), text("tier"));
    let stream = match stream {
        Some(s) => match s.parse::<Stream>() {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push((format!("{at}.stream"), e.to_string()));
                None
            }
        },
        None => {
            if !table.contains_key("stream") {
                problems.push((
                    format!("{at}.stream"),
                    "missing; expected a stream's code or label".to_owned(),
                ));
            }
            None
        }
    };
    let specialty = specialty.and_then(|s| match policy.parse::<Specialty>(&s) {
        Ok(s) => Some(Some(s)),
        Err(e) => {
            problems.push((format!("{at}.specialty"), e.to_string()));
            None
        }
    });
    let no_tier = ["none", "no_tier", "无层次", "無層次", "No tier"];
    let column = match tier {
        None if table.contains_key("tier") => None,
        None => Some(None),
        Some(t) if no_tier.iter().any(|n| n.eq_ignore_ascii_case(&t)) => Some(Some(None)),
        Some(t) => match policy.parse::<Tier>(&t) {
            Ok(t) => Some(Some(Some(t))),
            Err(e) => {
                problems.push((format!("{at}.tier"), e.to_string()));
                None
            }
        },
    };
    let count = match table.get("count") {
        Some(toml::Value::Integer(n)) if *n < 0 => {
            problems.push((
                format!("{at}.count"),
                format!("{n} is negative; expected a whole number of people, 0 or more"),
            ));
            None
        }
        Some(toml::Value::Integer(n)) => u64::try_from(*n).ok(),
        Some(other) => {
            problems.push((
                format!("{at}.count"),
                format!("{other} is not a whole number; expected a number of people, 0 or more"),
            ));
            None
        }
        None => {
            problems.push((
                format!("{at}.count"),
                "missing; expected the target number of people".to_owned(),
            ));
            None
        }
    };
    match (stream, specialty, column, count) {
        (Some(stream), specialty, Some(column), Some(count)) if problems.is_empty() => {
            let row = match specialty.flatten() {
                Some(sp) if sp.parent() == stream => MatrixRow::Specialty(sp),
                Some(sp) => {
                    return Err(vec![(
                        format!("{at}.specialty"),
                        format!(
                            "{} is a specialty of {}, not of {}",
                            sp.code(),
                            sp.parent().code(),
                            stream.code()
                        ),
                    )]);
                }
                None => MatrixRow::Stream(stream),
            };
            Ok(((row, column), count))
        }
        _ => Err(problems),
    }
}

/// The cell's codes as the plan's problems name it: `stream/specialty`, then the tier, `none` or `total`.
fn describe(row: MatrixRow, column: Option<Option<Tier>>) -> String {
    let tier = match column {
        Some(Some(t)) => t.code(),
        Some(None) => "none",
        None => "total",
    };
    format!("{} {tier}", row.code())
}

/// Whether the policy can put anyone in the cell; why not if it cannot.
fn producible(
    policy: &Policy,
    places: Option<&[Reached]>,
    row: MatrixRow,
    column: Option<Option<Tier>>,
) -> Result<(), String> {
    let (stream, specialty) = match row {
        MatrixRow::Stream(s) => (s, None),
        MatrixRow::Specialty(sp) => (sp.parent(), Some(sp)),
    };
    if let Some(Some(t)) = column {
        if !policy.has_ladder(stream) {
            return Err(format!(
                "the policy can never produce this cell: stream {} has no tier in policy {}",
                stream.code(),
                policy.name()
            ));
        }
        if !policy.tiers(stream).contains(&t) {
            return Err(format!(
                "the policy can never produce this cell: tier {} is not on the ladder of stream {} in policy {}",
                t.code(),
                stream.code(),
                policy.name()
            ));
        }
    }
    if let Some(places) = places {
        let reached = places.iter().any(|&(st, sp, t)| {
            st == Some(stream)
                && specialty.is_none_or(|want| sp == Some(want))
                && column.is_none_or(|want| t == want)
        });
        if !reached {
            return Err(format!(
                "the policy can never produce this cell: no decision of policy {} puts anyone there",
                policy.name()
            ));
        }
    }
    Ok(())
}

/// A shown cell of the plan report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Against {
    /// The matrix's count.
    pub actual: u64,
    /// The plan's target, if the cell has one.
    pub target: Option<u64>,
}

impl Against {
    /// Actual less target.
    pub fn difference(&self) -> Option<i128> {
        self.target.map(|t| i128::from(self.actual) - i128::from(t))
    }

    /// The percent of the target reached, `None` without a target or for a target of 0.
    pub fn percent(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)] // a share of people, shown to one decimal
        self.target
            .filter(|t| *t > 0)
            .map(|t| self.actual as f64 * 100.0 / t as f64)
    }

    fn fields(&self) -> Vec<String> {
        vec![
            self.actual.to_string(),
            self.target.map(|t| t.to_string()).unwrap_or_default(),
            self.difference().map(|d| d.to_string()).unwrap_or_default(),
            self.percent()
                .map(|p| format!("{p:.1}"))
                .unwrap_or_default(),
        ]
    }
}

/// A matrix set against a plan: every shown cell's actual count and, where the plan has one, its target.
#[derive(Debug, Clone, Copy)]
pub struct PlanReport<'a> {
    plan: &'a Plan,
    matrix: &'a Matrix,
}

impl PlanReport<'_> {
    /// The plan.
    pub fn plan(&self) -> &Plan {
        self.plan
    }

    /// A row of the matrix in a tier column, or in total (`None`).
    pub fn get(&self, row: MatrixRow, column: Option<Option<Tier>>) -> Against {
        Against {
            actual: match column {
                Some(t) => self.matrix.row_cell(row, t),
                None => self.matrix.row_total(row),
            },
            target: self.plan.target(row, column),
        }
    }

    pub(crate) fn line(&self, line: Line, column: Option<Option<Tier>>) -> Against {
        match line {
            Line::Row(row) => self.get(row, column),
            Line::Talents => Against {
                actual: column.map_or(self.matrix.talents(), |t| self.matrix.column_total(t)),
                target: None,
            },
            Line::NotTalent => Against {
                actual: self.matrix.not_talent(),
                target: None,
            },
            Line::Everyone => Against {
                actual: self.matrix.total(),
                target: None,
            },
        }
    }

    /// The report as a text table: each cell `actual / target (difference, percent)`, or the actual count alone
    /// where the plan has no target.
    pub fn to_table(&self, lang: Lang) -> String {
        let heading = self.heading(lang);
        let grid = grid_table(self.matrix, lang, |line, column| {
            let a = self.line(line, column);
            match (a.target, a.difference(), a.percent()) {
                (Some(t), Some(d), Some(p)) => format!("{} / {t} ({d:+}, {p:.1}%)", a.actual),
                (Some(t), Some(d), None) => format!("{} / {t} ({d:+})", a.actual),
                _ => a.actual.to_string(),
            }
        });
        format!("{heading}\n{grid}")
    }

    /// The report as an SVG heatmap of the matrix (shaded by count, as [`Matrix::to_svg`]), headed by the plan's
    /// year, each cell with a target written `actual / target (percent)`.
    ///
    /// ```
    /// use talent_matrix::{plan::Plan, Lang, Matrix, MatrixRow, Policy, Stream};
    /// let mut plan = Plan::builder(2015, &Policy::default())?;
    /// plan.add(MatrixRow::Stream(Stream::SocialWork), Some(None), 4)?;
    /// let plan = plan.build();
    /// let svg = plan.report(&Matrix::new()).to_svg(Lang::En);
    /// assert!(svg.contains(">0 / 4 (0.0%)</text>") && svg.contains("Talent targets for 2015"));
    /// # Ok::<(), talent_matrix::plan::PlanError>(())
    /// ```
    pub fn to_svg(&self, lang: Lang) -> String {
        let shown = |a: Against| {
            a.target.map(|t| match a.percent() {
                Some(p) => format!("{} / {t} ({p:.1}%)", a.actual),
                None => format!("{} / {t}", a.actual),
            })
        };
        let cell = |row: MatrixRow, tier: Option<Tier>| shown(self.get(row, Some(tier)));
        let total = |row: MatrixRow| shown(self.get(row, None));
        self.matrix.svg_with(
            lang,
            &SvgText {
                title: Some(self.heading(lang)),
                cell: Some(&cell),
                total: Some(&total),
            },
        )
    }

    fn heading(&self, lang: Lang) -> String {
        match lang {
            Lang::ZhHans => format!("{}年人才发展目标", self.plan.year),
            Lang::ZhHant => format!("{}年人才發展目標", self.plan.year),
            Lang::En => format!("Talent targets for {}", self.plan.year),
        }
    }

    /// The report as CSV in long form: `row,label,tier,actual,target,difference,percent`, a record per row of the
    /// matrix and tier column (`total` for the row's total); target, difference and percent empty where the plan
    /// has no target.
    pub fn to_csv(&self, lang: Lang) -> String {
        grid_csv(
            self.matrix,
            lang,
            &["actual", "target", "difference", "percent"],
            |line, column| self.line(line, column).fields(),
        )
    }
}

/// Serializes as `{"year", "cells": [{"row", "tier", "actual", "target", "difference", "percent"}]}`, a cell per
/// row of the matrix and tier column (`tier` a code, `no_tier`, or `total`, as in CSV).
#[cfg(feature = "serde")]
impl serde::Serialize for PlanReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            row: String,
            tier: &'a str,
            actual: u64,
            target: Option<u64>,
            difference: Option<i128>,
            percent: Option<f64>,
        }
        let cells: Vec<Shown<'_>> = Line::cells(self.matrix)
            .into_iter()
            .map(|(line, column)| {
                let a = self.line(line, column);
                Shown {
                    row: line.code(),
                    tier: Line::column_code(column),
                    actual: a.actual,
                    target: a.target,
                    difference: a.difference(),
                    percent: a.percent().map(|p| (p * 10.0).round() / 10.0),
                }
            })
            .collect();
        let mut s = serializer.serialize_struct("PlanReport", 2)?;
        s.serialize_field("year", &self.plan.year)?;
        s.serialize_field("cells", &cells)?;
        s.end()
    }
}
