//! The problems of a policy document, typed: where each is in the document and what kind it is, so that a
//! program can act on them; the message is what a person reads.

use core::fmt;

/// What kind of problem a policy document has.
///
/// ```
/// use talent_matrix::policy::{PolicyDoc, ProblemKind};
/// use talent_matrix::Policy;
///
/// let mut doc = PolicyDoc::shizhong_2011();
/// doc.name = "my-district".into();
/// doc.streams[0].lead = "mayor".into();
/// doc.ladders[0].tiers[0].managed_by.clear();
/// let err = Policy::from_doc(&doc).unwrap_err();
/// let kinds: Vec<ProblemKind> = err.problems().iter().map(|p| p.kind()).collect();
/// // An unknown code and what the proofs find, at once (DOMAIN.md §9.4).
/// assert_eq!(kinds, [ProblemKind::Unknown, ProblemKind::NoDepartment]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not TOML or JSON.
    Syntax,
    /// A limit of [`Limits`](super::Limits) is passed (the document's size, a list's length, the proofs'
    /// steps).
    Limit,
    /// A key the document does not have.
    UnknownKey,
    /// A required key is missing.
    Missing,
    /// A value of the wrong type or form: a string where a table belongs, a date that is not a calendar date,
    /// a name with control characters, two options that exclude each other.
    Shape,
    /// A code, fact or value that is not in its list.
    Unknown,
    /// Something listed or given twice.
    Repeated,
    /// A fact tested where it cannot be (a decided fact before it is decided, an enterprise fact that may be
    /// open where the rule needs a known one).
    NotTestable,
    /// A rule that can never apply: a stream no one reaches, a specialty or tier whose condition never holds.
    Unreachable,
    /// A tier that can never fire because a higher tier holds wherever it does.
    Shadowed,
    /// A tier whose condition would lower the tier when an ordered fact (performance, contribution, …) rises.
    NotMonotone,
    /// A tier without a department to manage it.
    NoDepartment,
    /// Size thresholds that do not rise from small to large, or do not bound the same numbers.
    Thresholds,
    /// The built-in policy's name on other rules.
    Name,
    /// The count of the problems left out past [`Limits::max_problems`](super::Limits::max_problems).
    More,
}

/// One problem of a policy document: where it is (`streams[1].lead`; empty for the document as a whole),
/// what kind it is, and its message. `Display` writes `where: message`, the text the crate has always given.
///
/// ```
/// use talent_matrix::policy::{PolicyDoc, ProblemKind};
/// use talent_matrix::Policy;
///
/// let mut doc = PolicyDoc::shizhong_2011();
/// doc.name = "my-district".into();
/// doc.streams[0].lead = "mayor".into();
/// let err = Policy::from_doc(&doc).unwrap_err();
/// let problem = &err.problems()[0];
/// assert_eq!(problem.at(), "streams[0].lead");
/// assert_eq!(problem.kind(), ProblemKind::Unknown);
/// assert_eq!(problem.message(), r#"unknown department "mayor""#);
/// assert_eq!(problem.to_string(), r#"streams[0].lead: unknown department "mayor""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    at: String,
    kind: ProblemKind,
    message: String,
}

impl Problem {
    pub(crate) fn new(
        kind: ProblemKind,
        at: impl AsRef<str>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            at: at.as_ref().to_owned(),
            kind,
            message: message.into(),
        }
    }

    /// An unknown code of a list (`kind`): `unknown tier "gold"`, with a look-alike among `codes` if one is.
    pub(crate) fn unknown(kind: &str, code: &str, codes: &[&str], at: impl AsRef<str>) -> Problem {
        Problem::new(
            ProblemKind::Unknown,
            at,
            format!(
                "unknown {kind} {:?}{}",
                crate::safety::Shown(code),
                crate::safety::look_alike(code, codes)
            ),
        )
    }

    /// Where the problem is in the document, as a path of keys and list indices (`ladders[0].tiers[1].when`);
    /// empty for the document as a whole.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// The message, without the place.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// A problem equals the text it displays as, so that a list of problems can be compared with the messages.
impl PartialEq<str> for Problem {
    fn eq(&self, other: &str) -> bool {
        let at = self.at.len();
        if at == 0 {
            return self.message == other;
        }
        other.len() == at + 2 + self.message.len()
            && other.starts_with(self.at.as_str())
            && other.get(at..at + 2) == Some(": ")
            && other.ends_with(self.message.as_str())
    }
}

impl PartialEq<&str> for Problem {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for Problem {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

/// Why a policy document could not be loaded: every problem found, each with where it is in the document.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// use talent_matrix::Policy;
///
/// let mut doc = PolicyDoc::shizhong_2011();
/// doc.name = "my-district".into();
/// doc.streams[0].lead = "mayor".into();
/// doc.services[0].services.push("free_lunch".into());
/// let err = Policy::from_doc(&doc).unwrap_err();
/// assert_eq!(
///     err.problems(),
///     [r#"streams[0].lead: unknown department "mayor""#, r#"services[0]: unknown service "free_lunch""#]
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the policy has {} problem(s): {}", problems.len(), joined(problems))]
pub struct PolicyError {
    problems: Vec<Problem>,
}

impl PolicyError {
    /// Every problem, in the order of the document.
    ///
    /// ```
    /// let mut doc = talent_matrix::policy::PolicyDoc::shizhong_2011();
    /// doc.name = "my-district".into();
    /// doc.ladders[0].tiers[0].managed_by.clear();
    /// let err = talent_matrix::Policy::from_doc(&doc).unwrap_err();
    /// assert_eq!(err.problems().len(), 1);
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl PolicyError {
    pub(crate) fn new(problems: Vec<Problem>) -> PolicyError {
        PolicyError { problems }
    }
}

/// The problems' messages, joined by `; `.
fn joined(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
