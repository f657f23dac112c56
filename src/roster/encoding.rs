//! Which encoding a roster's bytes are in: text, not UTF-16 or binary; UTF-8, or GB18030 told from the first
//! bytes (or the first row that is not ASCII).

use super::options::Encoding;
use super::row::FileError;

/// Refuses input that is no text in an encoding a roster may have: UTF-16 (by its byte-order mark, or the
/// NUL bytes of its ASCII characters), or anything else with NUL bytes, told from the first bytes read.
pub(super) fn check_text(head: &[u8]) -> Result<(), FileError> {
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    let nul = head.iter().position(|&b| b == 0);
    match (utf16, nul) {
        (true, _) => Err(FileError::NotText {
            why: "it is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8 or GB18030".to_owned(),
        }),
        (false, Some(at)) => Err(FileError::NotText {
            why: format!(
                "it holds a NUL byte (at byte {}): it is UTF-16 or not text; save it as UTF-8 or GB18030",
                at + 1
            ),
        }),
        (false, None) => Ok(()),
    }
}

/// The encoding of a CSV told from its first bytes with [`Encoding::Auto`]: UTF-8 when they are valid UTF-8,
/// else GB18030 (with a notice); `None` while they are plain ASCII, which either encoding reads alike.
pub(super) fn sniff(head: &[u8], notices: &mut Vec<String>) -> Option<Encoding> {
    if head.is_ascii() {
        return None;
    }
    decide(head, 1, notices)
}

/// Decides the encoding from a prefix of the file (or the first row that is not ASCII, on `line`).
pub(super) fn decide(bytes: &[u8], line: u64, notices: &mut Vec<String>) -> Option<Encoding> {
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        // A character cut at the end of the prefix may finish after it.
        Err(e) => e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4,
    };
    if utf8 {
        return Some(Encoding::Utf8);
    }
    // Not UTF-8: GB18030, as DOMAIN.md §8 says, whether or not every sequence is valid in it; a row with a
    // sequence that is not is rejected at its line.
    let from = if line == 1 {
        "the roster".to_owned()
    } else {
        format!("the roster (from line {line}, its first row that is not ASCII)")
    };
    notices.push(format!("{from} is not valid UTF-8: reading it as GB18030"));
    Some(Encoding::Gb18030)
}

impl Encoding {
    pub(super) fn name(self) -> &'static str {
        match self {
            Encoding::Gb18030 => "GB18030",
            _ => "UTF-8",
        }
    }
}
