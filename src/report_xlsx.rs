//! Reports and records as `.xlsx` workbooks (issue 13, feature `xlsx`), written with rust_xlsxwriter.
//!
//! [`Matrix::to_xlsx`] writes the report a talent office works with: the two-way matrix (coloured as the SVG
//! heatmap, totals bold), the departments' workload, the entitlements with their counts and totals, the records
//! with missing facts and what each misses, and every person's cell ([`Placement`]). [`RecordsSheet`] writes
//! the §6 records as one sheet, a column per field. Every text is written as a string cell, never a formula, so
//! a cell that begins with `=`, `+`, `-` or `@` stays the text it is.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use crate::classify::Classification;
use crate::codes::{Field, Specialty, Stream, Tier};
use crate::compare::Place;
use crate::lang::Lang;
use crate::matrix::Matrix;
use crate::plan::Plan;
use crate::report::{Line, Word, heat, row_label, tier_label};

/// One person's place in the matrix, for the report workbook's list of every person's cell.
///
/// ```
/// use talent_matrix::{classify, Post, Profile, Stream, report_xlsx::Placement};
/// let p = Profile::builder("P-1", Post::Community).build()?;
/// let place = Placement::of(&classify(&p));
/// assert_eq!((place.id(), place.stream()), ("P-1", Some(Stream::SocialWork)));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    id: String,
    place: Place,
}

impl Placement {
    /// Where a classification puts its person.
    pub fn of(c: &Classification<'_>) -> Placement {
        Placement {
            id: c.id().to_owned(),
            place: Place::of(c),
        }
    }

    /// The person's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The person's cell.
    pub fn place(&self) -> Place {
        self.place
    }

    /// The stream, `None` for someone not counted as talent.
    pub fn stream(&self) -> Option<Stream> {
        self.place.stream()
    }

    /// The specialty, if any.
    pub fn specialty(&self) -> Option<Specialty> {
        self.place.specialty()
    }

    /// The tier, if any.
    pub fn tier(&self) -> Option<Tier> {
        self.place.tier()
    }
}

/// The names of the report workbook's sheets and columns, in a language.
fn words(lang: Lang) -> [&'static str; 19] {
    match lang {
        Lang::ZhHans => [
            "矩阵",
            "部门",
            "待遇",
            "待补信息",
            "人员",
            "编号",
            "缺少",
            "人数",
            "金额（元）",
            "周期",
            "总额（元）",
            "人才类别",
            "目标",
            "人才类别",
            "层次",
            "实有",
            "目标",
            "差额",
            "完成（%）",
        ],
        Lang::ZhHant => [
            "矩陣",
            "部門",
            "待遇",
            "待補信息",
            "人員",
            "編號",
            "缺少",
            "人數",
            "金額（元）",
            "週期",
            "總額（元）",
            "人才類別",
            "目標",
            "人才類別",
            "層次",
            "實有",
            "目標",
            "差額",
            "完成（%）",
        ],
        Lang::En => [
            "Matrix",
            "Departments",
            "Entitlements",
            "Missing facts",
            "People",
            "ID",
            "Missing",
            "People",
            "Amount (yuan)",
            "Per",
            "Total (yuan)",
            "Stream",
            "Targets",
            "Row",
            "Tier",
            "Actual",
            "Target",
            "Difference",
            "Percent",
        ],
    }
}

impl Matrix {
    /// The report as an `.xlsx` workbook, labels in `lang`: five sheets, the matrix (counts coloured as the
    /// SVG heatmap, totals bold), the departments' workload, the entitlements with their counts and yearly
    /// totals, the records with missing facts, and every person's cell from `people` (empty for none).
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports (a sheet past Excel's 1,048,576 rows, say).
    ///
    /// ```
    /// use talent_matrix::{classify, Lang, Matrix, Post, Profile, report_xlsx::Placement};
    /// let p = Profile::builder("P-1", Post::Community).build()?;
    /// let c = classify(&p);
    /// let m: Matrix = [c].iter().collect();
    /// let bytes = m.to_xlsx(Lang::ZhHans, &[Placement::of(&c)])?;
    /// assert!(bytes.starts_with(b"PK"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_xlsx(&self, lang: Lang, people: &[Placement]) -> Result<Vec<u8>, XlsxError> {
        self.to_xlsx_with(lang, &Sheets::new().people(people))
    }

