//! Rendering a [`Matrix`]: a text table for a terminal, CSV for a spreadsheet, an SVG heatmap for a report.
//!
//! All three are small and dependency-free: the table aligns Chinese labels by display width, the CSV is quoted
//! where needed, and the SVG is plain SVG 1.1 that browsers render as is (labels use the system's CJK fonts).
//!
//! ```
//! use talent_matrix::{classify, Lang, Matrix, Post, Profile};
//!
//! let m: Matrix = [classify(&Profile::builder("1", Post::Community).build()?)].iter().collect();
//! let table = m.to_table(Lang::En);
//! assert!(table.lines().any(|l| l.starts_with("Social work talent") && l.trim_end().ends_with('1')));
//! assert!(m.to_csv(Lang::En).starts_with("row,label,leader,high_end,elite,no_tier,total\n"));
//! assert!(m.to_svg(Lang::ZhHans).starts_with("<svg"));
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use core::fmt::Write as _;

use crate::codes::{Department, MissingFact, Tier};
use crate::lang::Lang;
use crate::matrix::{Matrix, MatrixRow};

/// The report's own words, in zh-Hans, zh-Hant and English.
#[derive(Clone, Copy)]
pub(crate) enum Word {
    NoTier,
    Total,
    OfWhich,
    AllTalent,
    NotTalent,
    Everyone,
    Title,
    People,
    Department,
    Lead,
    ManagedBy,
    Entitlements,
    Amounts,
    Services,
    MissingFacts,
}

impl Word {
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        let (hans, hant, en) = match self {
            Word::NoTier => ("无层次", "無層次", "No tier"),
            Word::Total => ("合计", "合計", "Total"),
            Word::OfWhich => ("其中：", "其中：", "of which: "),
            Word::AllTalent => ("人才合计", "人才合計", "All talent"),
            Word::NotTalent => ("不计入人才", "不計入人才", "Not counted as talent"),
            Word::Everyone => ("总计", "總計", "Everyone"),
            Word::Title => (
                "人才双向分类矩阵",
                "人才雙向分類矩陣",
                "Two-way talent matrix",
            ),
            Word::People => ("人", "人", "people"),
            Word::Department => ("部门", "部門", "Department"),
            Word::Lead => ("主管", "主管", "Lead"),
            Word::ManagedBy => ("管理", "管理", "Manages"),
            Word::Entitlements => ("待遇", "待遇", "Entitlements"),
            Word::Amounts => ("待遇金额", "待遇金額", "Entitlement amounts"),
            Word::Services => ("服务", "服務", "Services"),
            Word::MissingFacts => ("待补信息", "待補信息", "Missing facts"),
        };
        match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }
}

/// The label of a tier column.
pub(crate) fn tier_label(tier: Option<Tier>, lang: Lang) -> &'static str {
    tier.map_or(Word::NoTier.text(lang), |t| t.label(lang))
}

/// The label of a row as shown: specialties indented under their stream.
pub(crate) fn row_label(row: MatrixRow, lang: Lang) -> String {
    match row {
        MatrixRow::Stream(s) => s.label(lang).to_owned(),
        MatrixRow::Specialty(s) => format!("  {}{}", Word::OfWhich.text(lang), s.label(lang)),
    }
}

/// Display width in a terminal: East Asian wide characters count two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// The display width of each column of a table: its widest cell or its header.
fn column_widths(headers: &[impl AsRef<str>], rows: &[(String, Vec<String>)]) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|(_, c)| c.get(i))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
                .max(width(h.as_ref()))
        })
        .collect()
}

/// Pads `s` to `w` display columns, on the right (`left = true`) or on the left.
fn pad(s: &str, w: usize, left: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if left {
        format!("{s}{fill}")
    } else {
        format!("{fill}{s}")
    }
}

/// A CSV cell: the crate's one rule for CSV ([`safety::csv_cell`](crate::safety::csv_cell)).
pub(crate) fn csv_cell(s: &str) -> String {
    crate::safety::csv_cell(s)
}

