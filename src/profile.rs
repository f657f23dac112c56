//! [`Profile`]: the validated input record, one person (DOMAIN.md §3), and its [`ProfileBuilder`].

use crate::codes::{
    Contribution, EnterpriseSize, Field, Industry, IntroductionLevel, Ownership, Performance, Post,
    ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate,
};
use crate::error::{ErrorValue, ProfileError};
use crate::error::{MAX_EMPLOYEES, MAX_ID_CHARS, MAX_WAN};
use crate::money::Wan;

// Without serde nothing reads records yet; the reader stays compiled (and tested) for the other builds.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
mod cell;
#[cfg(feature = "roster")]
mod clean_csv;
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
mod read;
#[cfg(feature = "json")]
mod scan;

#[cfg(feature = "json")]
pub(crate) use scan::number_texts;

#[cfg(feature = "roster")]
pub(crate) use cell::{Cell, Slot};

/// The value of a field a policy adds to the profile (DOMAIN.md §9.2), as a profile holds it: codes, never
/// labels (a reader given the policy turns labels into codes).
///
/// ```
/// use talent_matrix::{Measure, PolicyValue};
/// let v = PolicyValue::Number(Measure::from_whole(620));
/// assert_eq!(v.to_string(), "620");
/// assert_eq!(PolicyValue::Many(vec!["a".into(), "b".into()]).to_string(), "a;b");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyValue {
    /// A one-valued fact's value: its code.
    One(String),
    /// A many-valued fact's values: their codes, each once, in the order given.
    Many(Vec<String>),
    /// An indicator's number.
    Number(crate::money::Measure),
}

impl core::fmt::Display for PolicyValue {
    /// The code, the codes joined with `;`, or the number: the text a CSV cell would hold.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            PolicyValue::One(code) => f.write_str(code),
            PolicyValue::Many(codes) => f.write_str(&codes.join(";")),
            PolicyValue::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A value read for a field with a default: the value, or the default when absent; notes in `stated` whether it
/// was given (bit `field as u32`).
pub(crate) fn stated_value<T: Default>(value: Option<T>, stated: &mut u32, field: Field) -> T {
    if value.is_some() {
        *stated |= 1 << (field as u32);
    }
    value.unwrap_or_default()
}

/// A field's value in a struct literal of `Profile`, by kind: a field with a default through [`stated_value`]
/// (noting in `$stated` whether it was given), any other as it is.
#[cfg_attr(not(any(feature = "serde", feature = "roster")), allow(unused_macros))]
macro_rules! kept {
    (code_or_default, $field:expr, $value:expr, $stated:ident) => {
        crate::profile::stated_value($value, &mut $stated, $field)
    };
    (flag_or_false, $field:expr, $value:expr, $stated:ident) => {
        crate::profile::stated_value($value, &mut $stated, $field)
    };
    ($kind:ident, $field:expr, $value:expr, $stated:ident) => {
        $value
    };
}
#[cfg_attr(not(any(feature = "serde", feature = "roster")), allow(unused_imports))]
pub(crate) use kept;

/// Generates, from the rows of the field table, the [`Profile`] struct, its getters and the builder's setters.
macro_rules! profile {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        /// One person, as the classification sees them (DOMAIN.md §3): valid by construction.
        ///
        /// Build one in code with [`Profile::builder`], or read one from its flat JSON record with
        /// [`Profile::from_json`] (feature `json`) or any serde format (feature `serde`). Both paths validate the same
        /// way: `id` trimmed and 1 to 64 characters, `employees` a whole number up to 10,000,000, amounts of 万元 up to
        /// 10,000,000,000 with at most 4 decimal places. Missing optional facts are not errors: they can leave a
        /// decision open (see [`Classification::missing_facts`](crate::Classification::missing_facts)).
        ///
        /// ```
        /// use talent_matrix::{Industry, Post, Profile, Role, Wan};
        ///
        /// let p = Profile::builder(" P-001 ", Post::Enterprise)
        ///     .role(Role::MiddleManager)
        ///     .industry(Industry::Industry)
        ///     .employees(350)
        ///     .revenue_wan(Wan::from_wan(2500))
        ///     .build()?;
        /// assert_eq!(p.id(), "P-001");
        /// assert_eq!(p.employees(), Some(350));
        /// # #[cfg(feature = "json")] {
        /// let q = Profile::from_json(
        ///     r#"{"id":"P-001","post":"企业","role":"中层管理人员","industry":"industry","employees":350,"revenue_wan":2500}"#,
        /// )?;
        /// assert_eq!(p, q);
        /// # }
        /// # Ok::<(), talent_matrix::ProfileError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct Profile {
            id: String,
            name: Option<String>,
            post: Post,
            $($field: crate::fields::stored!($kind, $ty),)+
            /// The fields a policy adds (DOMAIN.md §9.2), in the order read: `None` (no allocation, one word) for
            /// a profile of §3 fields only.
            policy_fields: Option<Box<Vec<(String, PolicyValue)>>>,
            /// Which fields with a default were given (bit `Field as u32`): a stated value wins over one a policy
            /// evaluates (DOMAIN.md §9.3). Kept beside the values, so that reading a value stays a plain load.
            stated: u32,
        }

