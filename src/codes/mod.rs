//! Code lists: every value the scheme names, each list written once as a table (DOMAIN.md §2).
//!
//! Each list is one invocation of the internal `code_list!` macro: a row per value with its variant, its stable
//! snake_case **code** (the serde form), its zh-Hans, zh-Hant and English labels, its aliases (departments only)
//! and the source it comes from. Everything else (the enum, [`Coded`], `Display`, `FromStr`, serde, iteration
//! with strum, the doc of each variant) is generated from that row, so no string is written twice.
//!
//! **Parsing** (`FromStr`, serde, and every value field of a [`Profile`](crate::Profile)) accepts, after
//! trimming surrounding whitespace, the code or the English label (ASCII case-insensitive), the zh-Hans or the
//! zh-Hant label (exact), and for departments the aliases, optionally after one leading 区委/區委/区/區.
//! **`Display`** prints the English label; the alternate form `{:#}` prints the code. Both parse back.
//!
//! ```
//! use talent_matrix::{Department, Lang, Stream};
//!
//! let s: Stream = "企業經營管理人才".parse()?;
//! assert_eq!(s, Stream::EnterpriseManagement);
//! assert_eq!(format!("{s}"), "Enterprise management talent");
//! assert_eq!(format!("{s:#}"), "enterprise_management");
//! assert_eq!("区委组织部".parse::<Department>()?, Department::OrganizationDepartment);
//! # Ok::<(), talent_matrix::ParseCodeError>(())
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;

use crate::lang::Lang;

mod defined;
mod department;
mod outcome;
mod profile_values;
mod specialty;
mod stream;
mod tier;
mod values;

pub use defined::Defined;
pub(crate) use defined::{KEPT_VALUES, NewDefinition, define, find};
pub use department::Department;
pub use outcome::{Entitlement, MissingFact, Service};
pub use profile_values::{
    Contribution, EnterpriseSize, Field, Industry, IntroductionLevel, Ownership, Performance, Post,
    ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate,
};
pub use specialty::Specialty;
pub use stream::Stream;
pub use tier::Tier;
pub use values::{Values, ValuesIter};

pub(crate) mod sealed {
    pub trait Sealed: Sized {
        /// The value whose code is exactly `code`: the common case of parsing, answered by one `match`.
        fn from_exact_code(code: &str) -> Option<Self>;
    }
}