/// A line of a figures grid beside the matrix (the comparison of two years, the plan): a row of the matrix, the
/// talents, those not counted as talent, or everyone. The last two have a total only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    Row(MatrixRow),
    Talents,
    NotTalent,
    Everyone,
}

impl Line {
    /// Every line of a matrix's grid, in display order.
    pub(crate) fn all(m: &Matrix) -> Vec<Line> {
        m.rows()
            .map(Line::Row)
            .chain([Line::Talents, Line::NotTalent, Line::Everyone])
            .collect()
    }

    /// The line's code in CSV (`row` column), as [`Matrix::to_csv`] writes it.
    pub(crate) fn code(self) -> String {
        match self {
            Line::Row(r) => r.code(),
            Line::Talents => "talent_total".to_owned(),
            Line::NotTalent => "not_talent".to_owned(),
            Line::Everyone => "everyone".to_owned(),
        }
    }

    /// The line's label.
    pub(crate) fn label(self, lang: Lang) -> String {
        match self {
            Line::Row(r) => row_label(r, lang),
            Line::Talents => Word::AllTalent.text(lang).to_owned(),
            Line::NotTalent => Word::NotTalent.text(lang).to_owned(),
            Line::Everyone => Word::Everyone.text(lang).to_owned(),
        }
    }

    /// Every shown cell of a matrix's grid: each line with each tier column (for the lines that have them) and
    /// then its total (`None`), in display order.
    pub(crate) fn cells(m: &Matrix) -> Vec<(Line, Option<Option<Tier>>)> {
        let columns = m.tier_columns();
        let mut cells = Vec::new();
        for line in Line::all(m) {
            if line.has_columns() {
                cells.extend(columns.iter().map(|&t| (line, Some(t))));
            }
            cells.push((line, None));
        }
        cells
    }

    /// A grid column's code: a tier's code, `no_tier`, or `total`.
    pub(crate) fn column_code(column: Option<Option<Tier>>) -> &'static str {
        match column {
            Some(Some(t)) => t.code(),
            Some(None) => "no_tier",
            None => "total",
        }
    }

    /// Whether the line has a cell per tier column (not only a total).
    pub(crate) fn has_columns(self) -> bool {
        matches!(self, Line::Row(_) | Line::Talents)
    }
}

/// A grid of figures over a matrix's lines and tier columns as a text table: a column per tier and the total,
/// each cell what `cell` writes for (line, column), `None` for the total column; labels aligned by display width.
pub(crate) fn grid_table(
    m: &Matrix,
    lang: Lang,
    mut cell: impl FnMut(Line, Option<Option<Tier>>) -> String,
) -> String {
    let columns = m.tier_columns();
    let headers: Vec<String> = columns
        .iter()
        .map(|&t| tier_label(t, lang).to_owned())
        .chain([Word::Total.text(lang).to_owned()])
        .collect();
    let rows: Vec<(String, Vec<String>)> = Line::all(m)
        .into_iter()
        .map(|line| {
            let mut cells: Vec<String> = columns
                .iter()
                .map(|&t| {
                    if line.has_columns() {
                        cell(line, Some(t))
                    } else {
                        String::new()
                    }
                })
                .collect();
            cells.push(cell(line, None));
            (line.label(lang), cells)
        })
        .collect();
    let label_w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let col_w = column_widths(&headers, &rows);
    let mut out = String::new();
    let mut line = |label: &str, cells: &[String]| {
        let _ = write!(out, "{}", pad(label, label_w, true));
        for (c, w) in cells.iter().zip(&col_w) {
            let _ = write!(out, "  {}", pad(c, *w, false));
        }
        out.push('\n');
    };
    line("", &headers);
    for (label, cells) in &rows {
        line(label, cells);
    }
    out
}

