//! Searching bytes eight at a time (SWAR: SIMD within a register), without `unsafe` or a dependency.
//!
//! In a word `w` of eight bytes, `(w - n·0x01…01) & !w & 0x80…80` flags the bytes below `n` (for `n` up to 128),
//! and `w ^ b·0x01…01` has a zero byte exactly where a byte of `w` equals `b`. A flag can be wrong only above a
//! byte that is truly flagged (a borrow runs upwards), so the lowest flag of a word is exact.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Flags (the high bit of each byte) the bytes of `w` below `n`.
const fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGH
}

/// Flags the bytes of `w` equal to `b`.
const fn equal(w: u64, b: u8) -> u64 {
    below(w ^ (ONES * b as u64), 1)
}

/// The position of the first byte for which `flags` flags a word (exactly, from the lowest flag) or `test`
/// holds (in the last, partial word); the length when there is none.
#[inline]
fn first(bytes: &[u8], flags: impl Fn(u64) -> u64, test: impl Fn(u8) -> bool) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let found = flags(u64::from_le_bytes(word));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = words.remainder();
    at + rest.iter().position(|&b| test(b)).unwrap_or(rest.len())
}

/// The position of the first byte that is not printable ASCII (below a space, DEL, or not ASCII), or the
/// length when there is none.
pub(crate) fn first_not_printable_ascii(bytes: &[u8]) -> usize {
    first(
        bytes,
        |w| below(w, 0x20) | equal(w, 0x7f) | (w & HIGH),
        |b| !(0x20..0x7f).contains(&b),
    )
}

/// The position of the first `"`, `\\` or control character (the bytes a JSON string cannot hold as they
/// are), or the length when there is none.
#[cfg_attr(not(feature = "json"), allow(dead_code))]
pub(crate) fn first_special(bytes: &[u8]) -> usize {
    first(
        bytes,
        |w| below(w, 0x20) | equal(w, b'"') | equal(w, b'\\'),
        |b| b < 0x20 || b == b'"' || b == b'\\',
    )
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Both searches find exactly what a byte-by-byte search finds, whatever surrounds it.
        #[test]
        fn the_first_byte_is_found_exactly(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0x1fu8), Just(0x20), Just(0x21), Just(b'"'), Just(b'#'), Just(b'['),
                    Just(b'\\'), Just(b']'), Just(b'\n'), Just(b'\r'), Just(0x0b), Just(0x0e), Just(0x7f),
                    Just(0x80), Just(0xff), Just(b'a'), 0u8..=255],
                0..40,
            )
        ) {
            let naive = |test: fn(u8) -> bool| bytes.iter().position(|&b| test(b)).unwrap_or(bytes.len());
            prop_assert_eq!(
                super::first_special(&bytes),
                naive(|b| b < 0x20 || b == b'"' || b == b'\\')
            );
            prop_assert_eq!(
                super::first_not_printable_ascii(&bytes),
                naive(|b| !(0x20..0x7f).contains(&b))
            );

        }
    }

    #[test]
    fn every_special_byte_is_found_at_every_position() {
        for special in (0u8..0x20).chain([b'"', b'\\']) {
            for len in 1..20 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert_eq!(
                        super::first_special(&bytes),
                        at,
                        "{special:#x} at {at} of {len}"
                    );
                }
            }
        }
        let clean = "企业经营管理人才 ~!{}[]/";
        assert_eq!(super::first_special(clean.as_bytes()), clean.len());
    }
}
