//! Requests made to the service in a day, against its daily quotas per partner account.

/// Reads (ListEngagementInvitations, GetEngagementInvitation and the other gets and lists) the
/// service allows a partner account in a day.
pub const DAILY_READS: u64 = 100_000;

/// Writes (accepts, rejects, creates, engages) the service allows a partner account in a day.
pub const DAILY_WRITES: u64 = 10_000;

/// Requests of one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Requests {
    pub reads: u64,
    pub writes: u64,
}

impl Requests {
    /// "1,234 reads of 100,000 · 3 writes of 10,000".
    pub fn against_quota(&self) -> String {
        format!(
            "{} reads of {} · {} writes of {}",
            grouped(self.reads),
            grouped(DAILY_READS),
            grouped(self.writes),
            grouped(DAILY_WRITES)
        )
    }
}

/// `n` with its thousands set apart: 100000 → "100,000".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::ops::AddAssign for Requests {
    fn add_assign(&mut self, other: Self) {
        self.reads += other.reads;
        self.writes += other.writes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_against_the_quota() {
        let used = Requests {
            reads: 1234,
            writes: 3,
        };
        assert_eq!(
            used.against_quota(),
            "1,234 reads of 100,000 · 3 writes of 10,000"
        );
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