    /// The report as an `.xlsx` workbook with more sheets: the five of [`to_xlsx`](Self::to_xlsx) (every
    /// person's cell from [`Sheets::people`]), then a matrix sheet per unit ([`Sheets::units`], named by the unit,
    /// as Excel allows a sheet name) and the plan's sheet ([`Sheets::plan`]: actual, target, difference and
    /// percent per cell).
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports.
    ///
    /// ```
    /// use talent_matrix::report_xlsx::Sheets;
    /// use talent_matrix::{plan::Plan, Lang, Matrix, MatrixRow, Policy, Stream};
    /// let mut plan = Plan::builder(2015, &Policy::default())?;
    /// plan.add(MatrixRow::Stream(Stream::SocialWork), None, 10)?;
    /// let plan = plan.build();
    /// let units = [(Some("大观园街道".to_owned()), Matrix::new())];
    /// let bytes = Matrix::new().to_xlsx_with(Lang::ZhHans, &Sheets::new().units(&units).plan(&plan))?;
    /// assert!(bytes.starts_with(b"PK"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_xlsx_with(&self, lang: Lang, sheets: &Sheets<'_>) -> Result<Vec<u8>, XlsxError> {
        let people = sheets.people;
        let w = words(lang);
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();

        // The matrix.
        let sheet = book.add_worksheet();
        sheet.set_name(w[0])?;
        self.matrix_sheet(sheet, lang, &bold)?;

        // The departments' workload.
        let sheet = book.add_worksheet();
        sheet.set_name(w[1])?;
        header(
            sheet,
            &[
                Word::Department.text(lang),
                Word::Lead.text(lang),
                Word::ManagedBy.text(lang),
            ],
            &bold,
        )?;
        for (i, d) in self.departments().into_iter().enumerate() {
            let r = row(i + 1);
            sheet.write_string(r, 0, d.label(lang))?;
            sheet.write_number(r, 1, self.lead_count(d) as f64)?;
            sheet.write_number(r, 2, self.managed_by_count(d) as f64)?;
        }
        sheet.set_column_width(0, 40)?;

        // The entitlements, their counts and what they cost.
        let sheet = book.add_worksheet();
        sheet.set_name(w[2])?;
        header(
            sheet,
            &[Word::Entitlements.text(lang), w[7], w[8], w[9], w[10]],
            &bold,
        )?;
        for (i, e) in self.entitlements().into_iter().enumerate() {
            let r = row(i + 1);
            sheet.write_string(r, 0, e.label(lang))?;
            sheet.write_number(r, 1, self.entitlement_count(e) as f64)?;
            if let (Some(a), Some((total, per))) =
                (self.entitlement_amount(e), self.entitlement_total(e))
            {
                sheet.write_number(r, 2, a.yuan as f64)?;
                sheet.write_string(r, 3, per.label(lang))?;
                sheet.write_number(r, 4, total as f64)?;
            }
        }
        sheet.set_column_width(0, 36)?;

        // The records with missing facts, and what each misses.
        let sheet = book.add_worksheet();
        sheet.set_name(w[3])?;
        header(sheet, &[w[5], w[6]], &bold)?;
        let mut missing: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let facts = crate::codes::MissingFact::ALL
            .iter()
            .map(|&f| (f.label(lang), self.missing(f)))
            .chain(
                self.missing_indicator_labels()
                    .map(|(labels, ids)| (labels.get(lang), ids)),
            );
        for (label, ids) in facts {
            for id in ids {
                let i = *at.entry(id).or_insert_with(|| {
                    missing.push((id, Vec::new()));
                    missing.len() - 1
                });
                if let Some((_, labels)) = missing.get_mut(i) {
                    labels.push(label);
                }
            }
        }
        for (i, (id, labels)) in missing.iter().enumerate() {
            sheet.write_string(row(i + 1), 0, *id)?;
            sheet.write_string(row(i + 1), 1, labels.join("、"))?;
        }