/// A value of one of the crate's code lists: a stable code, three labels, a source.
///
/// Implemented by every code list ([`Stream`], [`Tier`], [`Department`], [`Post`], …) and sealed: the lists are
/// the contract of DOMAIN.md §2. Use it to write code over any list, e.g. to print a legend.
///
/// ```
/// use talent_matrix::{Coded, Lang, Tier};
///
/// fn legend<T: Coded>() -> Vec<String> {
///     T::ALL.iter().map(|v| format!("{} = {}", v.code(), v.label(Lang::ZhHans))).collect()
/// }
/// assert_eq!(legend::<Tier>(), ["elite = 企业英才", "high_end = 高端人才", "leader = 领军人才"]);
/// ```
pub trait Coded:
    sealed::Sealed
    + Copy
    + Eq
    + Ord
    + core::hash::Hash
    + fmt::Debug
    + fmt::Display
    + core::str::FromStr<Err = ParseCodeError>
    + 'static
{
    /// What a value of this list is called in messages, e.g. `"stream"`, `"post"`.
    ///
    /// ```
    /// use talent_matrix::{Coded, SkillLevel};
    /// assert_eq!(SkillLevel::KIND, "skill level");
    /// ```
    const KIND: &'static str;
    /// Every value, in the list's declaration order (the order of DOMAIN.md §2 unless the type says otherwise).
    ///
    /// ```
    /// use talent_matrix::{Coded, Stream};
    /// assert_eq!(<Stream as Coded>::ALL.first(), Some(&Stream::PartyGovernment));
    /// ```
    const ALL: &'static [Self];
    /// Every code, in the order of [`ALL`](Self::ALL).
    ///
    /// ```
    /// use talent_matrix::{Coded, Tier};
    /// assert_eq!(Tier::CODES, ["elite", "high_end", "leader"]);
    /// ```
    const CODES: &'static [&'static str];
    /// Prefixes that may stand directly before a Chinese label or alias (区委/區委/区/區 for departments).
    ///
    /// ```
    /// use talent_matrix::{Coded, Department, Post};
    /// assert_eq!(Department::PREFIXES, ["区委", "區委", "区", "區"]);
    /// assert!(Post::PREFIXES.is_empty());
    /// ```
    const PREFIXES: &'static [&'static str];

    /// The stable snake_case code, which is also the serde form.
    ///
    /// ```
    /// use talent_matrix::{Coded, Role};
    /// assert_eq!(Coded::code(Role::MiddleManager), "middle_manager");
    /// ```
    fn code(self) -> &'static str;
    /// The label in a language.
    ///
    /// ```
    /// use talent_matrix::{Coded, Lang, Role};
    /// assert_eq!(Coded::label(Role::Owner, Lang::ZhHant), "企業主");
    /// ```
    fn label(self, lang: Lang) -> &'static str;
    /// Further accepted names (department aliases, in both scripts); empty for most lists.
    ///
    /// ```
    /// use talent_matrix::{Coded, Department};
    /// assert_eq!(Coded::aliases(Department::CommerceBureau), ["商务", "商務"]);
    /// ```
    fn aliases(self) -> &'static [&'static str];
    /// Where the value comes from: a DOMAIN.md section, the seed, or a national standard.
    ///
    /// ```
    /// use talent_matrix::{Coded, Industry};
    /// assert!(Coded::source(Industry::Retail).contains("工信部联企业〔2011〕300号"));
    /// ```
    fn source(self) -> &'static str;
    /// The position of the value in [`ALL`](Self::ALL); for a value a policy defines (an [`Open`] list's
    /// `Defined` variant), `ALL.len()` or more.
    ///
    /// ```
    /// use talent_matrix::{Coded, Stream};
    /// assert_eq!(Coded::index(Stream::SocialWork), 4);
    /// ```
    fn index(self) -> usize;
}

/// A code list no policy extends: the national streams, the profile's value lists and the missing facts.
///
/// Its values are exactly [`Coded::ALL`], so a [`CodeSet`] holds them as bits. Sealed.
///
/// ```
/// use talent_matrix::{Closed, CodeSet, Stream};
/// fn count<T: Closed>(set: CodeSet<T>) -> usize { set.len() }
/// assert_eq!(count(CodeSet::from_iter([Stream::SocialWork])), 1);
/// ```
pub trait Closed: Coded {}

/// One of the five outcome lists a policy may extend with `[[values]]` (DOMAIN.md §9.1): [`Department`],
/// [`Specialty`], [`Tier`], [`Entitlement`] and [`Service`]. Sealed.
///
/// Its built-in values are [`Coded::ALL`]; the values a policy defines are its `Defined` variant, and parse
/// only under that policy ([`Policy::parse`](crate::Policy::parse)).
///
/// ```
/// use talent_matrix::{Department, Open};
/// assert_eq!(Open::defined(Department::TalentOffice), None);
/// ```
pub trait Open: Coded {
    /// The value a policy's definition stands for.
    #[doc(hidden)]
    fn from_defined(d: Defined) -> Self;
    /// The definition behind a value a policy defined; `None` for a built-in value.
    fn defined(self) -> Option<Defined>;
}

/// The entry of a code in a table with one entry per code of its list, in the list's order. In bounds by
/// construction: the table's length is the list's (checked when this compiles), and a code's index is its place
/// in the list ([`Coded`] is sealed: only `code_list!` implements it, from the list itself).
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see above
pub(crate) fn per_code<C: Closed, T, const N: usize>(table: &[T; N], code: C) -> &T {
    const { assert!(N == C::ALL.len()) };
    &table[code.index()]
}

