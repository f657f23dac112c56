//! Readers that count what they pass on: a part of a workbook is read through a limit on the bytes it really
//! inflates to, and on the bytes of one XML event, so that neither a lying size in a zip header nor a run of
//! whitespace can make the reader hold more than the limits allow (see the README's "Limits and safety").

use std::io::{self, Read};

/// A reader that fails once more than `total` bytes have come through it, or more than `event` bytes since
/// the caller last said an event was done ([`Bounded::event_done`]).
///
/// The XML reader above it asks for bytes until an event (a tag, a text, a comment) is whole, so the bytes
/// drawn since the last event bound what it holds for the next one, whatever the event is.
#[derive(Debug)]
pub(super) struct Bounded<R> {
    inner: R,
    /// The part's name, for the error.
    what: String,
    total: u64,
    read: u64,
    event: u64,
    since: u64,
    /// Why reading stopped, once it has.
    pub(super) tripped: Option<String>,
}

impl<R: Read> Bounded<R> {
    pub(super) fn new(inner: R, what: impl Into<String>, total: u64, event: u64) -> Bounded<R> {
        Bounded {
            inner,
            what: what.into(),
            total,
            read: 0,
            event,
            since: 0,
            tripped: None,
        }
    }

    /// The current event is whole: the next one may draw `event` bytes again.
    pub(super) fn event_done(&mut self) {
        self.since = 0;
    }

    /// How many bytes have come through.
    #[cfg(test)]
    pub(super) fn read_so_far(&self) -> u64 {
        self.read
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(why) = &self.tripped {
            return Err(io::Error::other(why.clone()));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.since += n as u64;
        let why = if self.read > self.total {
            Some(format!(
                "{} inflates to more than {} bytes, the limit for one part of a workbook",
                self.what, self.total
            ))
        } else if self.since > self.event {
            Some(format!(
                "{} holds a piece of XML (a tag, a text or a comment) longer than {} bytes, the limit for one piece",
                self.what, self.event
            ))
        } else {
            None
        };
        match why {
            Some(why) => {
                self.tripped = Some(why.clone());
                Err(io::Error::other(why))
            }
            None => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_stops_at_its_limit_whatever_its_header_says() {
        let mut b = Bounded::new(io::repeat(b' ').take(10_000), "the sheet", 4_096, u64::MAX);
        let mut out = Vec::new();
        let err = b.read_to_end(&mut out).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the sheet inflates to more than 4096 bytes"),
            "{err}"
        );
        assert!(b.read_so_far() <= 4_096 + 8_192);
    }

    #[test]
    fn an_event_stops_at_its_limit_and_the_next_one_starts_afresh() {
        let mut b = Bounded::new(io::repeat(b'a'), "the sheet", u64::MAX, 100);
        let mut buf = [0u8; 60];
        assert_eq!(b.read(&mut buf).unwrap(), 60);
        b.event_done();
        assert_eq!(b.read(&mut buf).unwrap(), 60);
        let err = b.read(&mut buf).unwrap_err();
        assert!(err.to_string().contains("longer than 100 bytes"), "{err}");
        // Once tripped, it stays so.
        b.event_done();
        assert!(b.read(&mut buf).is_err());
    }
}
