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
//! the rule and the facts a sentence can be written from (the facts the policy's conditions test, the post,
//! the enterprise facts and the decisions, and for a service the introduction level): a roster of a million
//! people has a few thousand distinct keys. The cache holds at most
//! [`CACHED`] entries and starts over when full, so memory stays flat in the roster's size.

use core::fmt::Write as _;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::classify::Classification;
use crate::codes::{Coded, Entitlement, Specialty, Stream, per_code};
use crate::enterprise::Basis;
use crate::facts::{Fact, Facts};
use crate::hash::BuildKeyHasher;
use crate::policy::compile::Compiled;
use crate::reason::Reason;
use crate::reason::Rule;

/// The most sentence pairs a thread keeps.
const CACHED: usize = 16_384;

/// Appends `s` as a JSON string, escaped as serde_json escapes (`"` and `\\`, the control characters below
/// U+0020, `\b`, `\t`, `\n`, `\f`, `\r` by name) and every other unsafe character as a `\u` escape too
/// ([`safety`](crate::safety)): what [`safety::to_json`](crate::safety::to_json) writes.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    if !needs_escape(s.as_bytes()) && !crate::safety::may_hold_unsafe(s) {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    let _ = crate::safety::write_json_string(out, s);
}

/// Whether any byte is `"`, `\\` or a control character.
fn needs_escape(bytes: &[u8]) -> bool {
    crate::swar::first_special(bytes) < bytes.len()
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
    /// The end of its records: `],"policy":…,"policy_hash":…}`.
    tail: String,
    rendered: HashMap<(Rule, u128), Box<str>, BuildKeyHasher>,
    /// The facts each rule's sentences are written from, under the policy.
    facts: SentenceFacts,
    /// Room to render a sentence before escaping it.
    scratch: String,
}

