//! Splitting a roster's bytes into records, with their physical line numbers, in memory bounded by the record
//! limit.
//!
//! A line ends at a line feed, a carriage return followed by a line feed, or a lone carriage return (as old Mac
//! files and some exports end them). A JSON Lines record is one line. A CSV record is one line, or several
//! when a quoted cell holds line breaks: a `"` at the start of a cell opens a quoted cell, `""` inside it is a
//! quote, and the next lone `"` closes it (a `"` elsewhere is an ordinary character, as the csv crate reads it).
//!
//! Nothing is kept beyond the record being read. A record longer than the limit is skipped to the end of its
//! line without keeping it ([`Piece::TooLong`]). A quoted cell that is still open at the end of the input, or
//! when its record passes the limit, is a stray quote: the record is reported as [`Piece::Unclosed`], naming
//! the line where the quote opened, and reading resumes on the line after it, as if the quote were not there.

use std::io::{self, Read};

/// How much is read at a time.
const CHUNK: usize = 64 * 1024;

/// What the splitter found next.
#[derive(Debug)]
pub(crate) enum Piece {
    /// A record: the line it starts on, and its bytes (without the line ending) as `buf[start..end]`.
    Record { line: u64, start: usize, end: usize },
    /// A record longer than the limit, skipped: the line it starts on and how many bytes it had.
    TooLong { line: u64, bytes: u64 },
    /// A CSV record whose quoted cell never closes: the line the record starts on and the line of the quote.
    Unclosed { line: u64, quote: u64 },
    /// Reading failed: the line it failed on.
    Failed { line: u64, error: io::Error },
}

/// The state of the CSV record being scanned, kept across refills.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    /// Bytes of the record already scanned (from `pos`).
    at: usize,
    /// Whether a quoted cell is open, and where its quote is (from `pos`) and on which line.
    quote: Option<(usize, u64)>,
    /// Line breaks inside quoted cells so far.
    breaks: u64,
}

pub(crate) struct Splitter<R> {
    inner: R,
    buf: Vec<u8>,
    /// End of what was read into `buf` (the rest is room for the next read).
    end: usize,
    /// Start of the unread part of `buf`.
    pos: usize,
    /// The physical line `buf[pos]` is on.
    line: u64,
    eof: bool,
    limit: usize,
    csv: bool,
    scan: Scan,
    /// Set when a window of the buffer was asked for outside it (see [`Splitter::window`]).
    broken: core::cell::Cell<bool>,
}

/// The error of a splitter whose positions left its buffer: a bug, reported rather than read past.
fn broken_error() -> io::Error {
    io::Error::other(
        "the roster reader lost its place in the input (a bug in talent-matrix; please report it)",
    )
}

impl<R: Read> Splitter<R> {
    pub(crate) fn new(inner: R, limit: usize, csv: bool) -> Splitter<R> {
        Splitter {
            inner,
            buf: Vec::new(),
            end: 0,
            pos: 0,
            line: 1,
            eof: false,
            limit: limit.max(1),
            csv,
            scan: Scan::default(),
            broken: core::cell::Cell::new(false),
        }
    }

    /// The bytes read but not yet split, reading the first chunk if none was: what the encoding is told from.
    pub(crate) fn head(&mut self) -> io::Result<&[u8]> {
        if self.end == 0 && !self.eof {
            self.refill()?;
        }
        self.buf.get(self.pos..self.end).ok_or_else(broken_error)
    }

    /// The bytes of a record the last [`Piece::Record`] named.
    pub(crate) fn bytes(&self, start: usize, end: usize) -> io::Result<&[u8]> {
        self.buf
            .get(start..end)
            .filter(|_| end <= self.end)
            .ok_or_else(broken_error)
    }

    /// The bytes `from..to` of the buffer. The splitter keeps `pos <= end <= buf.len()` and computes every
    /// position within `pos..=end`, so the window is always there; were it not, the splitter marks itself
    /// broken and its next piece is the error that says so, rather than reading on with bytes missing.
    fn window(&self, from: usize, to: usize) -> &[u8] {
        match self.buf.get(from..to) {
            Some(window) => window,
            None => {
                self.broken.set(true);
                &[]
            }
        }
    }

