//! Writing the DOMAIN.md §6 record as JSON text, directly (features `json`).
//!
//! The record is the same with and without this module: [`Classification`]'s `Serialize` writes it through any
//! serde format, and the tests check that serde_json's output and this one are equal byte for byte. What this
//! module adds is speed for the one format rosters are written in. Field names and codes are written as they
//! are (they are fixed ASCII identifiers); the id, the policy's name and the sentences are escaped as
//! serde_json escapes strings.
//!
//! A reason's sentences depend on the rule and the person's discrete facts (with the decisions taken), except
//! for the two rules that quote the numbers (`enterprise_size.derived`, `above_designated_size.derived`). So
//! each thread keeps the rendered, escaped sentences of the other rules for the last policy it wrote, keyed by
//! (rule, facts): a roster of a million people has a few thousand distinct ones. The cache holds at most
//! [`CACHED`] entries and starts over when full, so memory stays flat in the roster's size.

use core::fmt::Write as _;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::enterprise::Basis;
use crate::reason::Reason;
use crate::{Classification, Coded, Rule};

/// The most sentence pairs a thread keeps.
const CACHED: usize = 16_384;

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes: `"` and `\`, the control characters
/// (`\b`, `\t`, `\n`, `\f`, `\r` by name, others as `\u00xx`), and nothing else.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        if short.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

fn push_code<T: Coded>(out: &mut String, v: Option<T>) {
    match v {
        Some(v) => {
            out.push('"');
            out.push_str(v.code());
            out.push('"');
        }
        None => out.push_str("null"),
    }
}

fn push_codes<T: Coded>(out: &mut String, values: impl IntoIterator<Item = T>) {
    out.push('[');
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_code(out, Some(v));
    }
    out.push(']');
}

/// A thread's rendered sentences, for one policy.
#[derive(Default)]
struct Sentences {
    /// The hash of the policy the sentences are of.
    policy: String,
    rendered: HashMap<(Rule, u128), Box<str>>,
    /// Room to render a sentence before escaping it.
    scratch: String,
}

thread_local! {
    static SENTENCES: RefCell<Sentences> = RefCell::new(Sentences::default());
}

/// Appends `"zh":"…","en":"…"` for a reason, rendering through `scratch`.
fn push_sentences(out: &mut String, reason: &Reason<'_>, scratch: &mut String) {
    out.push_str("\"zh\":");
    scratch.clear();
    let _ = write!(scratch, "{}", reason.zh());
    push_json_string(out, scratch);
    out.push_str(",\"en\":");
    scratch.clear();
    let _ = write!(scratch, "{}", reason.en());
    push_json_string(out, scratch);
}

/// Whether a rule's sentences quote the person's numbers, so that they are not kept.
fn quotes_numbers(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::EnterpriseSize(Basis::Derived) | Rule::AboveDesignatedSize(Basis::Derived)
    )
}

impl Sentences {
    fn push(&mut self, out: &mut String, c: &Classification<'_>, key: Option<u128>) {
        let hash = c.policy().hash();
        if self.policy != hash {
            self.rendered.clear();
            hash.clone_into(&mut self.policy);
        }
        for (i, reason) in c.reasons().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let rule = reason.rule();
            out.push_str("{\"rule\":\"");
            let _ = write!(out, "{rule}");
            out.push_str("\",");
            match key.filter(|_| !quotes_numbers(rule)) {
                Some(key) => {
                    if let Some(done) = self.rendered.get(&(rule, key)) {
                        out.push_str(done);
                    } else {
                        let start = out.len();
                        push_sentences(out, &reason, &mut self.scratch);
                        if self.rendered.len() >= CACHED {
                            self.rendered.clear();
                        }
                        let done = out.get(start..).unwrap_or_default();
                        self.rendered.insert((rule, key), done.into());
                    }
                }
                None => push_sentences(out, &reason, &mut self.scratch),
            }
            out.push('}');
        }
    }
}

/// Appends the reasons' objects, with the thread's kept sentences where it can.
fn push_reasons(out: &mut String, c: &Classification<'_>) {
    let key = c.facts().packed();
    let kept = SENTENCES.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut sentences) => {
            sentences.push(out, c, key);
            true
        }
        Err(_) => false,
    });
    if kept != Ok(true) {
        // No thread-local storage (a thread being torn down) or already in use: render without keeping.
        let mut fresh = Sentences::default();
        fresh.push(out, c, None);
    }
}

impl Classification<'_> {
    /// Appends the §6 record as one line of JSON (no newline): the same text serde_json writes for it.
    pub(crate) fn push_json(&self, out: &mut String) {
        let facts = self.enterprise_facts();
        out.push_str("{\"id\":");
        push_json_string(out, self.id());
        out.push_str(",\"stream\":");
        push_code(out, self.stream());
        out.push_str(",\"specialty\":");
        push_code(out, self.specialty());
        out.push_str(",\"tier\":");
        push_code(out, self.tier());
        out.push_str(",\"lead\":");
        push_code(out, self.lead());
        out.push_str(",\"managed_by\":");
        push_codes(out, self.managed_by());
        out.push_str(",\"also_qualifies\":");
        push_codes(out, self.also_qualifies());
        out.push_str(",\"enterprise_size\":");
        push_code(out, facts.size());
        out.push_str(",\"above_designated_size\":");
        out.push_str(match facts.above_designated_size() {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        });
        out.push_str(",\"entitlements\":");
        push_codes(out, self.entitlements());
        out.push_str(",\"services\":");
        push_codes(out, self.services());
        out.push_str(",\"missing_facts\":");
        push_codes(out, self.missing_facts());
        out.push_str(",\"reasons\":[");
        push_reasons(out, self);
        out.push_str("],\"policy\":");
        push_json_string(out, self.policy().name());
        out.push_str(",\"policy_hash\":");
        push_json_string(out, self.policy().hash());
        out.push('}');
    }
}