/// [`per_code`], to change the entry.
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see `per_code`
pub(crate) fn per_code_mut<C: Closed, T, const N: usize>(table: &mut [T; N], code: C) -> &mut T {
    const { assert!(N == C::ALL.len()) };
    &mut table[code.index()]
}

/// Parses any code list value as DOMAIN.md §2 says.
///
/// An exact code is looked up first: every code parses to its own value (tested for every list), so this
/// changes no result, only the time a roster of codes takes.
pub(crate) fn parse_code<T: Coded>(input: &str) -> Result<T, ParseCodeError> {
    let s = crate::lang::trim(input);
    if let Some(v) = T::from_exact_code(s) {
        return Ok(v);
    }
    parse_among(input, T::ALL).ok_or_else(|| ParseCodeError {
        kind: T::KIND,
        codes: Cow::Borrowed(T::CODES),
        input: input.to_owned(),
    })
}

/// Parses a value of an open list under a policy: its built-in values and the ones the policy defines
/// (`defined`), as DOMAIN.md §2 says (§9.1).
pub(crate) fn parse_open<T: Open>(input: &str, defined: &[T]) -> Result<T, ParseCodeError> {
    parse_code(input).or_else(|err| {
        parse_among(input, defined).ok_or_else(|| ParseCodeError {
            codes: Cow::Owned(
                T::CODES
                    .iter()
                    .copied()
                    .chain(defined.iter().map(|v| v.code()))
                    .collect(),
            ),
            ..err
        })
    })
}

/// The value of `values` that `input` names (DOMAIN.md §2): a code or English label, ASCII case ignored, a
/// Chinese label or alias, optionally after one of the list's prefixes.
fn parse_among<T: Coded>(input: &str, values: &[T]) -> Option<T> {
    let s = crate::lang::trim(input);
    let chinese = |v: T, s: &str| {
        v.label(Lang::ZhHans) == s || v.label(Lang::ZhHant) == s || v.aliases().contains(&s)
    };
    let found = values.iter().copied().find(|&v| {
        v.code().eq_ignore_ascii_case(s)
            || v.label(Lang::En).eq_ignore_ascii_case(s)
            || chinese(v, s)
    });
    found.or_else(|| {
        T::PREFIXES.iter().find_map(|p| {
            let rest = s.strip_prefix(p)?;
            values.iter().copied().find(|&v| chinese(v, rest))
        })
    })
}

/// The error returned when a string is no code, label or alias of a code list.
///
/// The message names the kind of value, the input and the codes that would have been accepted.
///
/// ```
/// use talent_matrix::Tier;
///
/// let err = "gold".parse::<Tier>().unwrap_err();
/// assert_eq!(err.kind(), "tier");
/// assert_eq!(err.input(), "gold");
/// assert_eq!(
///     err.to_string(),
///     r#"unknown tier "gold", expected one of elite, high_end, leader, or a label"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {input:?}, expected {}", Expected(codes))]
pub struct ParseCodeError {
    kind: &'static str,
    codes: Cow<'static, [&'static str]>,
    input: String,
}

impl ParseCodeError {
    /// The kind of value that was expected, e.g. `"department"`.
    ///
    /// ```
    /// let err = "x".parse::<talent_matrix::Department>().unwrap_err();
    /// assert_eq!(err.kind(), "department");
    /// ```
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The input, as given (untrimmed).
    ///
    /// ```
    /// let err = " x ".parse::<talent_matrix::Post>().unwrap_err();
    /// assert_eq!(err.input(), " x ");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What would have been accepted, as it reads in messages: `one of a, b, c, or a label`.
    ///
    /// ```
    /// let err = "x".parse::<talent_matrix::Performance>().unwrap_err();
    /// assert_eq!(err.expected(), "one of ordinary, good, outstanding, or a label");
    /// ```
    pub fn expected(&self) -> String {
        Expected(&self.codes).to_string()
    }
}

/// `one of a, b, c, or a label`: what a code list accepts, for messages.
pub(crate) struct Expected<'a>(pub(crate) &'a [&'a str]);

impl fmt::Display for Expected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for code in self.0 {
            write!(f, "{code}, ")?;
        }
        f.write_str("or a label")
    }
}