        // Every person's cell.
        let sheet = book.add_worksheet();
        sheet.set_name(w[4])?;
        header(
            sheet,
            &[w[5], w[11], "细化类别", "层次"].map(|h| localise(h, lang)),
            &bold,
        )?;
        for (i, p) in people.iter().enumerate() {
            let r = row(i + 1);
            sheet.write_string(r, 0, &p.id)?;
            match p.stream() {
                Some(s) => sheet.write_string(r, 1, s.label(lang))?,
                None => sheet.write_string(r, 1, Word::NotTalent.text(lang))?,
            };
            if let Some(s) = p.specialty() {
                sheet.write_string(r, 2, s.label(lang))?;
            }
            if p.stream().is_some() {
                sheet.write_string(r, 3, tier_label(p.tier(), lang))?;
            }
        }
        // A matrix per unit.
        let mut names = SheetNames::default();
        for n in w.get(..5).unwrap_or_default() {
            names.take(n);
        }
        for (unit, m) in sheets.units {
            let name = names.take(&crate::matrix::unit_label(unit.as_deref(), lang));
            let sheet = book.add_worksheet();
            sheet.set_name(&name)?;
            m.matrix_sheet(sheet, lang, &bold)?;
        }

        // The plan.
        if let Some(plan) = sheets.plan {
            let sheet = book.add_worksheet();
            sheet.set_name(names.take(w[12]))?;
            let report = plan.report(self);
            let heads = [w[13], w[14], w[15], w[16], w[17], w[18]];
            header(sheet, &heads, &bold)?;
            for (i, (line, column)) in Line::cells(self).into_iter().enumerate() {
                let r = row(i + 1);
                sheet.write_string(r, 0, line.label(lang).trim_start())?;
                let tier = match column {
                    Some(t) => tier_label(t, lang),
                    None => Word::Total.text(lang),
                };
                sheet.write_string(r, 1, tier)?;
                let a = report.line(line, column);
                sheet.write_number(r, 2, a.actual as f64)?;
                if let Some(t) = a.target {
                    sheet.write_number(r, 3, t as f64)?;
                }
                if let Some(d) = a.difference() {
                    sheet.write_number(r, 4, d as f64)?;
                }
                if let Some(p) = a.percent() {
                    sheet.write_number(r, 5, (p * 10.0).round() / 10.0)?;
                }
            }
            sheet.set_column_width(0, 28)?;
        }
        book.save_to_buffer()
    }

    /// Writes the matrix on a sheet: counts coloured as the SVG heatmap, totals bold.
    fn matrix_sheet(
        &self,
        sheet: &mut Worksheet,
        lang: Lang,
        bold: &Format,
    ) -> Result<(), XlsxError> {
        let columns = self.tier_columns();
        let total_col = col(columns.len() + 1);
        sheet.write_string_with_format(0, 0, Word::Title.text(lang), bold)?;
        for (i, &t) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(i + 1), tier_label(t, lang), bold)?;
        }
        sheet.write_string_with_format(0, total_col, Word::Total.text(lang), bold)?;
        let rows: Vec<_> = self.rows().collect();
        let max = rows
            .iter()
            .flat_map(|&r| columns.iter().map(move |&t| (r, t)))
            .map(|(r, t)| self.row_cell(r, t))
            .max()
            .unwrap_or(0);
        let mut r = 1u32;
        for &row in &rows {
            let label = row_label(row, lang);
            let stream_row = matches!(row, crate::matrix::MatrixRow::Stream(_));
            if stream_row {
                sheet.write_string_with_format(r, 0, &label, bold)?;
            } else {
                sheet.write_string(r, 0, &label)?;
            }
            for (i, &t) in columns.iter().enumerate() {
                let n = self.row_cell(row, t);
                let (fill, ink) = heat(n, max);
                let format = Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(ink));
                sheet.write_number_with_format(r, col(i + 1), n as f64, &format)?;
            }
            sheet.write_number_with_format(r, total_col, self.row_total(row) as f64, bold)?;
            r += 1;
        }
        sheet.write_string_with_format(r, 0, Word::AllTalent.text(lang), bold)?;
        for (i, &t) in columns.iter().enumerate() {
            sheet.write_number_with_format(r, col(i + 1), self.column_total(t) as f64, bold)?;
        }
        sheet.write_number_with_format(r, total_col, self.talents() as f64, bold)?;
        sheet.write_string(r + 1, 0, Word::NotTalent.text(lang))?;
        sheet.write_number(r + 1, total_col, self.not_talent() as f64)?;
        sheet.write_string_with_format(r + 2, 0, Word::Everyone.text(lang), bold)?;
        sheet.write_number_with_format(r + 2, total_col, self.total() as f64, bold)?;
        sheet.set_column_width(0, 28)?;
        Ok(())
    }
}