thread_local! {
    static SENTENCES: RefCell<Sentences> = RefCell::new(Sentences::default());
    /// Where `write_json` builds a record before handing it to the writer in one piece.
    static RECORD: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f` on the thread's record buffer, emptied; the buffer is lent out and given back, so a nested call
/// (a writer that writes records itself) simply starts a new one.
pub(crate) fn with_buffer<T>(f: impl FnOnce(&mut String) -> T) -> T {
    let mut out = RECORD
        .try_with(|cell| cell.try_borrow_mut().map(|mut b| core::mem::take(&mut *b)))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    out.clear();
    let result = f(&mut out);
    // A record is about a kilobyte; a buffer grown far past that is not kept.
    if out.capacity() <= 1 << 16 {
        let _ = RECORD.try_with(|cell| {
            if let Ok(mut kept) = cell.try_borrow_mut() {
                *kept = out;
            }
        });
    }
    result
}

/// Appends a reason's object, `{"rule":"…","zh":"…","en":"…"}`, rendering through `scratch`.
fn push_reason(out: &mut String, reason: &Reason<'_>, scratch: &mut String) {
    out.push_str("{\"rule\":\"");
    let _ = write!(out, "{}", reason.rule());
    out.push_str("\",\"zh\":");
    scratch.clear();
    let _ = reason.zh().render(scratch);
    push_json_string(out, scratch);
    out.push_str(",\"en\":");
    scratch.clear();
    let _ = reason.en().render(scratch);
    push_json_string(out, scratch);
    out.push('}');
}

/// The facts (bit `i` for `Fact::ALL[i]`) each rule's sentences are written from: two people who agree on
/// them get the same sentences (what the record writer's kept sentences rely on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SentenceFacts {
    /// `stream.*`: the post, the stream, and every fact a stream's condition tests (the sentence names the
    /// condition that holds, or what the post's own stream lacks, and the other streams that qualify).
    stream: u32,
    /// `specialty.*`, by specialty: the stream, the specialty, and the facts its condition tests.
    specialty: Vec<(Specialty, u32)>,
    /// `tier.*`, by stream: the stream, the tier, and the facts the ladder's conditions test.
    tier: [u32; Stream::ALL.len()],
    /// `entitlement.*`, by entitlement: the decisions and the facts its conditions test.
    entitlement: Vec<(Entitlement, u32)>,
}

impl SentenceFacts {
    fn of(c: &Compiled) -> SentenceFacts {
        const fn bit(f: Fact) -> u32 {
            1 << (f as u32)
        }
        let decided = bit(Fact::Stream) | bit(Fact::Specialty) | bit(Fact::Tier);
        let mut facts = SentenceFacts {
            stream: c
                .streams
                .iter()
                .flat_map(|s| &s.eligible)
                .fold(bit(Fact::Post) | bit(Fact::Stream), |used, m| {
                    used | m.mask.used()
                }),
            ..SentenceFacts::default()
        };
        for sp in &c.specialties {
            facts.specialty.push((
                sp.specialty,
                bit(Fact::Stream) | bit(Fact::Specialty) | sp.when.used(),
            ));
        }
        for (slot, ladder) in facts.tier.iter_mut().zip(&c.ladders) {
            *slot = ladder
                .iter()
                .fold(bit(Fact::Stream) | bit(Fact::Tier), |used, t| {
                    used | t.when.used()
                });
        }
        for (e, when) in &c.entitlements {
            facts.entitlement.push((*e, decided | when.used()));
        }
        facts
    }
}

/// The facts a rule's sentences are written from (bit `i` for `Fact::ALL[i]`), or `None` for the rules whose
/// sentences quote the person's numbers, which are not kept.
fn sentence_facts(of: &SentenceFacts, c: &Classification<'_>, rule: Rule) -> Option<u32> {
    let bit = |f: Fact| 1u32 << (f as u32);
    // A policy's own facts are not in the key: its sentences are written for each person.
    if !c.policy().compiled().slots.slots.is_empty() {
        return None;
    }
    match rule {
        Rule::Stream(_) => Some(of.stream),
        Rule::Specialty(s) => of.specialty.iter().find(|(x, _)| *x == s).map(|(_, f)| *f),
        Rule::EnterpriseSize(Basis::Stated) => Some(bit(Fact::EnterpriseSize)),
        Rule::AboveDesignatedSize(Basis::Stated) => Some(bit(Fact::AboveDesignatedSize)),
        Rule::EnterpriseSize(Basis::Derived) | Rule::AboveDesignatedSize(Basis::Derived) => None,
        Rule::Tier(_) => Some(*per_code(&of.tier, c.stream()?)),
        Rule::Entitlement(e) => of
            .entitlement
            .iter()
            .find(|(x, _)| *x == e)
            .map(|(_, f)| *f),
        Rule::Service(_) => Some(bit(Fact::IntroductionLevel)),
        Rule::Evaluation(_) => None,
    }
}

impl Sentences {
    fn push(&mut self, out: &mut String, c: &Classification<'_>, key: Option<Facts>) {
        let hash = c.policy().hash();
        if self.policy != hash || self.tail.is_empty() {
            self.rendered.clear();
            hash.clone_into(&mut self.policy);
            self.facts = SentenceFacts::of(c.policy().compiled());
            self.tail.clear();
            push_tail(&mut self.tail, c);
        }
        for (i, reason) in c.reasons().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let rule = reason.rule();
            let key =
                key.and_then(|facts| Some(facts.packed(sentence_facts(&self.facts, c, rule)?)));
            match key {
                Some(key) => {
                    if let Some(done) = self.rendered.get(&(rule, key)) {
                        out.push_str(done);
                    } else {
                        let mut done = String::new();
                        push_reason(&mut done, &reason, &mut self.scratch);
                        out.push_str(&done);
                        if self.rendered.len() >= CACHED {
                            self.rendered.clear();
                        }
                        self.rendered.insert((rule, key), done.into_boxed_str());
                    }
                }
                None => push_reason(out, &reason, &mut self.scratch),
            }
        }
        out.push_str(&self.tail);
    }
}

/// The end of a record, after its reasons.
fn push_tail(out: &mut String, c: &Classification<'_>) {
    out.push_str("],\"policy\":");
    push_json_string(out, c.policy().name());
    out.push_str(",\"policy_hash\":");
    push_json_string(out, c.policy().hash());
    out.push('}');
}

/// Appends the reasons' objects and the end of the record, with the thread's kept sentences where it can.
fn push_reasons(out: &mut String, c: &Classification<'_>) {
    let key = Some(c.facts());
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
    /// The §6 record as one line of JSON (feature `json`).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::Other).build()?;
    /// let json = classify(&p).to_json();
    /// assert!(json.starts_with(r#"{"id":"X-1","stream":null,"specialty":null,"tier":null,"lead":null,"#));
    /// assert!(json.contains(r#""policy":"shizhong-2011","policy_hash":"sha256:"#));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        self.push_json(&mut out);
        out
    }

    /// Writes the §6 record as one line of JSON, without a newline (feature `json`).
    ///
    /// # Errors
    ///
    /// The writer's I/O error.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::Other).build()?;
    /// let mut out = Vec::new();
    /// classify(&p).write_json(&mut out)?;
    /// assert_eq!(out, classify(&p).to_json().into_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn write_json<W: std::io::Write>(&self, mut writer: W) -> std::io::Result<()> {
        with_buffer(|out| {
            self.push_json(out);
            writer.write_all(out.as_bytes())
        })
    }

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
        let mut indicators = self.missing_indicators().peekable();
        if indicators.peek().is_some() {
            // The policy's indicators follow the §4.7 names (DOMAIN.md §9.3).
            out.pop();
            for (i, code) in indicators.enumerate() {
                if i > 0 || !self.missing_facts().is_empty() {
                    out.push(',');
                }
                push_json_string(out, code);
            }
            out.push(']');
        }
        out.push_str(",\"reasons\":[");
        push_reasons(out, self);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Any string is escaped exactly as serde_json escapes it, wherever the special bytes fall in the
        /// eight-byte words.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            s in "[a-z\"\\\\\u{0}-\u{1f}\u{7f}\u{80}-\u{10ffff} ]{0,40}"
        ) {
            let mut out = String::new();
            super::push_json_string(&mut out, &s);
            prop_assert_eq!(out, crate::safety::to_json(&s).unwrap());
        }
    }
}