/// Generates a code list from one table of rows. See the module docs.
///
/// A list written `open Defined` (the five outcome lists of DOMAIN.md §9.1) has a further variant
/// `Defined(Defined)` for the values a policy defines, and is not [`Closed`].
macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $kind:literal $(, prefixes [$($prefix:literal),* $(,)?])? $(, in $module:ident)? {
            $(
                $(#[$vattr:meta])*
                $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal
                    $(, aliases [$($alias:literal),* $(,)?])? $(,)?) => $source:literal;
            )+
        }
    ) => {
        $crate::codes::code_list!(@enum
            [Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::strum::EnumIter, ::strum::EnumCount]
            [$(#[$meta])*] $name {
                $($(#[$vattr])* $variant = ($code, $hans, $hant, $en $(, aliases [$($alias),*])?) => $source;)+
            }
        );

        impl $name {
            #[doc = concat!(
                "The position of the value in [`ALL`](Self::ALL).\n\n```\n",
                "use talent_matrix::", $(stringify!($module), "::",)? stringify!($name), ";\n",
                "assert_eq!(", stringify!($name), "::ALL[0].index(), 0);\n```"
            )]
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl $crate::codes::Closed for $name {}

        $crate::codes::code_list!(@impl $name: $kind $(, prefixes [$($prefix),*])? $(, in $module)? {
            $($variant = ($code, $hans, $hant, $en $(, aliases [$($alias),*])?) => $source;)+
        });
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $kind:literal, open $defined:ident $(, prefixes [$($prefix:literal),* $(,)?])? {
            $(
                $(#[$vattr:meta])*
                $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal
                    $(, aliases [$($alias:literal),* $(,)?])? $(,)?) => $source:literal;
            )+
        }
    ) => {
        $crate::codes::code_list!(@enum
            [Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash]
            [$(#[$meta])*] $name open $defined {
                $($(#[$vattr])* $variant = ($code, $hans, $hant, $en $(, aliases [$($alias),*])?) => $source;)+
            }
        );

        impl $name {
            #[doc = concat!(
                "The position of a built-in value in [`ALL`](Self::ALL); a value a policy defines comes after ",
                "them all (`ALL.len()` and up, by its number in the process).\n\n```\n",
                "use talent_matrix::", stringify!($name), ";\n",
                "assert_eq!(", stringify!($name), "::ALL[0].index(), 0);\n```"
            )]
            pub fn index(self) -> usize {
                let mut i = 0;
                $(
                    if let Self::$variant = self {
                        return i;
                    }
                    i += 1;
                )+
                match self {
                    Self::$defined(d) => i + d.number(),
                    _ => i,
                }
            }

            /// The value a policy defined, if it is one.
            pub(crate) fn defined(self) -> Option<$crate::codes::Defined> {
                match self {
                    Self::$defined(d) => Some(d),
                    _ => None,
                }
            }
        }

        impl $crate::codes::Open for $name {
            fn from_defined(d: $crate::codes::Defined) -> Self {
                Self::$defined(d)
            }
            fn defined(self) -> Option<$crate::codes::Defined> {
                Self::defined(self)
            }
        }

        $crate::codes::code_list!(@impl $name: $kind $(, prefixes [$($prefix),*])?, open $defined {
            $($variant = ($code, $hans, $hant, $en $(, aliases [$($alias),*])?) => $source;)+
        });
    };
    (
        @enum [$($derive:path),*] [$(#[$meta:meta])*] $name:ident $(open $defined:ident)? {
            $(
                $(#[$vattr:meta])*
                $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal
                    $(, aliases [$($alias:literal),*])?) => $source:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive($($derive),*)]
        pub enum $name {
            $(
                $(#[$vattr])*
                #[doc = concat!(
                    $en, " — ", $hans, " / ", $hant, " — code `", $code, "`.",
                    $("\n\nAliases: ", $(concat!($alias, " "),)* ".",)?
                    "\n\nSource: ", $source, ".",
                    "\n\n[national]: crate#where-rules-come-from\n[seed]: crate#where-rules-come-from"
                )]
                $variant,
            )+
            $(
                /// A value a loaded policy defines (DOMAIN.md §9.1). It prints and serializes like a built-in
                /// value and parses only under its policy ([`Policy::parse`](crate::Policy::parse)).
                $defined($crate::codes::Defined),
            )?
        }
    };
    (
        @impl $name:ident: $kind:literal $(, prefixes [$($prefix:literal),*])? $(, in $module:ident)?
            $(, open $defined:ident)? {
            $(
                $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal
                    $(, aliases [$($alias:literal),*])?) => $source:literal;
            )+
        }
    ) => {
        impl $name {
            #[doc = concat!(
                "Every built-in `", stringify!($name), "`, in declaration order.\n\n```\n",
                "use talent_matrix::", $(stringify!($module), "::",)? stringify!($name), ";\n",
                "assert!(", stringify!($name), "::ALL.iter().enumerate().all(|(i, v)| v.index() == i));\n```"
            )]
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            #[doc = concat!(
                "The stable snake_case code (the serde form).\n\n```\n",
                "use talent_matrix::", $(stringify!($module), "::",)? stringify!($name), ";\n",
                "for v in ", stringify!($name), "::ALL {\n",
                "    assert_eq!(v.code().parse::<", stringify!($name), ">()?, *v);\n}\n",
                "# Ok::<(), talent_matrix::ParseCodeError>(())\n```"
            )]
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                    $(Self::$defined(d) => d.code(),)?
                }
            }

            #[doc = concat!(
                "The label in a language.\n\n```\n",
                "use talent_matrix::{Lang, ", $(stringify!($module), "::",)? stringify!($name), "};\n",
                "for v in ", stringify!($name), "::ALL {\n",
                "    for &lang in Lang::ALL {\n",
                "        assert_eq!(v.label(lang).parse::<", stringify!($name), ">()?, *v);\n",
                "    }\n}\n",
                "# Ok::<(), talent_matrix::ParseCodeError>(())\n```"
            )]
            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match self {
                    $(Self::$variant => match lang {
                        $crate::lang::Lang::ZhHans => $hans,
                        $crate::lang::Lang::ZhHant => $hant,
                        $crate::lang::Lang::En => $en,
                    },)+
                    $(Self::$defined(d) => d.label(lang),)?
                }
            }

            #[doc = concat!(
                "Where the value comes from (a DOMAIN.md section, the seed, or a national standard).\n\n```\n",
                "use talent_matrix::", $(stringify!($module), "::",)? stringify!($name), ";\n",
                "assert!(", stringify!($name), "::ALL.iter().all(|v| !v.source().is_empty()));\n```"
            )]
            pub fn source(self) -> &'static str {
                match self {
                    $(Self::$variant => $source,)+
                    $(Self::$defined(d) => d.source(),)?
                }
            }

            #[doc = concat!(
                "Further accepted names, in both scripts (empty unless the table lists aliases).\n\n```\n",
                "use talent_matrix::", $(stringify!($module), "::",)? stringify!($name), ";\n",
                "for v in ", stringify!($name), "::ALL {\n",
                "    for alias in v.aliases() {\n",
                "        assert_eq!(alias.parse::<", stringify!($name), ">()?, *v);\n",
                "    }\n}\n",
                "# Ok::<(), talent_matrix::ParseCodeError>(())\n```"
            )]
            pub fn aliases(self) -> &'static [&'static str] {
                match self {
                    $(Self::$variant => &[$($($alias),*)?],)+
                    $(Self::$defined(d) => d.aliases(),)?
                }
            }
        }

        impl $crate::codes::sealed::Sealed for $name {
            fn from_exact_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::codes::Coded for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = Self::ALL;
            const CODES: &'static [&'static str] = &[$($code),+];
            const PREFIXES: &'static [&'static str] = &[$($($prefix),*)?];

            fn code(self) -> &'static str {
                Self::code(self)
            }
            fn label(self, lang: $crate::lang::Lang) -> &'static str {
                Self::label(self, lang)
            }
            fn aliases(self) -> &'static [&'static str] {
                Self::aliases(self)
            }
            fn source(self) -> &'static str {
                Self::source(self)
            }
            fn index(self) -> usize {
                Self::index(self)
            }
        }

        impl ::core::fmt::Display for $name {
            /// The English label; with `{:#}`, the code. Width and alignment are honoured.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                if f.alternate() {
                    f.pad(self.code())
                } else {
                    f.pad(self.label($crate::lang::Lang::En))
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::codes::ParseCodeError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::codes::parse_code(s)
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::codes::CodeVisitor::<Self>::new())
            }
        }
    };
}
pub(crate) use code_list;