/// The sheet names of a workbook being written: each one Excel takes ([`safety::sheet_name`]), unlike every
/// one before it (as Excel compares them, ignoring case), a number added to a name already taken. Names are
/// looked up in a set and each name's next number is kept, so naming n sheets costs time in proportion to n
/// however many share a name.
#[derive(Debug, Default)]
struct SheetNames {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, u32>,
}

impl SheetNames {
    /// A name for a sheet that wants to be called `wanted`, taken from now on.
    fn take(&mut self, wanted: &str) -> String {
        let clean = crate::safety::sheet_name(wanted);
        let key = clean.to_lowercase();
        if self.taken.insert(key.clone()) {
            return clean;
        }
        let n = self.next.entry(key).or_insert(1);
        loop {
            *n += 1;
            let suffix = format!("({n})");
            let mut name = String::new();
            let mut units = suffix.len();
            for c in clean.chars() {
                units += c.len_utf16();
                if units > 31 {
                    break;
                }
                name.push(c);
            }
            name.push_str(&suffix);
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
        }
    }
}

/// What the report workbook holds beyond the matrix's own sheets ([`Matrix::to_xlsx_with`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sheets<'a> {
    people: &'a [Placement],
    units: &'a [(Option<String>, Matrix)],
    plan: Option<&'a Plan>,
}

impl<'a> Sheets<'a> {
    /// No more than the matrix's sheets (and an empty list of people).
    pub fn new() -> Sheets<'a> {
        Sheets::default()
    }

    /// Every person's cell, for the people sheet.
    pub fn people(mut self, people: &'a [Placement]) -> Sheets<'a> {
        self.people = people;
        self
    }

    /// A matrix per unit (`None`: the people given without one), a sheet each.
    pub fn units(mut self, units: &'a [(Option<String>, Matrix)]) -> Sheets<'a> {
        self.units = units;
        self
    }

    /// A plan, for the sheet that sets the matrix against it.
    pub fn plan(mut self, plan: &'a Plan) -> Sheets<'a> {
        self.plan = Some(plan);
        self
    }
}

/// The specialty and tier column names in a language (the others come from [`words`]).
fn localise(word: &'static str, lang: Lang) -> &'static str {
    match (word, lang) {
        ("细化类别", Lang::ZhHant) => "細化類別",
        ("细化类别", Lang::En) => "Specialty",
        ("层次", Lang::ZhHant) => "層次",
        ("层次", Lang::En) => "Tier",
        (w, _) => w,
    }
}

/// A header row in bold.
fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (i, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, col(i), *name, bold)?;
    }
    Ok(())
}

/// A column number as rust_xlsxwriter takes it (the report's columns are few).
fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A row number as rust_xlsxwriter takes it; one past Excel's last row makes the write fail with its error.
fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The §6 records as one sheet: the header of [`Classification::CSV_HEADER`], a row per record, lists joined
/// with `、`, every text a string cell.
///
/// ```
/// use talent_matrix::{classify, Post, Profile, report_xlsx::RecordsSheet};
/// let mut sheet = RecordsSheet::new()?;
/// sheet.add(&classify(&Profile::builder("=1+1", Post::Other).build()?))?;
/// assert!(sheet.finish()?.starts_with(b"PK"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RecordsSheet {
    book: Workbook,
    next: u32,
}

impl std::fmt::Debug for RecordsSheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordsSheet")
            .field("rows", &self.next)
            .finish_non_exhaustive()
    }
}

impl RecordsSheet {
    /// A workbook with the records' sheet and its header.
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports.
    pub fn new() -> Result<RecordsSheet, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("records")?;
        let bold = Format::new().set_bold();
        header(sheet, &Classification::CSV_HEADER, &bold)?;
        Ok(RecordsSheet { book, next: 1 })
    }

    /// Adds a record.
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports: past Excel's 1,048,576 rows, a sheet can take no more.
    pub fn add(&mut self, c: &Classification<'_>) -> Result<(), XlsxError> {
        let sheet = self.book.worksheet_from_index(0)?;
        for (i, cell) in c.cells("、").iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(self.next, col(i), cell)?;
            }
        }
        self.next += 1;
        Ok(())
    }

    /// The workbook's bytes.
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.book.save_to_buffer()
    }
}

