//! [`Wan`]: exact amounts of money in 万元 (10,000 yuan).
//!
//! The 2011 SME standard states revenue and assets in 万元, and a profile gives them to at most four decimal
//! places (DOMAIN.md §3), that is to the yuan. `Wan` keeps the amount as a whole number of yuan, so comparisons
//! with the thresholds of DOMAIN.md §5 are exact: no `f64` is ever compared.

use core::fmt;
use core::str::FromStr;

/// Why `1,000` is not an amount; the profile reader turns it into its own error.
pub(crate) const SEPARATOR_REASON: &str = "thousands separators are not allowed";

/// Yuan in one 万元.
const YUAN_PER_WAN: u64 = 10_000;

/// An exact, non-negative amount of money in 万元 (10,000 yuan), kept as a whole number of yuan.
///
/// `FromStr` reads a plain decimal with at most four decimal places by value (`2500`, `2500.5`, `1.50000`);
/// `Display` prints the shortest decimal that reads back (`2500.5`). With the `serde` feature it serializes as
/// a JSON number of 万元.
///
/// ```
/// use talent_matrix::Wan;
///
/// let revenue: Wan = "2500.5".parse()?;
/// assert_eq!(revenue.yuan(), 25_005_000);
/// assert_eq!(revenue.to_string(), "2500.5");
/// assert!(revenue >= Wan::from_wan(2000));
/// assert_eq!("1.50000".parse::<Wan>()?, "1.5".parse::<Wan>()?);
/// # Ok::<(), talent_matrix::ParseWanError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Wan(u64);

impl Wan {
    /// Zero.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Wan::ZERO.yuan(), 0);
    /// ```
    pub const ZERO: Wan = Wan(0);

    /// The amount of `yuan` whole yuan (0.0001 万元 each).
    ///
    /// ```
    /// assert_eq!(talent_matrix::Wan::from_yuan(15_000).to_string(), "1.5");
    /// ```
    pub const fn from_yuan(yuan: u64) -> Wan {
        Wan(yuan)
    }

    /// The amount of `wan` whole 万元, saturating at the largest representable amount.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Wan::from_wan(2000).yuan(), 20_000_000);
    /// ```
    pub const fn from_wan(wan: u64) -> Wan {
        Wan(wan.saturating_mul(YUAN_PER_WAN))
    }

    /// The amount in whole yuan.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Wan::from_wan(3).yuan(), 30_000);
    /// ```
    pub const fn yuan(self) -> u64 {
        self.0
    }

    /// The amount as an `f64` number of 万元 (for display or statistics; exact up to 2^53 yuan).
    ///
    /// ```
    /// assert_eq!(talent_matrix::Wan::from_yuan(25_005_000).as_f64(), 2500.5);
    /// ```
    #[allow(clippy::cast_precision_loss)] // documented: exact up to 2^53 yuan, which covers every profile amount
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / YUAN_PER_WAN as f64
    }

    /// Reads an amount of 万元 given as an `f64` (a JSON number), exactly.
    ///
    /// Returns `None` unless the number is finite, not negative (`-0` is zero) and has at most four decimal
    /// places: the nearest whole number of yuan must give back the very same `f64`. For every decimal of at most
    /// 15 significant digits (every amount a profile allows) this is exact (DOMAIN.md §3).
    ///
    /// ```
    /// use talent_matrix::Wan;
    /// assert_eq!(Wan::from_f64(0.1234), Some(Wan::from_yuan(1234)));
    /// assert_eq!(Wan::from_f64(2.00001), None);
    /// assert_eq!(Wan::from_f64(-1.0), None);
    /// assert_eq!(Wan::from_f64(-0.0), Some(Wan::ZERO));
    /// ```
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub fn from_f64(wan: f64) -> Option<Wan> {
        // 2^53 yuan: beyond it whole numbers of yuan are no longer all representable.
        const LIMIT: f64 = 9_007_199_254_740_992.0;
        if !wan.is_finite() || wan < 0.0 {
            return None;
        }
        let yuan = (wan * YUAN_PER_WAN as f64).round();
        if yuan > LIMIT {
            return None;
        }
        // `yuan` is a whole number in 0 ..= 2^53, so the cast is exact; the check below is the exactness test.
        let whole = yuan as u64;
        (whole as f64 / YUAN_PER_WAN as f64 == wan).then_some(Wan(whole))
    }
}