/// The serde visitor of every code list: a string, parsed as `FromStr` does.
#[cfg(feature = "serde")]
pub(crate) struct CodeVisitor<T>(PhantomData<fn() -> T>);

#[cfg(feature = "serde")]
impl<T> CodeVisitor<T> {
    pub(crate) const fn new() -> Self {
        CodeVisitor(PhantomData)
    }
}

#[cfg(feature = "serde")]
impl<T: Coded> serde::de::Visitor<'_> for CodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} code or label", T::KIND)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        parse_code(v).map_err(E::custom)
    }
}

/// A set of values of one code list, iterated in the list's declaration order.
///
/// A bit set: `Copy`, no allocation. The classification uses it for `also_qualifies`, `entitlements`,
/// `services` and `missing_facts`, whose orders DOMAIN.md §4 fixes as the declaration orders of their lists.
/// With the `serde` feature it serializes as an array of codes.
///
/// ```
/// use talent_matrix::{CodeSet, Stream};
///
/// let set: CodeSet<Stream> = [Stream::SocialWork, Stream::PartyGovernment].into_iter().collect();
/// assert_eq!(set.iter().collect::<Vec<_>>(), [Stream::PartyGovernment, Stream::SocialWork]);
/// assert!(set.contains(Stream::SocialWork));
/// assert_eq!(set.len(), 2);
/// ```
pub struct CodeSet<T> {
    bits: u64,
    marker: PhantomData<fn() -> T>,
}