/// A roster written as a workbook, that [`Roster`](crate::roster::Roster) reads back: a header row of field
/// codes (every field of DOMAIN.md §3 in order, then the fields a policy adds and any grouping columns, in the
/// order first met), a
/// row per profile; codes as string cells, numbers as number cells, flags as boolean cells, absent fields
/// empty. Every text is a string cell, never a formula.
///
/// ```
/// use talent_matrix::{classify, Post, Profile, ProfessionalTitle, report_xlsx::RosterSheet};
/// use talent_matrix::roster::{Format, Roster, RosterOptions};
///
/// let p = Profile::builder("P-1", Post::ProfessionalTechnical)
///     .professional_title(ProfessionalTitle::Senior)
///     .build()?;
/// let mut sheet = RosterSheet::new();
/// sheet.add(&p, &[("填报单位", Some("区教育局"))])?;
/// let bytes = sheet.finish()?;
///
/// let options = RosterOptions::default().group_by("填报单位");
/// let mut roster = Roster::from_reader(&bytes[..], Format::Workbook, &options)?;
/// let row = roster.next().expect("one row")?;
/// assert_eq!(row.profile(), &p);
/// assert_eq!(row.group(0), Some("区教育局"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RosterSheet {
    book: Workbook,
    next: u32,
    columns: Vec<String>,
}

impl std::fmt::Debug for RosterSheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RosterSheet")
            .field("rows", &self.next.saturating_sub(1))
            .field("columns", &self.columns)
            .finish_non_exhaustive()
    }
}

impl Default for RosterSheet {
    fn default() -> RosterSheet {
        RosterSheet::new()
    }
}

impl RosterSheet {
    /// A workbook with an empty roster sheet (`roster`).
    pub fn new() -> RosterSheet {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        // A fixed, valid name: cannot fail.
        let _ = sheet.set_name("roster");
        RosterSheet {
            book,
            next: 1,
            columns: Field::ALL.iter().map(|f| f.code().to_owned()).collect(),
        }
    }

    /// Adds a profile, with the values of its grouping columns (`None`: empty).
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports: past Excel's 1,048,576 rows, or 16,384 columns, a sheet can take no more.
    pub fn add(
        &mut self,
        profile: &crate::profile::Profile,
        groups: &[(&str, Option<&str>)],
    ) -> Result<(), XlsxError> {
        let value =
            serde_json::to_value(profile).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        let fields = value.as_object().into_iter().flatten();
        let groups = groups
            .iter()
            .map(|(c, v)| (*c, v.map(|v| serde_json::Value::String(v.to_owned()))));
        let cells = fields
            .map(|(c, v)| (c.as_str(), Some(v.clone())))
            .chain(groups);
        for (column, value) in cells {
            let at = match self.columns.iter().position(|c| c == column) {
                Some(at) => at,
                None => {
                    self.columns.push(column.to_owned());
                    self.columns.len() - 1
                }
            };
            let sheet = self.book.worksheet_from_index(0)?;
            let (r, c) = (self.next, col(at));
            match value {
                Some(serde_json::Value::String(s)) => {
                    sheet.write_string(r, c, &s)?;
                }
                Some(serde_json::Value::Bool(b)) => {
                    sheet.write_boolean(r, c, b)?;
                }
                Some(serde_json::Value::Number(n)) => {
                    match n.as_f64() {
                        Some(x) => sheet.write_number(r, c, x)?,
                        None => sheet.write_string(r, c, n.to_string())?,
                    };
                }
                Some(serde_json::Value::Array(vs)) => {
                    let joined: Vec<String> = vs
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect();
                    sheet.write_string(r, c, joined.join(";"))?;
                }
                Some(serde_json::Value::Null | serde_json::Value::Object(_)) | None => {}
            };
        }
        self.next += 1;
        Ok(())
    }

    /// The workbook's bytes, the header written over the columns met.
    ///
    /// # Errors
    ///
    /// What rust_xlsxwriter reports.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let bold = Format::new().set_bold();
        let columns: Vec<&str> = self.columns.iter().map(String::as_str).collect();
        let sheet = self.book.worksheet_from_index(0)?;
        header(sheet, &columns, &bold)?;
        self.book.save_to_buffer()
    }
}
