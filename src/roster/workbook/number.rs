//! A workbook number as the roster reads it: from the text the file stores (`<v>` in `.xlsx`, `office:value`
//! in `.ods`), never through a binary float, so a number is read exactly as it is written.
//!
//! A spreadsheet keeps 15 significant digits (ECMA-376 Part 1 §18.17.4.1 stores numbers as IEEE 754 doubles,
//! and Excel shows and edits them to 15 digits), so a number of more than 15 is [`Number::Long`]: the roster
//! refuses it as an id, since two ids that differ past the 15th digit may have been made one (an 18-digit
//! citizen number typed into a number cell is the usual case), and reads it exactly elsewhere.

/// The most significant digits a spreadsheet keeps.
pub(super) const SPREADSHEET_DIGITS: usize = 15;

/// A number's text, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Number {
    /// A plain decimal (`300`, `2500.5`, `-0.25`) of at most 15 significant digits.
    Plain(String),
    /// A plain decimal of more than 15 significant digits.
    Long(String),
}

/// The largest power of ten a number may carry: beyond a double's range.
const MAX_EXPONENT: i64 = 330;

/// Reads a number's text (`1`, `-2.50`, `1.5E+20`, `3e-2`) as a plain decimal, whole numbers without a point;
/// `None` when it is not a number or lies beyond a double's range.
pub(super) fn decimal(text: &str) -> Option<Number> {
    let t = text.trim();
    let (negative, rest) = match t.as_bytes().first()? {
        b'-' => (true, t.get(1..)?),
        b'+' => (false, t.get(1..)?),
        _ => (false, t),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => {
            let e = rest.get(at + 1..)?;
            let e = e.strip_prefix('+').unwrap_or(e);
            if e.is_empty() || e.len() > 6 {
                return None;
            }
            (rest.get(..at)?, e.parse::<i64>().ok()?)
        }
        None => (rest, 0),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, f),
        None => (mantissa, ""),
    };
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // The digits, and the position of the decimal point after the first of them.
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let Some(first) = digits.iter().position(|&d| d != b'0') else {
        return Some(Number::Plain("0".to_owned()));
    };
    let last = digits.iter().rposition(|&d| d != b'0').unwrap_or(first);
    let significant = digits.get(first..=last)?;
    // The value is 0.significant × 10^point.
    let point = whole.len() as i64 - first as i64 + exponent;
    if !(-MAX_EXPONENT..=MAX_EXPONENT).contains(&point) {
        return None;
    }
    let mut out = String::with_capacity(significant.len() + point.unsigned_abs() as usize + 3);
    if negative {
        out.push('-');
    }
    let n = significant.len() as i64;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.extend(significant.iter().map(|&d| char::from(d)));
    } else if point >= n {
        out.extend(significant.iter().map(|&d| char::from(d)));
        out.extend(std::iter::repeat_n('0', (point - n) as usize));
    } else {
        let (w, f) = significant.split_at(point as usize);
        out.extend(w.iter().map(|&d| char::from(d)));
        out.push('.');
        out.extend(f.iter().map(|&d| char::from(d)));
    }
    Some(if significant.len() > SPREADSHEET_DIGITS {
        Number::Long(out)
    } else {
        Number::Plain(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Option<Number> {
        Some(Number::Plain(s.to_owned()))
    }

    #[test]
    fn numbers_read_as_plain_decimals_from_their_text() {
        assert_eq!(decimal("300"), plain("300"));
        assert_eq!(decimal("300.0"), plain("300"));
        assert_eq!(decimal("2500.5"), plain("2500.5"));
        assert_eq!(decimal("-3"), plain("-3"));
        assert_eq!(decimal("0.1"), plain("0.1"));
        assert_eq!(decimal(".5"), plain("0.5"));
        assert_eq!(decimal("1E+20"), plain("100000000000000000000"));
        assert_eq!(decimal("1.5e-3"), plain("0.0015"));
        assert_eq!(decimal("-0"), plain("0"));
        assert_eq!(decimal("0.000"), plain("0"));
        assert_eq!(decimal("007"), plain("7"));
        assert_eq!(decimal("1.23456789012345E+17"), plain("123456789012345000"));
    }

    #[test]
    fn more_than_fifteen_significant_digits_are_long_and_kept_exactly() {
        assert_eq!(
            decimal("123456789012345678"),
            Some(Number::Long("123456789012345678".into()))
        );
        assert_eq!(
            decimal("1.2345678901234568E+17"),
            Some(Number::Long("123456789012345680".into()))
        );
        assert_eq!(
            decimal("0.30000000000000004"),
            Some(Number::Long("0.30000000000000004".into()))
        );
        // Fifteen is still plain.
        assert_eq!(decimal("123456789012345"), plain("123456789012345"));
    }

    #[test]
    fn what_is_no_number_is_refused() {
        for bad in [
            "",
            "-",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "NaN",
            "INF",
            "1,5",
            "1e999999999",
            "1e400",
            "0x10",
            " ",
            "1 2",
        ] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }
}