        impl Profile {
            /// A profile with its two required fields and every other at its default (absent, ordinary, false).
            pub(crate) fn bare(id: String, post: Post) -> Profile {
                Profile {
                    id,
                    name: None,
                    post,
                    $($field: Default::default(),)+
                    policy_fields: None,
                    stated: 0,
                }
            }

            $(getter!($kind, $field, $ty, $doc, $example);)+

            /// Keeps a value read for a field with a default, noting whether it was given.
            #[cfg_attr(not(feature = "json"), allow(dead_code))]
            pub(crate) fn keep_stated<T: Default>(&mut self, field: Field, value: Option<T>) -> T {
                stated_value(value, &mut self.stated, field)
            }
        }

        impl ProfileBuilder {
            $(setter!($kind, $field, $variant, $ty, $example);)+
        }
    };
}

/// A getter: `Option<T>` for a field that may be absent, `T` for one with a default.
macro_rules! getter {
    (code_or_default, $field:ident, $ty:ty, $doc:literal, $example:literal) => {
        getter!(@with_default $field, $ty, $doc, $example);
    };
    (flag_or_false, $field:ident, $ty:ty, $doc:literal, $example:literal) => {
        getter!(@with_default $field, $ty, $doc, $example);
    };
    (@with_default $field:ident, $ty:ty, $doc:literal, $example:literal) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "use talent_matrix::*;"]
        #[doc = concat!("let p = Profile::builder(\"P-1\", Post::Enterprise).", stringify!($field), "(", $example, ").build()?;")]
        #[doc = concat!("assert_eq!(p.", stringify!($field), "(), ", $example, ");")]
        #[doc = "# Ok::<(), ProfileError>(())"]
        #[doc = "```"]
        pub fn $field(&self) -> $ty {
            self.$field
        }
    };
    ($kind:ident, $field:ident, $ty:ty, $doc:literal, $example:literal) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "use talent_matrix::*;"]
        #[doc = concat!("let p = Profile::builder(\"P-1\", Post::Enterprise).", stringify!($field), "(", $example, ").build()?;")]
        #[doc = concat!("assert_eq!(p.", stringify!($field), "(), Some(", $example, "));")]
        #[doc = "# Ok::<(), ProfileError>(())"]
        #[doc = "```"]
        pub fn $field(&self) -> Option<$ty> {
            self.$field
        }
    };
}

/// A builder's setter: the value or `None`; `None` is absent, or the default for a field that has one.
macro_rules! setter {
    (code_or_default, $field:ident, $variant:ident, $ty:ty, $example:literal) => {
        setter!(@with_default $field, $variant, $ty, $example);
    };
    (flag_or_false, $field:ident, $variant:ident, $ty:ty, $example:literal) => {
        setter!(@with_default $field, $variant, $ty, $example);
    };
    (@with_default $field:ident, $variant:ident, $ty:ty, $example:literal) => {
        #[doc = concat!("Sets `", stringify!($field), "` (`None` sets the default).")]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "use talent_matrix::*;"]
        #[doc = concat!("let b = Profile::builder(\"P-1\", Post::Enterprise).", stringify!($field), "(", $example, ");")]
        #[doc = concat!("assert_eq!(b.clone().build()?.", stringify!($field), "(), ", $example, ");")]
        #[doc = concat!("assert_eq!(b.", stringify!($field), "(None).build()?.", stringify!($field), "(), <", stringify!($ty), " as Default>::default());")]
        #[doc = "# Ok::<(), ProfileError>(())"]
        #[doc = "```"]
        pub fn $field(mut self, value: impl Into<Option<$ty>>) -> Self {
            let value = value.into();
            self.profile.stated &= !(1 << (Field::$variant as u32));
            self.profile.$field = stated_value(value, &mut self.profile.stated, Field::$variant);
            self
        }
    };
    ($kind:ident, $field:ident, $variant:ident, $ty:ty, $example:literal) => {
        #[doc = concat!("Sets `", stringify!($field), "` (pass `None` to clear it).")]
        #[doc = ""]
        #[doc = "```"]
        #[doc = "use talent_matrix::*;"]
        #[doc = concat!("let b = Profile::builder(\"P-1\", Post::Enterprise).", stringify!($field), "(", $example, ");")]
        #[doc = concat!("assert_eq!(b.clone().build()?.", stringify!($field), "(), Some(", $example, "));")]
        #[doc = concat!("assert_eq!(b.", stringify!($field), "(None).build()?.", stringify!($field), "(), None);")]
        #[doc = "# Ok::<(), ProfileError>(())"]
        #[doc = "```"]
        pub fn $field(mut self, value: impl Into<Option<$ty>>) -> Self {
            self.profile.$field = value.into();
            self
        }
    };
}