impl Wan {
    /// An amount from the text of a JSON number (`2500.5`, `3e2`, `-0`), exactly: the decimal digits and the
    /// exponent, never an `f64`, so that `1999.99999999999999` is refused for its decimals (as the same text in a
    /// CSV cell is) rather than rounded to 2000. `None` for a negative amount (but `-0`), more than 4 decimal
    /// places, or more than `u64::MAX` yuan.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn from_json_number(text: &str) -> Option<Wan> {
        let bytes = text.as_bytes();
        let (negative, bytes) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        // One pass over the mantissa: the significant digits (at most 20, without leading and trailing zeros),
        // the trailing zeros, and how many digits follow the point.
        let mut value: u64 = 0;
        let mut significant = 0usize;
        let mut zeros = 0usize;
        let mut fraction = 0i64;
        let mut point = false;
        let mut digits = 0usize;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            match b {
                b'0'..=b'9' => {
                    digits += 1;
                    if point {
                        fraction += 1;
                    }
                    if b == b'0' {
                        zeros += 1;
                    } else {
                        // The zeros before this digit are significant when something came before them.
                        if significant > 0 {
                            for _ in 0..zeros {
                                value = value.checked_mul(10)?;
                            }
                            significant += zeros;
                        }
                        zeros = 0;
                        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                        significant += 1;
                        if significant > 20 {
                            return None;
                        }
                    }
                }
                b'.' if !point && digits > 0 => point = true,
                b'e' | b'E' => break,
                _ => return None,
            }
            at += 1;
        }
        if digits == 0 {
            return None;
        }
        let exponent = match bytes.get(at + 1..) {
            None => 0,
            Some(exp) => {
                let exp = exp.strip_prefix(b"+").unwrap_or(exp);
                let (sign, exp) = match exp.split_first() {
                    Some((b'-', rest)) => (-1, rest),
                    _ => (1, exp),
                };
                if exp.is_empty() || !exp.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                // Past six digits an exponent moves every non-zero amount out of range either way.
                let magnitude = exp.iter().try_fold(0i64, |n, &d| {
                    (n < 1_000_000).then(|| n * 10 + i64::from(d - b'0'))
                });
                sign * magnitude.unwrap_or(1_000_000)
            }
        };
        if significant == 0 {
            return Some(Wan(0));
        }
        if negative {
            return None;
        }
        // In yuan (10^-4 万元): the significant digits × 10^shift.
        let shift = exponent + i64::try_from(zeros).ok()? - fraction + 4;
        if !(0..=20).contains(&shift) {
            return None;
        }
        let power = 10u64.checked_pow(u32::try_from(shift).ok()?)?;
        // Below 10^15 万元, as a plain decimal reads (both far above any amount a profile allows).
        value
            .checked_mul(power)
            .filter(|&yuan| yuan < 10_000_000_000_000_000_000)
            .map(Wan)
    }
}

impl fmt::Display for Wan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / YUAN_PER_WAN;
        let frac = self.0 % YUAN_PER_WAN;
        if frac == 0 {
            return write!(f, "{whole}");
        }
        let mut digits = frac;
        let mut width = 4;
        while digits.is_multiple_of(10) {
            digits /= 10;
            width -= 1;
        }
        write!(f, "{whole}.{digits:0width$}")
    }
}

/// The error returned when a string is not a plain decimal amount of 万元.
///
/// ```
/// use talent_matrix::Wan;
///
/// let err = "1,000".parse::<Wan>().unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid amount "1,000": thousands separators are not allowed"#);
/// let err = "2.00001".parse::<Wan>().unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid amount "2.00001": at most 4 decimal places are allowed"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid amount {input:?}: {reason}")]
pub struct ParseWanError {
    input: String,
    reason: &'static str,
}