/// A grid of figures over a matrix's lines and tier columns as CSV in long form: `row,label,tier,` then the
/// `fields`, one record per line and column (`tier` is a tier code, `no_tier`, or `total`), the figures
/// written by `cell` (numbers, written as they are).
pub(crate) fn grid_csv(
    m: &Matrix,
    lang: Lang,
    fields: &[&str],
    mut cell: impl FnMut(Line, Option<Option<Tier>>) -> Vec<String>,
) -> String {
    let mut out = format!("row,label,tier,{}\n", fields.join(","));
    for (line, column) in Line::cells(m) {
        // The figures are numbers this crate wrote (a negative difference among them), not text from input,
        // so they are written as they are: neutralising `-2` would make it text in a spreadsheet.
        let figures = cell(line, column);
        let _ = writeln!(
            out,
            "{},{},{},{}",
            line.code(),
            csv_cell(&line.label(lang)),
            Line::column_code(column),
            figures.join(",")
        );
    }
    out
}

/// A count's colours in the heatmap, as RGB: the fill, from a pale blue to a deep blue by the square root of
/// its share of the largest count, and the ink to write it in; grey for zero.
pub(crate) fn heat(n: u64, max: u64) -> (u32, u32) {
    if n == 0 {
        return (0xf4f4f4, 0x9a9a9a);
    }
    let shade = (n as f64 / max.max(1) as f64).sqrt().min(1.0);
    let mix = |a: f64, b: f64| u32::from((a + (b - a) * shade).round() as u8);
    let fill = mix(222.0, 8.0) << 16 | mix(235.0, 69.0) << 8 | mix(247.0, 148.0);
    (fill, if shade > 0.55 { 0xffffff } else { 0x08306b })
}

/// What a heatmap writes instead of its own title and counts (`None`: its own).
#[derive(Default)]
pub(crate) struct SvgText<'a> {
    pub(crate) title: Option<String>,
    pub(crate) cell: Option<&'a dyn Fn(MatrixRow, Option<Tier>) -> Option<String>>,
    pub(crate) total: Option<&'a dyn Fn(MatrixRow) -> Option<String>>,
}