crate::fields::with_profile_fields!(profile);

impl Profile {
    /// Starts a profile with its two required fields; every other fact starts absent (or at its default).
    ///
    /// ```
    /// use talent_matrix::{Performance, Post, Profile};
    ///
    /// let p = Profile::builder("C-12", Post::Community).build()?;
    /// assert_eq!(p.post(), Post::Community);
    /// assert_eq!(p.performance(), Performance::Ordinary);
    /// assert!(!p.potential());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn builder(id: impl Into<String>, post: Post) -> ProfileBuilder {
        ProfileBuilder {
            profile: Profile::bare(id.into(), post),
        }
    }

    /// A builder holding this profile's facts, to change some and build again.
    ///
    /// ```
    /// use talent_matrix::{Performance, Post, Profile};
    ///
    /// let p = Profile::builder("E-1", Post::Enterprise).build()?;
    /// let q = p.clone().into_builder().performance(Performance::Outstanding).build()?;
    /// assert_eq!(q.id(), p.id());
    /// assert_eq!(q.performance(), Performance::Outstanding);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn into_builder(self) -> ProfileBuilder {
        ProfileBuilder { profile: self }
    }

    /// The roster identifier, trimmed.
    ///
    /// ```
    /// let p = talent_matrix::Profile::builder(" 42 ", talent_matrix::Post::Other).build()?;
    /// assert_eq!(p.id(), "42");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The value of a field a policy adds (DOMAIN.md §9.2), by the field's code; `None` when absent.
    ///
    /// ```
    /// use talent_matrix::{Measure, PolicyValue, Post, Profile};
    /// let p = Profile::builder("1", Post::Other)
    ///     .policy_value("district_contribution_wan", PolicyValue::Number(Measure::from_whole(620)))
    ///     .build()?;
    /// assert_eq!(
    ///     p.policy_value("district_contribution_wan"),
    ///     Some(&PolicyValue::Number(Measure::from_whole(620)))
    /// );
    /// assert_eq!(p.policy_value("honour"), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn policy_value(&self, code: &str) -> Option<&PolicyValue> {
        self.own_fields()
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, v)| v)
    }

    /// Every field a policy adds that the profile holds, in the order read or set.
    ///
    /// ```
    /// let p = talent_matrix::Profile::builder("1", talent_matrix::Post::Other).build()?;
    /// assert_eq!(p.policy_values().count(), 0);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn policy_values(&self) -> impl Iterator<Item = (&str, &PolicyValue)> {
        self.own_fields().iter().map(|(c, v)| (c.as_str(), v))
    }

    /// The fields a policy adds, as a slice.
    fn own_fields(&self) -> &[(String, PolicyValue)] {
        self.policy_fields.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Whether `performance`, `contribution` or `potential` was given (stated), rather than left at its default:
    /// a stated value wins over one a policy evaluates (DOMAIN.md §9.3). `true` for every other field that
    /// holds a value.
    ///
    /// ```
    /// use talent_matrix::{Field, Performance, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).performance(Performance::Ordinary).build()?;
    /// assert!(p.is_stated(Field::Performance));
    /// assert!(!p.is_stated(Field::Contribution));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn is_stated(&self, field: Field) -> bool {
        match field {
            Field::Performance | Field::Contribution | Field::Potential => {
                self.stated & (1 << (field as u32)) != 0
            }
            Field::Id | Field::Post => true,
            Field::Name => self.name.is_some(),
            Field::Role => self.role.is_some(),
            Field::Ownership => self.ownership.is_some(),
            Field::Industry => self.industry.is_some(),
            Field::Employees => self.employees.is_some(),
            Field::RevenueWan => self.revenue_wan.is_some(),
            Field::AssetsWan => self.assets_wan.is_some(),
            Field::EnterpriseSize => self.enterprise_size.is_some(),
            Field::AboveDesignatedSize => self.above_designated_size.is_some(),
            Field::ProfessionalTitle => self.professional_title.is_some(),
            Field::SkillLevel => self.skill_level.is_some(),
            Field::SocialWorkCertificate => self.social_work_certificate.is_some(),
            Field::RuralRole => self.rural_role.is_some(),
            Field::IntroductionLevel => self.introduction_level.is_some(),
        }
    }

    /// Replaces the fields a policy adds (already checked by the caller).
    pub(crate) fn set_policy_fields(&mut self, fields: Vec<(String, PolicyValue)>) {
        self.policy_fields = (!fields.is_empty()).then(|| Box::new(fields));
    }

    /// The person's name, if given (never used by the rules).
    ///
    /// ```
    /// let p = talent_matrix::Profile::builder("1", talent_matrix::Post::Other).name("王芳").build()?;
    /// assert_eq!(p.name(), Some("王芳"));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The current main post.
    ///
    /// ```
    /// let p = talent_matrix::Profile::builder("1", talent_matrix::Post::Rural).build()?;
    /// assert_eq!(p.post(), talent_matrix::Post::Rural);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn post(&self) -> Post {
        self.post
    }
}