impl ParseWanError {
    /// The input that was not an amount.
    ///
    /// ```
    /// assert_eq!("x".parse::<talent_matrix::Wan>().unwrap_err().input(), "x");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why it was not an amount, e.g. `"negative amounts are not allowed"`.
    ///
    /// ```
    /// let err = "-5".parse::<talent_matrix::Wan>().unwrap_err();
    /// assert_eq!(err.reason(), "negative amounts are not allowed");
    /// ```
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl FromStr for Wan {
    type Err = ParseWanError;

    /// Reads a plain decimal: digits, optionally a point and more digits; surrounding whitespace is trimmed.
    /// `-0` is zero; any other sign, exponents and thousands separators are errors.
    fn from_str(input: &str) -> Result<Wan, ParseWanError> {
        let fail = |reason| ParseWanError {
            input: input.to_owned(),
            reason,
        };
        let s = input.trim();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if s.contains(',') || s.contains('，') {
            return Err(fail(SEPARATOR_REASON));
        }
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return Err(fail(
                "expected a plain decimal number such as 2500 or 2500.5",
            ));
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 4 {
            return Err(fail("at most 4 decimal places are allowed"));
        }
        let int = int.trim_start_matches('0');
        let overflow = || fail("the amount is too large");
        let whole: u64 = if int.is_empty() {
            0
        } else if int.len() > 15 {
            return Err(overflow());
        } else {
            int.parse().map_err(|_| overflow())?
        };
        let mut yuan: u64 = 0;
        for b in frac.bytes().chain(core::iter::repeat(b'0')).take(4) {
            yuan = yuan * 10 + u64::from(b - b'0');
        }
        let total = whole
            .checked_mul(YUAN_PER_WAN)
            .and_then(|w| w.checked_add(yuan))
            .ok_or_else(overflow)?;
        if negative && total != 0 {
            return Err(fail("negative amounts are not allowed"));
        }
        Ok(Wan(total))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Wan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(YUAN_PER_WAN) {
            serializer.serialize_u64(self.0 / YUAN_PER_WAN)
        } else {
            serializer.serialize_f64(self.as_f64())
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Wan {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Wan;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative number of 万元 with at most 4 decimal places")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Wan, E> {
                v.checked_mul(YUAN_PER_WAN)
                    .map(Wan)
                    .ok_or_else(|| E::custom(format_args!("amount {v} is too large")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Wan, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self)),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Wan, E> {
                Wan::from_f64(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Wan, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A JSON number's text is read as the same text is read from a CSV cell (a plain decimal), and with
        /// an exponent as the same value written out.
        #[test]
        fn json_numbers_read_as_plain_decimals_do(
            whole in "(0|[1-9][0-9]{0,12})",
            fraction in proptest::option::of("[0-9]{1,8}"),
            shift in -3i32..4,
        ) {
            let text = match &fraction {
                Some(f) => format!("{whole}.{f}"),
                None => whole.clone(),
            };
            proptest::prop_assert_eq!(Wan::from_json_number(&text), text.parse::<Wan>().ok());
            // d × 10^k written with an exponent equals the decimal with its point moved k places.
            let exp = format!("{text}e{shift}");
            let digits = format!("{whole}{}", fraction.as_deref().unwrap_or(""));
            let point = whole.len() as i32 + shift;
            let moved = if point <= 0 {
                format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
            } else if point as usize >= digits.len() {
                format!("{digits}{}", "0".repeat(point as usize - digits.len()))
            } else {
                format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
            };
            proptest::prop_assert_eq!(Wan::from_json_number(&exp), moved.parse::<Wan>().ok(), "{} / {}", exp, moved);
        }
    }

    #[test]
    fn parses_plain_decimals_exactly() {
        let cases: &[(&str, u64)] = &[
            ("0", 0),
            ("-0", 0),
            ("-0.000", 0),
            ("300", 3_000_000),
            ("300.0", 3_000_000),
            ("2500.5", 25_005_000),
            ("1.50000", 15_000),
            ("0.0001", 1),
            (".5", 5_000),
            ("5.", 50_000),
            (" 12 ", 120_000),
            ("10000000000", 100_000_000_000_000),
        ];
        for &(s, yuan) in cases {
            assert_eq!(s.parse::<Wan>().map(Wan::yuan), Ok(yuan), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        let cases: &[(&str, &str)] = &[
            ("", "expected a plain decimal number such as 2500 or 2500.5"),
            (
                ".",
                "expected a plain decimal number such as 2500 or 2500.5",
            ),
            (
                "1e3",
                "expected a plain decimal number such as 2500 or 2500.5",
            ),
            (
                "1.2.3",
                "expected a plain decimal number such as 2500 or 2500.5",
            ),
            (
                "abc",
                "expected a plain decimal number such as 2500 or 2500.5",
            ),
            ("1,000", "thousands separators are not allowed"),
            ("1，000", "thousands separators are not allowed"),
            ("0.00001", "at most 4 decimal places are allowed"),
            ("-5", "negative amounts are not allowed"),
            ("9999999999999999", "the amount is too large"),
        ];
        for &(s, reason) in cases {
            assert_eq!(s.parse::<Wan>().map_err(|e| e.reason()), Err(reason), "{s}");
        }
    }

    #[test]
    fn display_is_shortest_and_round_trips() {
        for yuan in [
            0,
            1,
            10,
            1_000,
            15_000,
            25_005_000,
            12_345_678,
            100_000_000_000_000,
        ] {
            let w = Wan::from_yuan(yuan);
            assert_eq!(w.to_string().parse::<Wan>(), Ok(w));
        }
        assert_eq!(Wan::from_yuan(1).to_string(), "0.0001");
        assert_eq!(Wan::from_yuan(1_200).to_string(), "0.12");
    }

    #[test]
    fn from_f64_is_exact_at_four_decimals() {
        assert_eq!(Wan::from_f64(2500.5), Some(Wan::from_yuan(25_005_000)));
        assert_eq!(Wan::from_f64(0.0001), Some(Wan::from_yuan(1)));
        assert_eq!(Wan::from_f64(1e10), Some(Wan::from_wan(10_000_000_000)));
        assert_eq!(
            Wan::from_f64(9_999_999_999.999_9),
            Some(Wan::from_yuan(99_999_999_999_999))
        );
        assert_eq!(Wan::from_f64(0.00005), None);
        assert_eq!(Wan::from_f64(1_234_567_890.123_45), None);
        assert_eq!(Wan::from_f64(f64::NAN), None);
        assert_eq!(Wan::from_f64(f64::INFINITY), None);
        assert_eq!(Wan::from_f64(1e300), None);
    }
}

/// A measured number: the value of a policy's indicator in a profile, or a threshold a policy compares it with
/// (DOMAIN.md §9.2). A decimal with at most 4 places, held exactly as a whole number of ten-thousandths, so
/// that `499.9999 < 500` and no comparison is ever rounded. Which range a value may take depends on the
/// indicator's unit ([`Unit`](crate::policy::Unit)); this type only keeps the number exact.
///
/// It parses a plain decimal (an optional sign, digits, optionally a point and at most 4 more digits; no
/// exponent, no thousands separator) and prints the shortest exact form, which parses back:
///
/// ```
/// use talent_matrix::Measure;
///
/// let m: Measure = "-12.50".parse()?;
/// assert_eq!(m.to_string(), "-12.5");
/// assert_eq!(m.ten_thousandths(), -125_000);
/// assert_eq!(Measure::from_f64(500.0), Some(Measure::from_whole(500)));
/// assert_eq!(Measure::from_f64(0.00001), None);
/// assert!("1e3".parse::<Measure>().is_err());
/// # Ok::<(), talent_matrix::ParseWanError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Measure(i64);

impl Measure {
    /// The largest magnitude a measure may have: 10^11 (beyond every unit's range, DOMAIN.md §9.2).
    const LIMIT: i64 = 100_000_000_000 * 10_000;

    /// A whole number, saturating at ±10^11.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Measure::from_whole(7).to_string(), "7");
    /// ```
    pub const fn from_whole(n: i64) -> Measure {
        let n = if n > 100_000_000_000 {
            100_000_000_000
        } else if n < -100_000_000_000 {
            -100_000_000_000
        } else {
            n
        };
        Measure(n * 10_000)
    }

    /// A number of ten-thousandths, e.g. `12_345` for 1.2345; `None` beyond ±10^11.
    ///
    /// ```
    /// use talent_matrix::Measure;
    /// assert_eq!(Measure::from_ten_thousandths(12_345).map(|m| m.to_string()), Some("1.2345".to_owned()));
    /// ```
    pub const fn from_ten_thousandths(n: i64) -> Option<Measure> {
        if n > Self::LIMIT || n < -Self::LIMIT {
            None
        } else {
            Some(Measure(n))
        }
    }

    /// The number as ten-thousandths.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Measure::from_whole(-3).ten_thousandths(), -30_000);
    /// ```
    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// A number read as an `f64` (TOML and JSON numbers), exactly: `None` when it is not finite, has more than
    /// 4 decimal places, or lies beyond ±10^11.
    ///
    /// ```
    /// use talent_matrix::Measure;
    /// assert_eq!(Measure::from_f64(-0.25).map(|m| m.to_string()), Some("-0.25".to_owned()));
    /// assert_eq!(Measure::from_f64(f64::NAN), None);
    /// ```
    pub fn from_f64(x: f64) -> Option<Measure> {
        let magnitude = Wan::from_f64(x.abs())?;
        let n = i64::try_from(magnitude.yuan()).ok()?;
        Measure::from_ten_thousandths(if x < 0.0 { -n } else { n })
    }

    /// How many decimal places the shortest exact form has (0 to 4).
    ///
    /// ```
    /// use talent_matrix::Measure;
    /// assert_eq!("2.50".parse::<Measure>()?.decimals(), 1);
    /// # Ok::<(), talent_matrix::ParseWanError>(())
    /// ```
    pub fn decimals(self) -> u32 {
        let mut frac = (self.0 % 10_000).unsigned_abs();
        if frac == 0 {
            return 0;
        }
        let mut places = 4;
        while frac.is_multiple_of(10) {
            frac /= 10;
            places -= 1;
        }
        places
    }

    /// Whether the number is whole.
    ///
    /// ```
    /// assert!(talent_matrix::Measure::from_whole(3).is_whole());
    /// ```
    pub fn is_whole(self) -> bool {
        self.0 % 10_000 == 0
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            f.write_str("-")?;
        }
        fmt::Display::fmt(&Wan::from_yuan(self.0.unsigned_abs()), f)
    }
}

impl FromStr for Measure {
    type Err = ParseWanError;

    /// Reads a plain decimal with an optional sign, as [`Wan`] reads an amount.
    fn from_str(input: &str) -> Result<Measure, ParseWanError> {
        let s = input.trim();
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let fail = |reason| ParseWanError {
            input: input.to_owned(),
            reason,
        };
        if rest.starts_with(['-', '+']) {
            return Err(fail("expected a plain decimal number such as 2500 or -2.5"));
        }
        let magnitude: Wan = rest.parse().map_err(|e: ParseWanError| ParseWanError {
            input: input.to_owned(),
            reason: e.reason,
        })?;
        let n = i64::try_from(magnitude.yuan()).map_err(|_| fail("the number is too large"))?;
        Measure::from_ten_thousandths(if negative { -n } else { n })
            .ok_or_else(|| fail("the number is too large"))
    }
}

/// What an indicator's numbers count, and so which numbers it takes (DOMAIN.md §9.2).
///
/// ```
/// use talent_matrix::{Measure, policy::Unit};
/// assert_eq!("percent".parse::<Unit>(), Ok(Unit::Percent));
/// assert!(Unit::Count.check(Measure::from_whole(3)).is_ok());
/// assert_eq!(
///     Unit::Count.check("2.5".parse()?).unwrap_err(),
///     "a whole number from 0 to 10000000"
/// );
/// # Ok::<(), talent_matrix::ParseWanError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Unit {
    /// Money in 万元, 0 to 1e10, at most 4 decimals (as §3 reads amounts).
    Wan,
    /// A whole number, 0 to 10,000,000.
    Count,
    /// A percentage, −1,000 to 100,000, at most 2 decimals.
    Percent,
}

impl Unit {
    /// Every unit.
    pub const ALL: &'static [Unit] = &[Unit::Wan, Unit::Count, Unit::Percent];

    /// The unit's code: `wan`, `count` or `percent`.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Wan => "wan",
            Unit::Count => "count",
            Unit::Percent => "percent",
        }
    }

    /// What a number of this unit is written with in a sentence: 万元 / 万元, % / %, nothing for a count.
    ///
    /// ```
    /// use talent_matrix::policy::Unit;
    /// assert_eq!(Unit::Wan.suffix(false), " 万元");
    /// assert_eq!(Unit::Wan.suffix(true), "万元");
    /// assert_eq!(Unit::Count.suffix(true), "");
    /// ```
    pub fn suffix(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Unit::Wan, true) => "万元",
            (Unit::Wan, false) => " 万元",
            (Unit::Percent, _) => "%",
            (Unit::Count, _) => "",
        }
    }

    /// Whether a number is one this unit takes: `Err` with what it takes (the range of DOMAIN.md §9.2).
    pub fn check(self, m: Measure) -> Result<(), &'static str> {
        let n = m.ten_thousandths();
        let ok = match self {
            Unit::Wan => (0..=10_000_000_000 * 10_000).contains(&n),
            Unit::Count => m.is_whole() && (0..=10_000_000 * 10_000).contains(&n),
            Unit::Percent => m.decimals() <= 2 && (-1_000 * 10_000..=100_000 * 10_000).contains(&n),
        };
        if ok { Ok(()) } else { Err(self.expected()) }
    }

    /// What a number of this unit must be, as an error says it.
    pub fn expected(self) -> &'static str {
        match self {
            Unit::Wan => "an amount of 万元 from 0 to 10000000000 with at most 4 decimal places",
            Unit::Count => "a whole number from 0 to 10000000",
            Unit::Percent => "a percentage from -1000 to 100000 with at most 2 decimal places",
        }
    }
}

impl core::fmt::Display for Unit {
    /// The code.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())
    }
}

/// A unit that is not `wan`, `count` or `percent`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unit must be wan, count or percent, got {0:?}")]
pub struct ParseUnitError(String);

impl core::str::FromStr for Unit {
    type Err = ParseUnitError;

    fn from_str(s: &str) -> Result<Unit, ParseUnitError> {
        Unit::ALL
            .iter()
            .copied()
            .find(|u| u.code() == s)
            .ok_or_else(|| ParseUnitError(crate::safety::Shown(s).to_string()))
    }
}
