//! Reading a policy document from its tree (TOML or JSON parsed into [`Raw`]): every key, type and shape checked,
//! every problem collected with where it is. Codes and content are checked later, when the document is loaded.

use super::{
    AboveDoc, Allowed, Amount, BoundsDoc, ClauseValue, Condition, EntitlementDoc, EvaluationDoc,
    FactDoc, FactValueDoc, GradeDoc, IndicatorDoc, LabelsDoc, LadderDoc, Per, PolicyDoc,
    ServiceDoc, SizeRowDoc, SpecialtyDoc, StreamDoc, TierDoc, Unit, ValueDoc,
};
use crate::money::{Measure, Wan};
use crate::policy::problem::{Problem, ProblemKind};
use crate::raw::Raw;

/// Reads a document from its tree, keeping what could be read and dropping the problems.
pub(super) fn doc_as_far_as_it_goes(raw: &Raw) -> PolicyDoc {
    Reader {
        problems: Vec::new(),
    }
    .doc(raw)
}

/// Reads a document from its tree: the document, or every problem of shape.
pub(super) fn doc(raw: &Raw) -> Result<PolicyDoc, Vec<Problem>> {
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let doc = reader.doc(raw);
    if reader.problems.is_empty() {
        Ok(doc)
    } else {
        Err(reader.problems)
    }
}

/// Reads a document tree, collecting every problem.
struct Reader {
    problems: Vec<Problem>,
}