/// Text for SVG: shown as for a terminal ([`safety::shown`](crate::safety::shown)), then escaped for XML.
fn xml(s: &str) -> String {
    let s = crate::safety::shown(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

impl Matrix {
    /// The matrix as a text table, then the department workload, entitlements, services and missing facts
    /// (only the lines with something to say). Chinese labels are aligned by display width.
    ///
    /// ```
    /// use talent_matrix::{classify, Lang, Matrix, Post, Profile};
    /// let m: Matrix = [classify(&Profile::builder("1", Post::Other).build()?)].iter().collect();
    /// let table = m.to_table(Lang::ZhHans);
    /// assert!(table.contains("不计入人才"));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn to_table(&self, lang: Lang) -> String {
        let columns = self.tier_columns();
        let rows: Vec<(String, Vec<String>)> = self
            .rows()
            .map(|r| {
                let mut counts: Vec<String> = columns
                    .iter()
                    .map(|&t| self.row_cell(r, t).to_string())
                    .collect();
                counts.push(self.row_total(r).to_string());
                (row_label(r, lang), counts)
            })
            .chain(core::iter::once({
                let mut counts: Vec<String> = columns
                    .iter()
                    .map(|&t| self.column_total(t).to_string())
                    .collect();
                counts.push(self.talents().to_string());
                (Word::AllTalent.text(lang).to_owned(), counts)
            }))
            .collect();
        let headers: Vec<&str> = columns
            .iter()
            .map(|&t| tier_label(t, lang))
            .chain(core::iter::once(Word::Total.text(lang)))
            .collect();
        let label_w = rows
            .iter()
            .map(|(l, _)| width(l))
            .max()
            .unwrap_or(0)
            .max(width(Word::NotTalent.text(lang)));
        let col_w = column_widths(&headers, &rows);
        let mut out = String::new();
        let line = |label: &str, cells: &[String], out: &mut String| {
            let _ = write!(out, "{}", pad(label, label_w, true));
            for (c, w) in cells.iter().zip(&col_w) {
                let _ = write!(out, "  {}", pad(c, *w, false));
            }
            out.push('\n');
        };
        let header_cells: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        line("", &header_cells, &mut out);
        for (label, counts) in &rows {
            line(label, counts, &mut out);
        }
        let blank = |n: u64| {
            let mut v = vec![String::new(); columns.len()];
            v.push(n.to_string());
            v
        };
        line(
            Word::NotTalent.text(lang),
            &blank(self.not_talent()),
            &mut out,
        );
        line(Word::Everyone.text(lang), &blank(self.total()), &mut out);

        let loads: Vec<(Department, u64, u64)> = self
            .departments()
            .into_iter()
            .map(|d| (d, self.lead_count(d), self.managed_by_count(d)))
            .filter(|&(_, l, m)| l + m > 0)
            .collect();
        if !loads.is_empty() {
            let dw = loads
                .iter()
                .map(|(d, _, _)| width(d.label(lang)))
                .max()
                .unwrap_or(0)
                .max(width(Word::Department.text(lang)));
            let (lw, mw) = (
                width(Word::Lead.text(lang)).max(6),
                width(Word::ManagedBy.text(lang)).max(6),
            );
            let _ = writeln!(
                out,
                "\n{}  {}  {}",
                pad(Word::Department.text(lang), dw, true),
                pad(Word::Lead.text(lang), lw, false),
                pad(Word::ManagedBy.text(lang), mw, false)
            );
            for (d, l, m) in loads {
                let _ = writeln!(
                    out,
                    "{}  {}  {}",
                    pad(d.label(lang), dw, true),
                    pad(&l.to_string(), lw, false),
                    pad(&m.to_string(), mw, false)
                );
            }
        }
        let counted = |word: Word, items: Vec<(&str, u64)>, out: &mut String| {
            let items: Vec<String> = items
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            if !items.is_empty() {
                let sep = if lang.is_chinese() { "，" } else { ", " };
                let colon = if lang.is_chinese() { "：" } else { ": " };
                let _ = writeln!(out, "\n{}{colon}{}", word.text(lang), items.join(sep));
            }
        };
        counted(
            Word::Entitlements,
            self.entitlements()
                .into_iter()
                .map(|e| (e.label(lang), self.entitlement_count(e)))
                .collect(),
            &mut out,
        );
        // What the entitlements cost, where the policy gives amounts (DOMAIN.md §9.1).
        let priced: Vec<String> = self
            .entitlements()
            .into_iter()
            .filter_map(|e| {
                let (amount, (total, per)) =
                    (self.entitlement_amount(e)?, self.entitlement_total(e)?);
                let (n, per) = (self.entitlement_count(e), per.label(lang));
                Some(if lang.is_chinese() {
                    format!(
                        "{} {n}人 × {per}{}元 = {per}{total}元",
                        e.label(lang),
                        amount.yuan
                    )
                } else {
                    format!(
                        "{} {n} × {} yuan {per} = {total} yuan {per}",
                        e.label(lang),
                        amount.yuan
                    )
                })
            })
            .collect();
        if !priced.is_empty() {
            let (sep, colon) = if lang.is_chinese() {
                ("；", "：")
            } else {
                ("; ", ": ")
            };
            let _ = writeln!(
                out,
                "\n{}{colon}{}",
                Word::Amounts.text(lang),
                priced.join(sep)
            );
        }
        counted(
            Word::Services,
            self.services()
                .into_iter()
                .map(|s| (s.label(lang), self.service_count(s)))
                .collect(),
            &mut out,
        );
        let missing: Vec<(&str, &crate::matrix::Ids)> = MissingFact::ALL
            .iter()
            .filter(|&&f| !self.missing(f).is_empty())
            .map(|&f| (f.label(lang), self.missing(f)))
            .chain(
                self.missing_indicator_labels()
                    .map(|(labels, ids)| (labels.get(lang), ids)),
            )
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(out, "\n{}", Word::MissingFacts.text(lang));
            for (label, ids) in missing {
                // Shown as a terminal should show them (see `safety`): whatever an id holds cannot act.
                let shown: Vec<std::borrow::Cow<'_, str>> =
                    ids.iter().take(10).map(crate::safety::shown).collect();
                let more = if ids.len() > 10 { " …" } else { "" };
                let _ = writeln!(
                    out,
                    "  {} ({}): {}{more}",
                    crate::safety::shown(label),
                    ids.len(),
                    shown.join(" ")
                );
            }
        }
        out
    }

    /// The matrix as CSV: `row,label,leader,high_end,elite,no_tier,total`, a line per row (streams, then their
    /// specialties as `stream/specialty`), then `talent_total`, `not_talent` and `everyone`.
    ///
    /// ```
    /// use talent_matrix::{Lang, Matrix};
    /// let csv = Matrix::new().to_csv(Lang::ZhHans);
    /// assert!(csv.contains("\nenterprise_management/finance_commerce,  其中：金融商务人才,0,0,0,0,0\n"));
    /// assert!(csv.ends_with("everyone,总计,,,,,0\n"));
    /// ```
    pub fn to_csv(&self, lang: Lang) -> String {
        let columns = self.tier_columns();
        let mut out = String::from("row,label,");
        for t in &columns {
            out.push_str(t.map_or("no_tier", |t| t.code()));
            out.push(',');
        }
        out.push_str("total\n");
        let blank = ",".repeat(columns.len() + 1);
        for r in self.rows() {
            let _ = write!(out, "{},{}", r.code(), csv_cell(&row_label(r, lang)));
            for &t in &columns {
                let _ = write!(out, ",{}", self.row_cell(r, t));
            }
            let _ = writeln!(out, ",{}", self.row_total(r));
        }
        let _ = write!(out, "talent_total,{}", csv_cell(Word::AllTalent.text(lang)));
        for &t in &columns {
            let _ = write!(out, ",{}", self.column_total(t));
        }
        let _ = writeln!(out, ",{}", self.talents());
        let _ = writeln!(
            out,
            "not_talent,{}{blank}{}",
            csv_cell(Word::NotTalent.text(lang)),
            self.not_talent()
        );
        let _ = writeln!(
            out,
            "everyone,{}{blank}{}",
            csv_cell(Word::Everyone.text(lang)),
            self.total()
        );
        out
    }

    /// The matrix as an SVG heatmap: streams and specialties down, tiers across, one shaded cell (a
    /// `<rect class="cell">`) per row and tier with its count, totals at the right, labels in `lang`.
    ///
    /// ```
    /// use talent_matrix::{Lang, Matrix};
    /// let svg = Matrix::new().to_svg(Lang::En);
    /// assert_eq!(svg.matches(r#"class="cell""#).count(), 8 * 4);
    /// assert!(svg.trim_end().ends_with("</svg>"));
    /// ```
    pub fn to_svg(&self, lang: Lang) -> String {
        self.svg_with(lang, &SvgText::default())
    }

    /// The heatmap, with the title and the text of the cells and row totals given by `text` where it gives them
    /// (the plan's `actual / target`), else the counts.
    pub(crate) fn svg_with(&self, lang: Lang, text: &SvgText<'_>) -> String {
        const FONT: f64 = 14.0;
        const CELL_H: f64 = 34.0;
        const MARGIN: f64 = 16.0;
        // Rough text widths: half an em per narrow character, one em per wide one.
        let text_w = |s: &str| width(s) as f64 * FONT * 0.55;
        let columns = self.tier_columns();
        let rows: Vec<MatrixRow> = self.rows().collect();
        let label_w = rows
            .iter()
            .map(|&r| text_w(&row_label(r, lang)))
            .fold(text_w(Word::AllTalent.text(lang)), f64::max)
            + 20.0;
        let given = |r: MatrixRow, t: Option<Tier>| text.cell.and_then(|f| f(r, t));
        let given_total = |r: MatrixRow| text.total.and_then(|f| f(r));
        let cell_w = columns
            .iter()
            .map(|&t| text_w(tier_label(t, lang)))
            .chain(
                rows.iter()
                    .flat_map(|&r| columns.iter().filter_map(move |&t| given(r, t)))
                    .map(|s| text_w(&s)),
            )
            .fold(72.0, f64::max)
            + 20.0;
        let total_w = rows
            .iter()
            .filter_map(|&r| given_total(r))
            .map(|s| text_w(&s))
            .fold(text_w(Word::Total.text(lang)).max(48.0), f64::max)
            + 16.0;
        let title_h = 40.0;
        let head_h = 30.0;
        let n_rows = rows.len() as f64 + 1.0;
        let width_px = MARGIN * 2.0 + label_w + cell_w * columns.len() as f64 + total_w;
        let height_px = MARGIN * 2.0 + title_h + head_h + CELL_H * n_rows;
        let max = rows
            .iter()
            .flat_map(|&r| columns.iter().map(move |&t| (r, t)))
            .map(|(r, t)| self.row_cell(r, t))
            .max()
            .unwrap_or(0)
            .max(1);

        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width_px:.0}" height="{height_px:.0}" viewBox="0 0 {width_px:.0} {height_px:.0}" font-family="'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif" font-size="{FONT}">"#
        );
        let _ = writeln!(
            svg,
            r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
        );
        let people = if lang.is_chinese() {
            format!("（{}{}）", self.total(), Word::People.text(lang))
        } else {
            format!(" ({} {})", self.total(), Word::People.text(lang))
        };
        let title = match &text.title {
            Some(title) => title.clone(),
            None => format!("{}{people}", Word::Title.text(lang)),
        };
        let _ = writeln!(
            svg,
            r##"<text x="{MARGIN}" y="{:.0}" font-size="18" font-weight="bold" fill="#222222">{}</text>"##,
            MARGIN + 22.0,
            xml(&title)
        );
        let top = MARGIN + title_h;
        let left = MARGIN + label_w;
        for (i, &t) in columns.iter().enumerate() {
            let x = left + cell_w * i as f64 + cell_w / 2.0;
            let _ = writeln!(
                svg,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#333333">{}</text>"##,
                top + head_h - 10.0,
                xml(tier_label(t, lang))
            );
        }
        let total_x = left + cell_w * columns.len() as f64 + total_w / 2.0;
        let _ = writeln!(
            svg,
            r##"<text x="{total_x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#333333">{}</text>"##,
            top + head_h - 10.0,
            xml(Word::Total.text(lang))
        );
        for (j, &r) in rows.iter().enumerate() {
            let y = top + head_h + CELL_H * j as f64;
            let weight = if matches!(r, MatrixRow::Stream(_)) {
                "bold"
            } else {
                "normal"
            };
            let _ = writeln!(
                svg,
                r##"<text x="{MARGIN}" y="{:.1}" font-weight="{weight}" fill="#222222" xml:space="preserve">{}</text>"##,
                y + CELL_H / 2.0 + 5.0,
                xml(&row_label(r, lang))
            );
            for (i, &t) in columns.iter().enumerate() {
                let n = self.row_cell(r, t);
                let x = left + cell_w * i as f64;
                let (fill, ink) = heat(n, max);
                let (fill, ink) = (format!("#{fill:06x}"), format!("#{ink:06x}"));
                let _ = writeln!(
                    svg,
                    r##"<rect class="cell" data-row="{}" data-tier="{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#ffffff" stroke-width="2"><title>{} × {}: {n}</title></rect>"##,
                    r.code(),
                    t.map_or("none", |t| t.code()),
                    x,
                    y,
                    cell_w,
                    CELL_H,
                    xml(r.label(lang)),
                    xml(tier_label(t, lang)),
                );
                let shown = given(r, t).map_or_else(|| n.to_string(), |s| xml(&s));
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{shown}</text>"#,
                    x + cell_w / 2.0,
                    y + CELL_H / 2.0 + 5.0
                );
            }
            let shown = given_total(r).map_or_else(|| self.row_total(r).to_string(), |s| xml(&s));
            let _ = writeln!(
                svg,
                r##"<text x="{total_x:.1}" y="{:.1}" text-anchor="middle" fill="#222222">{shown}</text>"##,
                y + CELL_H / 2.0 + 5.0,
            );
        }
        let y = top + head_h + CELL_H * rows.len() as f64;
        let _ = writeln!(
            svg,
            r##"<line x1="{MARGIN}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#666666"/>"##,
            width_px - MARGIN
        );
        let _ = writeln!(
            svg,
            r##"<text x="{MARGIN}" y="{:.1}" font-weight="bold" fill="#222222">{}</text>"##,
            y + CELL_H / 2.0 + 5.0,
            xml(Word::AllTalent.text(lang))
        );
        for (i, &t) in columns.iter().enumerate() {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#222222">{}</text>"##,
                left + cell_w * i as f64 + cell_w / 2.0,
                y + CELL_H / 2.0 + 5.0,
                self.column_total(t)
            );
        }
        let _ = writeln!(
            svg,
            r##"<text x="{total_x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#222222">{}</text>"##,
            y + CELL_H / 2.0 + 5.0,
            self.talents()
        );
        svg.push_str("</svg>\n");
        svg
    }

    /// Small multiples: a heatmap ([`to_svg`](Self::to_svg)) per unit and one for the total (`self`), two to a
    /// row, each under its heading (`column: unit`), in one SVG. `None` units are headed "not given".
    ///
    /// ```
    /// use talent_matrix::{Lang, Matrix};
    /// let units = [(Some("大观园街道".to_owned()), Matrix::new()), (None, Matrix::new())];
    /// let svg = Matrix::new().to_svg_by(Lang::ZhHans, "填报单位", &units);
    /// assert_eq!(svg.matches(r#"class="cell""#).count(), 3 * 8 * 4);
    /// assert!(svg.contains("填报单位：大观园街道") && svg.contains("填报单位：（未填）") && svg.contains("填报单位：（合计）"));
    /// ```
    pub fn to_svg_by(
        &self,
        lang: Lang,
        column: &str,
        units: &[(Option<String>, Matrix)],
    ) -> String {
        const HEADING: f64 = 28.0;
        let total = crate::matrix::all_units_label(lang);
        let sep = if lang == Lang::En { ": " } else { "：" };
        let panels: Vec<(String, String)> = units
            .iter()
            .map(|(u, m)| (crate::matrix::unit_label(u.as_deref(), lang), m))
            .chain([(std::borrow::Cow::Borrowed(total), self)])
            .map(|(u, m)| (format!("{column}{sep}{u}"), m.to_svg(lang)))
            .collect();
        // Each panel's size, from its root element.
        let size = |svg: &str, what: &str| -> f64 {
            let key = format!(" {what}=\"");
            svg.find(&key)
                .and_then(|at| {
                    let rest = svg.get(at + key.len()..)?;
                    rest.get(..rest.find('"')?)?.parse().ok()
                })
                .unwrap_or(0.0)
        };
        let cell_w = panels
            .iter()
            .map(|(_, s)| size(s, "width"))
            .fold(0.0, f64::max);
        let cell_h = panels
            .iter()
            .map(|(_, s)| size(s, "height"))
            .fold(0.0, f64::max)
            + HEADING;
        let across = panels.len().min(2);
        let down = panels.len().div_ceil(2);
        let (width_px, height_px) = (cell_w * across as f64, cell_h * down as f64);
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width_px:.0}" height="{height_px:.0}" viewBox="0 0 {width_px:.0} {height_px:.0}" font-family="'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif" font-size="14">"#
        );
        let _ = writeln!(
            svg,
            r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
        );
        for (i, (heading, panel)) in panels.iter().enumerate() {
            let x = cell_w * (i % 2) as f64;
            let y = cell_h * (i / 2) as f64;
            let _ = writeln!(
                svg,
                r#"<text x="{:.0}" y="{:.0}" font-size="16" font-weight="bold">{}</text>"#,
                x + 16.0,
                y + 20.0,
                xml(&heading
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>())
            );
            let nested = panel.replacen(
                r#"<svg xmlns="http://www.w3.org/2000/svg" "#,
                &format!(r#"<svg x="{x:.0}" y="{:.0}" "#, y + HEADING),
                1,
            );
            svg.push_str(&nested);
        }
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_counts_wide_characters_twice() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("人才"), 4);
        assert_eq!(width("其中：x"), 7);
        assert_eq!(pad("人", 4, true), "人  ");
        assert_eq!(pad("7", 3, false), "  7");
    }

    #[test]
    fn escaping() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(xml("a<b & 'c'"), "a&lt;b &amp; &apos;c&apos;");
    }
}
