//! [`Lang`]: the three languages every code list is labelled in.

use core::fmt;
use core::str::FromStr;

/// A label language: simplified Chinese, traditional Chinese or English.
///
/// Every code list value carries one label per language (DOMAIN.md §2). zh-Hant labels use character
/// conversion of the zh-Hans label (軟件, 信息), not Taiwan phrasing.
///
/// `Display` prints the BCP 47 tag (`zh-Hans`, `zh-Hant`, `en`) and `FromStr` reads it back
/// (ASCII case-insensitive); `zh` and `zh-CN` are read as zh-Hans, `zh-TW` and `zh-HK` as zh-Hant.
///
/// ```
/// use talent_matrix::{Lang, Stream};
///
/// assert_eq!(Stream::SocialWork.label(Lang::ZhHans), "社会工作人才");
/// assert_eq!(Stream::SocialWork.label(Lang::ZhHant), "社會工作人才");
/// assert_eq!("zh-hant".parse::<Lang>()?, Lang::ZhHant);
/// assert_eq!(Lang::En.to_string(), "en");
/// # Ok::<(), talent_matrix::ParseLangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese (`zh-Hans`), the working language of the mainland documents.
    #[default]
    ZhHans,
    /// Traditional Chinese (`zh-Hant`), the script of the seed document.
    ZhHant,
    /// English (`en`).
    En,
}

impl Lang {
    /// Every language, in the order zh-Hans, zh-Hant, en.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Lang::ALL.len(), 3);
    /// ```
    pub const ALL: &'static [Lang] = &[Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag of the language.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Lang::ZhHant.tag(), "zh-Hant");
    /// ```
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// Whether this is one of the two Chinese scripts.
    ///
    /// ```
    /// assert!(talent_matrix::Lang::ZhHant.is_chinese());
    /// assert!(!talent_matrix::Lang::En.is_chinese());
    /// ```
    pub const fn is_chinese(self) -> bool {
        !matches!(self, Lang::En)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error returned when a string names no [`Lang`].
///
/// ```
/// let err = "fr".parse::<talent_matrix::Lang>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown language "fr", expected zh-Hans, zh-Hant or en"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {input:?}, expected zh-Hans, zh-Hant or en")]
pub struct ParseLangError {
    input: String,
}

impl ParseLangError {
    /// The input that named no language.
    ///
    /// ```
    /// let err = "fr".parse::<talent_matrix::Lang>().unwrap_err();
    /// assert_eq!(err.input(), "fr");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl FromStr for Lang {
    type Err = ParseLangError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const NAMES: &[(&str, Lang)] = &[
            ("zh-Hans", Lang::ZhHans),
            ("zh", Lang::ZhHans),
            ("zh-CN", Lang::ZhHans),
            ("zh-Hant", Lang::ZhHant),
            ("zh-TW", Lang::ZhHant),
            ("zh-HK", Lang::ZhHant),
            ("en", Lang::En),
        ];
        let t = s.trim();
        NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(t))
            .map(|&(_, lang)| lang)
            .ok_or_else(|| ParseLangError {
                input: s.to_owned(),
            })
    }
}

/// [`str::trim`], answered at once when both ends are visible ASCII (no Unicode whitespace can be there): the
/// common case of a roster cell or JSON value, which is checked several times on its way into a profile.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        (None, _) | (_, None) => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_round_trips() {
        for &lang in Lang::ALL {
            assert_eq!(lang.to_string().parse::<Lang>(), Ok(lang));
        }
    }

    #[test]
    fn region_tags_map_to_scripts() {
        assert_eq!("zh-TW".parse::<Lang>(), Ok(Lang::ZhHant));
        assert_eq!(" ZH ".parse::<Lang>(), Ok(Lang::ZhHans));
        assert!("english".parse::<Lang>().is_err());
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "\u{3000}企业\u{3000}",
            "企业",
            "x\u{a0}",
            "\u{85}y",
            "\tz\n",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}

/// The three labels of something a policy defines: zh-Hans, zh-Hant, English.
///
/// ```
/// let l = talent_matrix::policy::LabelsDoc::new("泰山学者", "泰山學者", "Taishan scholar");
/// assert_eq!(l.en, "Taishan scholar");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelsDoc {
    /// The simplified Chinese label.
    pub zh_hans: String,
    /// The traditional Chinese label.
    pub zh_hant: String,
    /// The English label.
    pub en: String,
}

impl LabelsDoc {
    /// Three labels.
    pub fn new(zh_hans: &str, zh_hant: &str, en: &str) -> LabelsDoc {
        LabelsDoc {
            zh_hans: zh_hans.to_owned(),
            zh_hant: zh_hant.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The label in a language.
    ///
    /// ```
    /// use talent_matrix::{Lang, policy::LabelsDoc};
    /// assert_eq!(LabelsDoc::new("甲", "乙", "A").get(Lang::ZhHant), "乙");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        }
    }

    /// The three labels, zh-Hans first.
    pub fn all(&self) -> [&str; 3] {
        [&self.zh_hans, &self.zh_hant, &self.en]
    }
}