/// Builds a [`Profile`] in code, validating it as the JSON reader does.
///
/// Every setter takes the value or `None`; [`build`](Self::build) checks the `id` (trimmed, 1 to 64
/// characters) and the number ranges and reports the first problem in the order of the DOMAIN.md §3 table.
///
/// ```
/// use talent_matrix::{Post, Profile, Wan};
///
/// let err = Profile::builder("P-9", Post::Enterprise)
///     .revenue_wan(Wan::from_wan(20_000_000_000))
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "revenue_wan must be a number from 0 to 10000000000 with at most 4 decimal places, got 20000000000"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ProfileBuilder {
    profile: Profile,
}

impl ProfileBuilder {
    /// Sets the person's name (trimmed; an empty name is absent).
    ///
    /// ```
    /// let p = talent_matrix::Profile::builder("1", talent_matrix::Post::Other).name("  ").build()?;
    /// assert_eq!(p.name(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.profile.name = Some(name.into());
        self
    }

    /// Sets the post.
    ///
    /// ```
    /// use talent_matrix::{Post, Profile};
    /// let p = Profile::builder("1", Post::Other).post(Post::Rural).build()?;
    /// assert_eq!(p.post(), Post::Rural);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn post(mut self, post: Post) -> Self {
        self.profile.post = post;
        self
    }

    /// Sets the value of a field a policy adds (DOMAIN.md §9.2) by its code, as codes (`None` clears it). The
    /// value is kept as given: [`Policy::check_profile`](crate::Policy::check_profile) checks it against a
    /// policy, and a reader given the policy reads labels and checks as it reads. A field or value no policy
    /// in force defines is ignored by its classification, as an unknown column is.
    ///
    /// ```
    /// use talent_matrix::{PolicyValue, Post, Profile};
    /// let p = Profile::builder("1", Post::Other)
    ///     .policy_value("honour", PolicyValue::Many(vec!["taishan_scholar".into()]))
    ///     .policy_value("honour", None)
    ///     .build()?;
    /// assert_eq!(p.policy_value("honour"), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn policy_value(
        mut self,
        code: impl Into<String>,
        value: impl Into<Option<PolicyValue>>,
    ) -> Self {
        let code = code.into();
        let mut fields: Vec<(String, PolicyValue)> = self
            .profile
            .policy_fields
            .take()
            .map_or_else(Vec::new, |b| *b);
        let at = fields.iter().position(|(c, _)| *c == code);
        match (at, value.into()) {
            (Some(i), Some(v)) => {
                if let Some(slot) = fields.get_mut(i) {
                    slot.1 = v;
                }
            }
            (Some(i), None) => {
                fields.remove(i);
            }
            (None, Some(v)) => fields.push((code, v)),
            (None, None) => {}
        }
        self.profile.set_policy_fields(fields);
        self
    }

    /// Validates and returns the profile: the first problem in the order of the DOMAIN.md §3 table.
    ///
    /// # Errors
    ///
    /// [`ProfileError::InvalidValue`] for an `id` that is empty after trimming or longer than 64 characters,
    /// `employees` over 10,000,000, or an amount over 10,000,000,000 万元.
    ///
    /// ```
    /// use talent_matrix::{Post, Profile};
    /// let err = Profile::builder("x".repeat(65), Post::Other).build().unwrap_err();
    /// assert_eq!(err.field(), Some("id"));
    /// ```
    pub fn build(self) -> Result<Profile, ProfileError> {
        let mut p = self.profile;
        let id = checked_id(&p.id)?;
        if id.len() != p.id.len() {
            p.id = id.to_owned();
        }
        p.name = match p.name {
            None => None,
            Some(n) => {
                let t = checked_name(&n)?;
                if t.is_empty() {
                    None
                } else if t.len() == n.len() {
                    Some(n)
                } else {
                    Some(t.to_owned())
                }
            }
        };
        if let Some(n) = p.employees.filter(|&n| n > MAX_EMPLOYEES) {
            return Err(invalid_number(Field::Employees, n));
        }
        for (field, amount) in [
            (Field::RevenueWan, p.revenue_wan),
            (Field::AssetsWan, p.assets_wan),
        ] {
            if let Some(w) = amount.filter(|w| *w > Wan::from_wan(MAX_WAN)) {
                return Err(invalid_number(field, w));
            }
        }
        Ok(p)
    }
}