impl<T: Closed> CodeSet<T> {
    /// The empty set.
    ///
    /// ```
    /// assert!(talent_matrix::CodeSet::<talent_matrix::Post>::new().is_empty());
    /// ```
    pub const fn new() -> Self {
        CodeSet {
            bits: 0,
            marker: PhantomData,
        }
    }

    /// Adds a value; returns whether it was not already present.
    ///
    /// ```
    /// let mut set = talent_matrix::CodeSet::new();
    /// assert!(set.insert(talent_matrix::Stream::SocialWork));
    /// assert!(!set.insert(talent_matrix::Stream::SocialWork));
    /// ```
    pub fn insert(&mut self, value: T) -> bool {
        let bit = Self::bit(value);
        let fresh = self.bits & bit == 0;
        self.bits |= bit;
        fresh
    }

    /// Removes a value; returns whether it was present.
    ///
    /// ```
    /// let mut set: talent_matrix::CodeSet<_> = [talent_matrix::Stream::SocialWork].into_iter().collect();
    /// assert!(set.remove(talent_matrix::Stream::SocialWork));
    /// assert!(set.is_empty());
    /// ```
    pub fn remove(&mut self, value: T) -> bool {
        let bit = Self::bit(value);
        let present = self.bits & bit != 0;
        self.bits &= !bit;
        present
    }

    /// Whether the set holds a value.
    ///
    /// ```
    /// let set: talent_matrix::CodeSet<_> = [talent_matrix::Stream::PartyGovernment].into_iter().collect();
    /// assert!(set.contains(talent_matrix::Stream::PartyGovernment));
    /// assert!(!set.contains(talent_matrix::Stream::SocialWork));
    /// ```
    pub fn contains(&self, value: T) -> bool {
        self.bits & Self::bit(value) != 0
    }