    /// Moves the unread bytes to the front and reads more after them; `false` at the end of the input. The
    /// buffer is zeroed only when it grows, and grows to at most the record limit and a chunk.
    fn refill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        let have = self.end;
        let want = (have + CHUNK).min(self.limit.saturating_add(CHUNK));
        if want <= have {
            return Ok(true);
        }
        if self.end < want {
            self.buf.resize(want, 0);
        }
        let n = loop {
            match self
                .inner
                .read(self.buf.get_mut(have..want).ok_or_else(broken_error)?)
            {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.end = have + n;
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// Ends the input with an error.
    fn fail(&mut self, error: io::Error) -> Piece {
        self.eof = true;
        self.end = 0;
        self.pos = 0;
        self.broken.set(false);
        Piece::Failed {
            line: self.line,
            error,
        }
    }

    /// The length of the line ending at `buf[i]` (a line break): 2 for CR LF, else 1. `None` when `buf[i]` is
    /// a CR at the end of what was read and more may follow.
    fn ending(&self, i: usize) -> Option<usize> {
        match (
            self.buf.get(i).filter(|_| i < self.end),
            self.buf.get(i + 1).filter(|_| i + 1 < self.end),
        ) {
            (Some(b'\r'), Some(b'\n')) => Some(2),
            (Some(b'\r'), None) if !self.eof => None,
            _ => Some(1),
        }
    }

    /// The next piece, or `None` at the end of the input.
    pub(crate) fn next_piece(&mut self) -> Option<Piece> {
        loop {
            let found = if self.csv {
                self.scan_csv()
            } else {
                self.scan_line()
            };
            if self.broken.get() {
                return Some(self.fail(broken_error()));
            }
            match found {
                Step::Found(piece) => return Some(piece),
                Step::Over => return Some(self.too_long()),
                Step::More if self.eof => return self.at_end(),
                Step::More => {}
            }
            match self.refill() {
                // At the end, scan once more: a CR or quote at the very end is now known to be the last.
                Ok(_) => {}
                Err(error) => return Some(self.fail(error)),
            }
        }
    }

    /// A JSON line, if its end has been read.
    fn scan_line(&mut self) -> Step {
        let from = self.pos + self.scan.at;
        let rest = self.window(from, self.end);
        let i = from + memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        if i - self.pos > self.limit {
            self.scan.at = self.limit;
            return Step::Over;
        }
        if i >= self.end {
            self.scan.at = self.end - self.pos;
            return Step::More;
        }
        let Some(ending) = self.ending(i) else {
            self.scan.at = i - self.pos;
            return Step::More;
        };
        Step::Found(self.take(i, ending, 0))
    }

    /// Ends the record at `buf[end]`, whose line ending is `ending` bytes long, with `breaks` line breaks in it.
    fn take(&mut self, end: usize, ending: usize, breaks: u64) -> Piece {
        let piece = Piece::Record {
            line: self.line,
            start: self.pos,
            end,
        };
        self.pos = end + ending;
        self.line += breaks + 1;
        self.scan = Scan::default();
        piece
    }

    /// A CSV record, if its end has been read.
    fn scan_csv(&mut self) -> Step {
        loop {
            if self.scan.at > self.limit {
                return Step::Over;
            }
            let from = self.pos + self.scan.at;
            let rest = self.window(from, self.end);
            let i = from + memchr::memchr3(b'"', b'\n', b'\r', rest).unwrap_or(rest.len());
            if i - self.pos > self.limit {
                self.scan.at = self.limit + 1;
                return Step::Over;
            }
            let Some(&b) = self.buf.get(i).filter(|_| i < self.end) else {
                self.scan.at = self.end - self.pos;
                return Step::More;
            };
            if b == b'"' {
                match self.scan.quote {
                    None => {
                        // A quote opens a cell only at the cell's start.
                        let at_start = i == self.pos || self.buf.get(i - 1) == Some(&b',');
                        if at_start {
                            self.scan.quote = Some((i - self.pos, self.line + self.scan.breaks));
                        }
                        self.scan.at = i + 1 - self.pos;
                    }
                    Some(_) => match self.buf.get(i + 1).filter(|_| i + 1 < self.end) {
                        Some(b'"') => self.scan.at = i + 2 - self.pos,
                        None if !self.eof => {
                            self.scan.at = i - self.pos;
                            return Step::More;
                        }
                        _ => {
                            self.scan.quote = None;
                            self.scan.at = i + 1 - self.pos;
                        }
                    },
                }
                continue;
            }
            let Some(ending) = self.ending(i) else {
                self.scan.at = i - self.pos;
                return Step::More;
            };
            if self.scan.quote.is_some() {
                self.scan.breaks += 1;
                self.scan.at = i + ending - self.pos;
                continue;
            }
            return Step::Found(self.take(i, ending, self.scan.breaks));
        }
    }

    /// The first line break at or after `buf[from]`, if it is within `bound`.
    fn line_break(&self, from: usize, bound: usize) -> Option<usize> {
        let rest = self.window(from, bound.min(self.end));
        let i = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        (i < rest.len()).then_some(from + i)
    }

    /// A stray quote, when its own line ends before `bound`: the record is reported, and reading resumes on
    /// the line after the quote's.
    fn unclosed(&mut self, bound: usize) -> Option<Piece> {
        let (quote_at, quote_line) = self.scan.quote?;
        let i = self.line_break(self.pos + quote_at, bound)?;
        let ending = self.ending(i).unwrap_or(1);
        let piece = Piece::Unclosed {
            line: self.line,
            quote: quote_line,
        };
        self.pos = i + ending;
        self.line = quote_line + 1;
        self.scan = Scan::default();
        Some(piece)
    }

    /// The record starting at `pos` has passed the limit unfinished: a stray quote, or a record too long,
    /// skipped to the end of its line (the line it is on where the limit was passed) keeping nothing.
    fn too_long(&mut self) -> Piece {
        // Everything up to the limit is held, so where the quote's line ends is known the same way however
        // the input was read.
        if let Some(piece) = self.unclosed(self.pos + self.limit) {
            return piece;
        }
        let line = self.line;
        let (mut from, breaks) = match self.scan.quote {
            Some((quote_at, quote_line)) => (self.pos + quote_at, quote_line - self.line),
            None => (self.pos + self.scan.at.min(self.limit), self.scan.breaks),
        };
        let mut skipped = (from - self.pos) as u64;
        loop {
            if let Some(at) = self.line_break(from, self.end) {
                if let Some(ending) = self.ending(at) {
                    skipped += (at - from + ending) as u64;
                    self.pos = at + ending;
                    self.line += breaks + 1;
                    self.scan = Scan::default();
                    return Piece::TooLong {
                        line,
                        bytes: skipped,
                    };
                }
                // A CR at the end of what was read: keep it and read on.
                skipped += (at - from) as u64;
                self.pos = at;
            } else {
                skipped += (self.end - from) as u64;
                self.pos = self.end;
            }
            self.scan = Scan::default();
            let more = self.refill();
            from = self.pos;
            if !matches!(more, Ok(true)) {
                // The end of the input (or a failure, reported on the next call) ends the line.
                skipped += (self.end - self.pos) as u64;
                self.pos = self.end;
                self.line += breaks;
                return Piece::TooLong {
                    line,
                    bytes: skipped,
                };
            }
        }
    }

    /// At the end of the input: the last record without a line ending, a stray quote, or nothing.
    fn at_end(&mut self) -> Option<Piece> {
        if self.pos >= self.end {
            return None;
        }
        if self.csv && self.scan.quote.is_some() {
            let end = self.end;
            return Some(self.unclosed(end).unwrap_or_else(|| {
                let line = self.line;
                let quote = self.scan.quote.map_or(line, |(_, l)| l);
                self.pos = end;
                self.scan = Scan::default();
                Piece::Unclosed { line, quote }
            }));
        }
        let end = self.end;
        let breaks = self.scan.breaks;
        Some(self.take(end, 0, breaks))
    }
}

/// What scanning for a record's end found.
enum Step {
    Found(Piece),
    /// More input is needed.
    More,
    /// The record passed the limit.
    Over,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use proptest::prelude::*;

    use super::{Piece, Splitter};

    /// A splitter whose positions left its buffer (what only a bug could do) ends with an error: it does not
    /// read on with bytes missing, and a record's bytes outside the buffer are an error, not an empty record.
    #[test]
    fn a_lost_place_is_an_error_not_missing_bytes() {
        let mut s = Splitter::new(&b"a\nb\nc\n"[..], 1024, false);
        assert!(matches!(
            s.next_piece(),
            Some(Piece::Record { line: 1, .. })
        ));
        s.end = s.buf.len() + 10;
        assert!(matches!(s.next_piece(), Some(Piece::Failed { .. })));
        assert!(s.next_piece().is_none());
        assert!(s.bytes(5, 50).is_err());
    }

    /// Reads in pieces of at most `step` bytes, to cross every refill boundary.
    struct Trickle<'a>(&'a [u8], usize);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn split(text: &str, limit: usize, csv: bool, step: usize) -> Vec<String> {
        let mut s = Splitter::new(Trickle(text.as_bytes(), step), limit, csv);
        let mut out = Vec::new();
        while let Some(p) = s.next_piece() {
            out.push(match p {
                Piece::Record { line, start, end } => {
                    format!(
                        "{line}:{}",
                        String::from_utf8_lossy(s.bytes(start, end).unwrap())
                    )
                }
                Piece::TooLong { line, bytes } => format!("{line}:too long ({bytes})"),
                Piece::Unclosed { line, quote } => format!("{line}:unclosed at {quote}"),
                Piece::Failed { line, error } => format!("{line}:failed {error}"),
            });
        }
        out
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        for step in [1, 2, 3, 100] {
            assert_eq!(
                split("a\nb\r\nc\rd\r\re", 100, false, step),
                ["1:a", "2:b", "3:c", "4:d", "5:", "6:e"],
                "{step}"
            );
            assert_eq!(split("a\r", 100, false, step), ["1:a"], "{step}");
        }
    }

    #[test]
    fn quoted_cells_hold_line_breaks_and_quotes() {
        for step in [1, 2, 5, 100] {
            assert_eq!(
                split("h\nA,\"x\r\ny\"\"z\"\nB,\"\"\rC,a\"b\n", 100, true, step),
                ["1:h", "2:A,\"x\r\ny\"\"z\"", "4:B,\"\"", "5:C,a\"b"],
                "{step}"
            );
        }
    }

    #[test]
    fn a_stray_quote_costs_only_its_row() {
        for step in [1, 3, 100] {
            assert_eq!(
                split("h\nA,\"x\nB,y\nC,z\n", 100, true, step),
                ["1:h", "2:unclosed at 2", "3:B,y", "4:C,z"],
                "{step}"
            );
            // A quote opened on the second line of a record names that line.
            assert_eq!(
                split("h\nA,\"x\ny\",\"z\nB,y\n", 100, true, step),
                ["1:h", "2:unclosed at 3", "4:B,y"],
                "{step}"
            );
        }
        // Past the limit rather than at the end of the input.
        let mut text = "h\nA,\"x\n".to_owned();
        for i in 0..100 {
            text.push_str(&format!("R{i},y\n"));
        }
        let got = split(&text, 64, true, 7);
        assert_eq!(got[1], "2:unclosed at 2");
        assert_eq!(got[2], "3:R0,y");
        assert_eq!(got.len(), 102);
    }

    #[test]
    fn records_past_the_limit_are_skipped_to_their_line_end() {
        let long = "x".repeat(1000);
        for step in [1, 7, 4096] {
            assert_eq!(
                split(&format!("a\n{long}\nb\n{long}"), 100, false, step),
                ["1:a", "2:too long (1001)", "3:b", "4:too long (1000)"],
                "{step}"
            );
            assert_eq!(
                split(&format!("h\n\"{long}\"\nb\n"), 100, true, step),
                ["1:h", "2:too long (1003)", "3:b"],
                "{step}"
            );
        }
    }

    proptest! {
        /// Whatever the bytes, every line is accounted for: the lines of the pieces never go back, and the
        /// pieces of a text cut anywhere into reads are the same.
        #[test]
        fn pieces_do_not_depend_on_how_the_input_is_read(
            text in "[a\"\r\n,]{0,60}",
            step in 1usize..9,
            csv: bool,
        ) {
            let whole = split(&text, 16, csv, 1 << 20);
            let trickled = split(&text, 16, csv, step);
            prop_assert_eq!(&whole, &trickled);
            let lines: Vec<u64> = whole.iter().map(|p| p.split(':').next().unwrap().parse().unwrap()).collect();
            prop_assert!(lines.windows(2).all(|w| w[0] < w[1]), "{:?}", whole);
        }
    }
}
