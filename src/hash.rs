//! A fast hasher for the crate's own small keys.

/// Hashes small fixed-shape keys made by the crate itself (bit sets of facts, rules, decisions: nothing an
/// attacker could aim at a hash function) by multiplying and rotating every integer written: a few
/// instructions where SipHash takes dozens.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

/// Builds [`KeyHasher`]s.
pub(crate) type BuildKeyHasher = std::hash::BuildHasherDefault<KeyHasher>;