/// The trimmed id, if it has 1 to 64 characters (DOMAIN.md §3).
pub(crate) fn checked_id(id: &str) -> Result<&str, ProfileError> {
    let trimmed = crate::lang::trim(id);
    // At most 64 bytes is at most 64 characters: count only longer ids.
    let chars = if trimmed.len() <= MAX_ID_CHARS {
        usize::from(!trimmed.is_empty())
    } else {
        trimmed.chars().count()
    };
    if chars == 0 || chars > MAX_ID_CHARS {
        return Err(ProfileError::InvalidValue {
            field: Field::Id,
            value: ErrorValue::text(id),
        });
    }
    if let Some((position, character)) = crate::safety::bad_id_char(trimmed) {
        return Err(ProfileError::Character {
            field: Field::Id,
            value: ErrorValue::text(id),
            character,
            position,
        });
    }
    Ok(trimmed)
}

/// The trimmed name, if it holds no control or bidi-control character (see [`crate::safety`]).
pub(crate) fn checked_name(name: &str) -> Result<&str, ProfileError> {
    let trimmed = crate::lang::trim(name);
    match crate::safety::bad_name_char(trimmed) {
        None => Ok(trimmed),
        Some((position, character)) => Err(ProfileError::Character {
            field: Field::Name,
            value: ErrorValue::text(name),
            character,
            position,
        }),
    }
}

fn invalid_number(field: Field, n: impl ToString) -> ProfileError {
    ProfileError::InvalidValue {
        field,
        value: ErrorValue::json(n.to_string()),
    }
}

impl From<Profile> for ProfileBuilder {
    fn from(profile: Profile) -> Self {
        profile.into_builder()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_trimmed_and_counted_in_characters() {
        let p = Profile::builder(format!(" {} ", "编".repeat(64)), Post::Other).build();
        assert_eq!(p.map(|p| p.id().chars().count()), Ok(64));
        let err = Profile::builder("编".repeat(65), Post::Other)
            .build()
            .unwrap_err();
        assert_eq!(err.field(), Some("id"));
        assert!(Profile::builder("\u{3000}\t", Post::Other).build().is_err());
    }

    #[test]
    fn number_limits_are_inclusive() {
        let ok = Profile::builder("1", Post::Enterprise)
            .employees(MAX_EMPLOYEES)
            .revenue_wan(Wan::from_wan(MAX_WAN))
            .assets_wan(Wan::from_wan(MAX_WAN))
            .build();
        assert!(ok.is_ok());
        let err = Profile::builder("1", Post::Enterprise)
            .employees(MAX_EMPLOYEES + 1)
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "employees must be a whole number from 0 to 10000000, got 10000001"
        );
        let err = Profile::builder("1", Post::Enterprise)
            .assets_wan(Wan::from_yuan(MAX_WAN * 10_000 + 1))
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "assets_wan must be a number from 0 to 10000000000 with at most 4 decimal places, \
             got 10000000000.0001"
        );
    }
}