fn show(raw: &Raw) -> String {
    let text = raw.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

impl Reader {
    fn problem(&mut self, kind: ProblemKind, at: &str, what: impl core::fmt::Display) {
        self.problems.push(Problem::new(kind, at, what.to_string()));
    }

    /// The entries of a table, reporting keys not in `known` and keys given twice.
    fn table<'r>(&mut self, raw: &'r Raw, at: &str, known: &[&str]) -> Vec<(&'r str, &'r Raw)> {
        let Raw::Object(entries) = raw else {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!("expected a table, got {}", show(raw)),
            );
            return Vec::new();
        };
        let mut out: Vec<(&str, &Raw)> = Vec::new();
        for (key, value) in entries {
            let path = if at == "the document" {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            if !known.contains(&key.as_str()) {
                self.problem(
                    ProblemKind::UnknownKey,
                    &path,
                    format_args!("unknown key (expected {})", known.join(", ")),
                );
            } else if out.iter().any(|(k, _)| k == key) {
                self.problem(ProblemKind::Repeated, &path, "given twice");
            } else {
                out.push((key, value));
            }
        }
        out
    }

    fn get<'r>(
        &mut self,
        t: &[(&str, &'r Raw)],
        key: &str,
        at: &str,
        required: bool,
    ) -> Option<&'r Raw> {
        let found = t.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        if found.is_none() && required {
            self.problem(ProblemKind::Missing, &join(at, key), "missing");
        }
        found
    }

    fn string(&mut self, t: &[(&str, &Raw)], key: &str, at: &str) -> String {
        match self.get(t, key, at, true) {
            Some(Raw::Str(s)) => s.clone(),
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    &join(at, key),
                    format_args!("expected a string, got {}", show(other)),
                );
                String::new()
            }
            None => String::new(),
        }
    }

    fn strings(&mut self, t: &[(&str, &Raw)], key: &str, at: &str) -> Vec<String> {
        let path = join(at, key);
        match self.get(t, key, at, true) {
            Some(Raw::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Raw::Str(s) => Some(s.clone()),
                    other => {
                        self.problem(
                            ProblemKind::Shape,
                            &format!("{path}[{i}]"),
                            format_args!("expected a string, got {}", show(other)),
                        );
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    &path,
                    format_args!("expected a list of strings, got {}", show(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// A list of tables, each read by `item`; absent and not required means empty.
    fn list<T>(
        &mut self,
        t: &[(&str, &Raw)],
        key: &str,
        at: &str,
        required: bool,
        mut item: impl FnMut(&mut Self, &Raw, &str) -> T,
    ) -> Vec<T> {
        let path = join(at, key);
        match self.get(t, key, at, required) {
            Some(Raw::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, raw)| item(self, raw, &format!("{path}[{i}]")))
                .collect(),
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    &path,
                    format_args!("expected a list, got {}", show(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// A `when`: one table of clauses, or a non-empty array of them, any of which will do (DOMAIN.md §9.2).
    fn when(&mut self, raw: &Raw, at: &str) -> Vec<Condition> {
        match raw {
            Raw::Array(items) if items.is_empty() => {
                self.problem(
                    ProblemKind::Shape,
                    at,
                    format_args!("expected a table of clauses or a non-empty list of them, got []"),
                );
                Vec::new()
            }
            Raw::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, raw)| self.condition(raw, &format!("{at}[{i}]")))
                .collect(),
            one => vec![self.condition(one, at)],
        }
    }

    fn condition(&mut self, raw: &Raw, at: &str) -> Condition {
        let Raw::Object(entries) = raw else {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!("expected a table of clauses, got {}", show(raw)),
            );
            return Condition::new();
        };
        let mut condition = Condition::new();
        for (fact, value) in entries {
            let path = format!("{at}.{fact}");
            let allowed = match value {
                Raw::Array(values) => Allowed::Only(self.clause_values(values, &path)),
                Raw::Object(inner) => match inner.as_slice() {
                    [(key, Raw::Array(values))] if key == "not" => Allowed::Not {
                        not: self.clause_values(values, &format!("{path}.not")),
                    },
                    bounds
                        if !bounds.is_empty()
                            && bounds.iter().all(|(k, _)| k == "at_least" || k == "below") =>
                    {
                        let t = self.table(value, &path, &["at_least", "below"]);
                        let mut bound = |key: &str| {
                            self.get(&t, key, &path, false)
                                .and_then(|raw| self.measure(raw, &join(&path, key)))
                        };
                        let (at_least, below) = (bound("at_least"), bound("below"));
                        Allowed::Range { at_least, below }
                    }
                    _ => {
                        self.problem(
                            ProblemKind::Shape,
                            &path,
                            format_args!(
                                "expected a list of values, {{ not = [...] }} or {{ at_least = n, below = n }}, got {}",
                                show(value)
                            ),
                        );
                        continue;
                    }
                },
                other => {
                    self.problem(
                        ProblemKind::Shape,
                        &path,
                        format_args!(
                            "expected a list of values, {{ not = [...] }} or {{ at_least = n, below = n }}, got {}",
                            show(other)
                        ),
                    );
                    continue;
                }
            };
            if condition.insert(fact.clone(), allowed).is_some() {
                self.problem(ProblemKind::Repeated, &path, "given twice");
            }
        }
        condition
    }

    fn clause_values(&mut self, values: &[Raw], at: &str) -> Vec<ClauseValue> {
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Raw::Str(s) => Some(ClauseValue::Code(s.clone())),
                Raw::Bool(b) => Some(ClauseValue::Bool(*b)),
                other => {
                    self.problem(
                        ProblemKind::Shape,
                        &format!("{at}[{i}]"),
                        format_args!("expected a code or a boolean, got {}", show(other)),
                    );
                    None
                }
            })
            .collect()
    }

    fn number(&mut self, raw: &Raw, at: &str) -> Option<u64> {
        match raw {
            Raw::Int(n) => u64::try_from(*n).ok(),
            Raw::UInt(n) => Some(*n),
            _ => None,
        }
        .or_else(|| {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!("expected a whole number of at least 0, got {}", show(raw)),
            );
            None
        })
    }

    /// An entitlement's `amount_yuan` and `per`, given together or not at all (DOMAIN.md §9.1). The amount's
    /// range is checked when the policy loads, with its other rules.
    fn amount(&mut self, t: &[(&str, &Raw)], at: &str) -> Option<Amount> {
        let yuan = self.get(t, "amount_yuan", at, false);
        let per = self.get(t, "per", at, false);
        match (yuan, per) {
            (None, None) => None,
            (Some(yuan), Some(per)) => {
                let yuan = self.number(yuan, &join(at, "amount_yuan"));
                let per = match per {
                    Raw::Str(s) => match s.parse::<Per>() {
                        Ok(p) => Some(p),
                        Err(e) => {
                            self.problem(ProblemKind::Shape, &join(at, "per"), e);
                            None
                        }
                    },
                    other => {
                        self.problem(
                            ProblemKind::Shape,
                            &join(at, "per"),
                            format_args!("expected year, month or once, got {}", show(other)),
                        );
                        None
                    }
                };
                Some(Amount {
                    yuan: yuan?,
                    per: per?,
                })
            }
            (Some(_), None) | (None, Some(_)) => {
                self.problem(
                    ProblemKind::Shape,
                    at,
                    "give amount_yuan and per together, or neither",
                );
                None
            }
        }
    }

    /// A number with at most 4 decimals, either sign (an indicator's threshold, DOMAIN.md §9.2).
    fn measure(&mut self, raw: &Raw, at: &str) -> Option<Measure> {
        raw.measure()
        .or_else(|| {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!(
                    "expected a number with at most 4 decimals, from -100000000000 to 100000000000, got {}",
                    show(raw)
                ),
            );
            None
        })
    }

    /// A `true` or `false` entry; absent (when not required) or of another type reads as `false`.
    fn boolean(&mut self, t: &[(&str, &Raw)], key: &str, at: &str, required: bool) -> bool {
        match self.get(t, key, at, required) {
            Some(Raw::Bool(b)) => *b,
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    &join(at, key),
                    format_args!("expected true or false, got {}", show(other)),
                );
                false
            }
            None => false,
        }
    }

    /// The three labels of a table.
    fn labels(&mut self, t: &[(&str, &Raw)], at: &str) -> LabelsDoc {
        LabelsDoc {
            zh_hans: self.string(t, "zh_hans", at),
            zh_hant: self.string(t, "zh_hant", at),
            en: self.string(t, "en", at),
        }
    }

    /// A fact's value in an evaluation: a code, or a boolean for `potential`.
    fn clause_value(&mut self, raw: Option<&Raw>, at: &str) -> ClauseValue {
        match raw {
            Some(Raw::Str(s)) => ClauseValue::Code(s.clone()),
            Some(Raw::Bool(b)) => ClauseValue::Bool(*b),
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    at,
                    format_args!("expected a code or a boolean, got {}", show(other)),
                );
                ClauseValue::Code(String::new())
            }
            None => ClauseValue::Code(String::new()),
        }
    }

    fn fact(&mut self, raw: &Raw, at: &str) -> FactDoc {
        const LABELS: [&str; 3] = ["zh_hans", "zh_hant", "en"];
        let t = self.table(
            raw,
            at,
            &[
                "code", "zh_hans", "zh_hant", "en", "many", "values", "source",
            ],
        );
        FactDoc {
            code: self.string(&t, "code", at),
            labels: self.labels(&t, at),
            many: self.boolean(&t, "many", at, true),
            values: self.list(&t, "values", at, true, |r, raw, at| {
                let mut known = vec!["code"];
                known.extend(LABELS);
                let t = r.table(raw, at, &known);
                FactValueDoc {
                    code: r.string(&t, "code", at),
                    labels: r.labels(&t, at),
                }
            }),
            source: self.string(&t, "source", at),
        }
    }

    fn indicator(&mut self, raw: &Raw, at: &str) -> IndicatorDoc {
        let t = self.table(
            raw,
            at,
            &["code", "zh_hans", "zh_hant", "en", "unit", "source"],
        );
        let unit_at = join(at, "unit");
        let unit = match self.get(&t, "unit", at, true) {
            Some(Raw::Str(s)) => s.parse::<Unit>().unwrap_or_else(|e| {
                self.problem(ProblemKind::Shape, &unit_at, e);
                Unit::Count
            }),
            Some(other) => {
                self.problem(
                    ProblemKind::Shape,
                    &unit_at,
                    format_args!("expected wan, count or percent, got {}", show(other)),
                );
                Unit::Count
            }
            None => Unit::Count,
        };
        IndicatorDoc {
            code: self.string(&t, "code", at),
            labels: self.labels(&t, at),
            unit,
            source: self.string(&t, "source", at),
        }
    }

    fn evaluation(&mut self, raw: &Raw, at: &str) -> EvaluationDoc {
        let t = self.table(raw, at, &["fact", "from", "grades", "otherwise", "source"]);
        let grades = self.list(&t, "grades", at, true, |r, raw, at| {
            let t = r.table(raw, at, &["value", "at_least"]);
            let value = r.get(&t, "value", at, true);
            let value = r.clause_value(value, &join(at, "value"));
            let at_least = r
                .get(&t, "at_least", at, true)
                .and_then(|raw| r.measure(raw, &join(at, "at_least")));
            GradeDoc {
                value,
                at_least: at_least.unwrap_or_default(),
            }
        });
        let otherwise = self.get(&t, "otherwise", at, true);
        EvaluationDoc {
            fact: self.string(&t, "fact", at),
            from: self.string(&t, "from", at),
            grades,
            otherwise: self.clause_value(otherwise, &join(at, "otherwise")),
            source: self.string(&t, "source", at),
        }
    }

    fn wan(&mut self, raw: &Raw, at: &str) -> Option<Wan> {
        match raw {
            Raw::Int(n) => u64::try_from(*n).ok().map(Wan::from_wan),
            Raw::UInt(n) => Some(Wan::from_wan(*n)),
            Raw::Float(x) => Wan::from_f64(*x),
            _ => None,
        }
        .or_else(|| {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!(
                    "expected an amount of 万元 of at least 0 with at most 4 decimals, got {}",
                    show(raw)
                ),
            );
            None
        })
    }

    fn bounds(&mut self, raw: &Raw, at: &str) -> BoundsDoc {
        let t = self.table(raw, at, &["employees", "revenue_wan", "assets_wan"]);
        BoundsDoc {
            employees: self
                .get(&t, "employees", at, false)
                .and_then(|r| self.number(r, &join(at, "employees"))),
            revenue_wan: self
                .get(&t, "revenue_wan", at, false)
                .and_then(|r| self.wan(r, &join(at, "revenue_wan"))),
            assets_wan: self
                .get(&t, "assets_wan", at, false)
                .and_then(|r| self.wan(r, &join(at, "assets_wan"))),
        }
    }

    fn doc(&mut self, raw: &Raw) -> PolicyDoc {
        let at = "the document";
        if !matches!(raw, Raw::Object(_)) {
            self.problem(
                ProblemKind::Shape,
                at,
                format_args!("expected a table, got {}", show(raw)),
            );
            return PolicyDoc::empty();
        }
        let t = self.table(
            raw,
            at,
            &[
                "name",
                "version",
                "effective",
                "source",
                "streams",
                "specialties",
                "ladders",
                "entitlements",
                "services",
                "size_standard",
                "above_designated_size",
                "facts",
                "indicators",
                "evaluations",
                "values",
                "tier_order",
            ],
        );
        let at = "";
        PolicyDoc {
            name: self.string(&t, "name", at),
            version: self.string(&t, "version", at),
            effective: self.string(&t, "effective", at),
            source: self.string(&t, "source", at),
            streams: self.list(&t, "streams", at, true, |r, raw, at| {
                let t = r.table(raw, at, &["stream", "posts", "lead", "eligible", "source"]);
                StreamDoc {
                    stream: r.string(&t, "stream", at),
                    posts: r.strings(&t, "posts", at),
                    lead: r.string(&t, "lead", at),
                    eligible: r.list(&t, "eligible", at, true, Reader::condition),
                    source: r.string(&t, "source", at),
                }
            }),
            specialties: self.list(&t, "specialties", at, false, |r, raw, at| {
                let t = r.table(raw, at, &["specialty", "parent", "when", "lead", "source"]);
                SpecialtyDoc {
                    specialty: r.string(&t, "specialty", at),
                    parent: r.string(&t, "parent", at),
                    when: r
                        .get(&t, "when", at, true)
                        .map(|w| r.when(w, &join(at, "when")))
                        .unwrap_or_default(),
                    lead: r.string(&t, "lead", at),
                    source: r.string(&t, "source", at),
                }
            }),
            ladders: self.list(&t, "ladders", at, false, |r, raw, at| {
                let t = r.table(raw, at, &["stream", "tiers"]);
                LadderDoc {
                    stream: r.string(&t, "stream", at),
                    tiers: r.list(&t, "tiers", at, true, |r, raw, at| {
                        let t = r.table(raw, at, &["tier", "when", "managed_by", "source"]);
                        TierDoc {
                            tier: r.string(&t, "tier", at),
                            when: r
                                .get(&t, "when", at, true)
                                .map(|w| r.when(w, &join(at, "when")))
                                .unwrap_or_default(),
                            managed_by: r.strings(&t, "managed_by", at),
                            source: r.string(&t, "source", at),
                        }
                    }),
                }
            }),
            entitlements: self.list(&t, "entitlements", at, false, |r, raw, at| {
                let t = r.table(
                    raw,
                    at,
                    &["entitlement", "when", "amount_yuan", "per", "source"],
                );
                EntitlementDoc {
                    entitlement: r.string(&t, "entitlement", at),
                    when: r
                        .get(&t, "when", at, true)
                        .map(|w| r.when(w, &join(at, "when")))
                        .unwrap_or_default(),
                    amount: r.amount(&t, at),
                    source: r.string(&t, "source", at),
                }
            }),
            services: self.list(&t, "services", at, false, |r, raw, at| {
                let t = r.table(raw, at, &["level", "services", "source"]);
                ServiceDoc {
                    level: r.string(&t, "level", at),
                    services: r.strings(&t, "services", at),
                    source: r.string(&t, "source", at),
                }
            }),
            size_standard: self.list(&t, "size_standard", at, true, |r, raw, at| {
                let t = r.table(raw, at, &["industry", "large", "medium", "small"]);
                let mut class = |name: &str| match r.get(&t, name, at, true) {
                    Some(b) => r.bounds(b, &join(at, name)),
                    None => BoundsDoc::default(),
                };
                let (large, medium, small) = (class("large"), class("medium"), class("small"));
                SizeRowDoc {
                    industry: r.string(&t, "industry", at),
                    large,
                    medium,
                    small,
                }
            }),
            above_designated_size: self.list(
                &t,
                "above_designated_size",
                at,
                true,
                |r, raw, at| {
                    let t = r.table(raw, at, &["industry", "revenue_wan", "always"]);
                    AboveDoc {
                        industry: r.string(&t, "industry", at),
                        revenue_wan: r
                            .get(&t, "revenue_wan", at, false)
                            .and_then(|v| r.wan(v, &join(at, "revenue_wan"))),
                        always: r.boolean(&t, "always", at, false),
                    }
                },
            ),
            facts: self.list(&t, "facts", at, false, Reader::fact),
            indicators: self.list(&t, "indicators", at, false, Reader::indicator),
            evaluations: self.list(&t, "evaluations", at, false, Reader::evaluation),
            values: self.list(&t, "values", at, false, |r, raw, at| {
                let t = r.table(
                    raw,
                    at,
                    &[
                        "list", "code", "zh_hans", "zh_hant", "en", "aliases", "source",
                    ],
                );
                ValueDoc {
                    list: r.string(&t, "list", at),
                    code: r.string(&t, "code", at),
                    labels: r.labels(&t, at),
                    aliases: match r.get(&t, "aliases", at, false) {
                        Some(_) => r.strings(&t, "aliases", at),
                        None => Vec::new(),
                    },
                    source: r.string(&t, "source", at),
                }
            }),
            tier_order: match self.get(&t, "tier_order", at, false) {
                Some(_) => self.strings(&t, "tier_order", at),
                None => Vec::new(),
            },
        }
    }
}

/// `at.key`, or `key` at the top.
fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}