    /// The number of values in the set.
    ///
    /// ```
    /// assert_eq!(talent_matrix::CodeSet::<talent_matrix::Stream>::new().len(), 0);
    /// ```
    pub const fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(talent_matrix::CodeSet::<talent_matrix::Stream>::new().is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// The values, in declaration order.
    ///
    /// ```
    /// use talent_matrix::{CodeSet, Stream};
    /// let set: CodeSet<Stream> = [Stream::SocialWork, Stream::PartyGovernment].into_iter().collect();
    /// assert_eq!(set.iter().collect::<Vec<_>>(), [Stream::PartyGovernment, Stream::SocialWork]);
    /// ```
    pub fn iter(&self) -> CodeSetIter<T> {
        CodeSetIter {
            bits: self.bits,
            marker: PhantomData,
        }
    }

    fn bit(value: T) -> u64 {
        // Every list has far fewer than 64 values (checked by a test), so the shift cannot overflow.
        1u64 << (value.index() % 64)
    }
}

impl<T> Clone for CodeSet<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for CodeSet<T> {}
impl<T> PartialEq for CodeSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}
impl<T> Eq for CodeSet<T> {}
impl<T> core::hash::Hash for CodeSet<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
    }
}
impl<T: Closed> Default for CodeSet<T> {
    fn default() -> Self {
        Self::new()
    }
}
impl<T: Closed> fmt::Debug for CodeSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}
impl<T: Closed> FromIterator<T> for CodeSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}
impl<T: Closed> Extend<T> for CodeSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for v in iter {
            self.insert(v);
        }
    }
}
impl<T: Closed> IntoIterator for CodeSet<T> {
    type Item = T;
    type IntoIter = CodeSetIter<T>;
    fn into_iter(self) -> CodeSetIter<T> {
        self.iter()
    }
}
impl<T: Closed> IntoIterator for &CodeSet<T> {
    type Item = T;
    type IntoIter = CodeSetIter<T>;
    fn into_iter(self) -> CodeSetIter<T> {
        self.iter()
    }
}

#[cfg(feature = "serde")]
impl<T: Closed + serde::Serialize> serde::Serialize for CodeSet<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de, T: Closed + serde::Deserialize<'de>> serde::Deserialize<'de> for CodeSet<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor<T>(PhantomData<fn() -> T>);
        impl<'de, T: Closed + serde::Deserialize<'de>> serde::de::Visitor<'de> for SetVisitor<T> {
            type Value = CodeSet<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an array of {} codes", T::KIND)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CodeSet<T>, A::Error> {
                let mut set = CodeSet::new();
                while let Some(v) = seq.next_element::<T>()? {
                    set.insert(v);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(SetVisitor(PhantomData))
    }
}

/// The iterator of a [`CodeSet`], in declaration order.
///
/// ```
/// use talent_matrix::{CodeSet, Stream};
/// let mut it = CodeSet::from_iter([Stream::SocialWork]).iter();
/// assert_eq!(it.next(), Some(Stream::SocialWork));
/// assert_eq!(it.next(), None);
/// ```
pub struct CodeSetIter<T> {
    bits: u64,
    marker: PhantomData<fn() -> T>,
}

impl<T: Closed> Iterator for CodeSetIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        while self.bits != 0 {
            let i = self.bits.trailing_zeros() as usize;
            self.bits &= self.bits - 1;
            if let Some(&v) = T::ALL.get(i) {
                return Some(v);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bits.count_ones() as usize;
        (n, Some(n))
    }
}

impl<T: Closed> ExactSizeIterator for CodeSetIter<T> {}
impl<T: Closed> core::iter::FusedIterator for CodeSetIter<T> {}

impl<T> Clone for CodeSetIter<T> {
    fn clone(&self) -> Self {
        CodeSetIter {
            bits: self.bits,
            marker: PhantomData,
        }
    }
}
impl<T: Closed> fmt::Debug for CodeSetIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
