//! Which columns the invitation list shows at a width, how wide each is, and how a cell's text
//! is cut to fit: with "…", and never through the middle of a number.

use unicode_width::UnicodeWidthChar;

use crate::domain::{Participant, ViewSort};

/// A column of the invitation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Status,
    Engagement,
    /// Who sent it (received invitations) or who it went to (sent ones).
    Party,
    Type,
    Invited,
    Expires,
    Customer,
    Spend,
}

/// Most important first: a narrower pane drops columns from the end of this list. The first
/// [`ESSENTIAL`] only need their own width; the others are shown only while the title's share
/// of the width left over stays at least [`TITLE_ROOM`] columns. Who sent an invitation (or got it) comes
/// before what its detail tells, so it shows at every width that has room for either.
const PRIORITY: [Column; 8] = [
    Column::Status,
    Column::Engagement,
    Column::Expires,
    Column::Party,
    Column::Customer,
    Column::Spend,
    Column::Invited,
    Column::Type,
];

const ESSENTIAL: usize = 5;
const TITLE_ROOM: u16 = 4;

/// Left to right.
const ORDER: [Column; 8] = [
    Column::Status,
    Column::Engagement,
    Column::Party,
    Column::Type,
    Column::Invited,
    Column::Expires,
    Column::Customer,
    Column::Spend,
];

impl Column {
    /// The header, which names the other party by the view's direction.
    pub fn header(self, view: Participant) -> &'static str {
        match self {
            Column::Status => "Status",
            Column::Engagement => "Engagement",
            Column::Party if view == Participant::Sent => "Receiver",
            Column::Party => "Sender",
            Column::Type => "Type",
            Column::Invited => "Invited",
            Column::Expires => "Expires",
            Column::Customer => "Customer",
            Column::Spend => "Spend/mo",
        }
    }

    /// The column a view's order sorts by, and the arrow that says which way.
    pub fn sorted_by(sort: ViewSort) -> (Column, &'static str) {
        match sort {
            ViewSort::Newest => (Column::Invited, "▼"),
            ViewSort::Oldest => (Column::Invited, "▲"),
            ViewSort::Expires => (Column::Expires, "▲"),
            ViewSort::Sender => (Column::Party, "▲"),
            ViewSort::Customer => (Column::Customer, "▲"),
            ViewSort::Spend => (Column::Spend, "▼"),
        }
    }

    /// The narrowest it may be, and its share of the width left over (0: fixed).
    fn size(self) -> (u16, u16) {
        match self {
            Column::Status => (8, 0),
            Column::Engagement => (20, 3),
            Column::Party => (12, 2),
            Column::Type => (4, 0),
            Column::Invited => (9, 0),
            Column::Expires => (11, 0),
            Column::Customer => (12, 2),
            Column::Spend => (12, 0),
        }
    }
}

/// The columns a pane `width` wide shows, left to right, each with its x offset and width:
/// the most important ones that fit at their narrowest, then the rest of the width shared
/// among the flexible ones.
pub fn layout(width: u16) -> Vec<(Column, u16, u16)> {
    const GAP: u16 = 1;
    let mut used = 0u16;
    let mut chosen = Vec::new();
    let title_share = |chosen: &[Column], used: u16| {
        let weights: u16 = chosen.iter().map(|c| c.size().1).sum();
        (width - used) * Column::Engagement.size().1 / weights.max(1)
    };
    for (rank, column) in PRIORITY.into_iter().enumerate() {
        let need = column.size().0 + if chosen.is_empty() { 0 } else { GAP };
        if used + need > width {
            break;
        }
        chosen.push(column);
        if rank >= ESSENTIAL && title_share(&chosen, used + need) < TITLE_ROOM {
            chosen.pop();
            break;
        }
        used += need;
    }
    let spare = width - used;
    let weights: u16 = chosen.iter().map(|c| c.size().1).sum();
    let mut handed = 0;
    let mut flexible_seen = 0;
    let flexible = chosen.iter().filter(|c| c.size().1 > 0).count();
    let mut x = 0;
    ORDER
        .iter()
        .filter(|c| chosen.contains(c))
        .map(|&column| {
            let (min, weight) = column.size();
            let mut extra = 0;
            if weight > 0 {
                flexible_seen += 1;
                extra = if flexible_seen == flexible {
                    spare - handed
                } else {
                    spare * weight / weights
                };
                handed += extra;
            }
            let placed = (column, x, min + extra);
            x += min + extra + GAP;
            placed
        })
        .collect()
}

/// `text` cut to `width` display columns: with "…" when cut, never ending in the middle of a
/// number (the number goes whole instead).
pub fn fit(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    let mut rest = text.chars().peekable();
    while let Some(&c) = rest.peek() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        kept.push(c);
        rest.next();
    }
    if rest.peek().is_some_and(char::is_ascii_digit) {
        while kept.last().is_some_and(char::is_ascii_digit) {
            kept.pop();
        }
    }
    while kept.last().is_some_and(|c| c.is_whitespace()) {
        kept.pop();
    }
    kept.push('…');
    kept.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(width: u16) -> Vec<Column> {
        layout(width).into_iter().map(|(c, _, _)| c).collect()
    }

    #[test]
    fn the_other_party_comes_before_the_customer_and_the_spend() {
        use Column::*;
        assert_eq!(shown(38), [Status, Engagement]);
        assert_eq!(shown(44), [Status, Engagement, Expires]);
        let at_120 = shown(67);
        assert!(at_120.contains(&Party) && at_120.contains(&Customer) && !at_120.contains(&Spend));
        assert_eq!(shown(116), ORDER);
    }

    #[test]
    fn optional_columns_leave_the_title_room() {
        let at_160 = layout(90);
        let title = at_160.iter().find(|c| c.0 == Column::Engagement).unwrap().2;
        assert!(title >= 24, "{at_160:?}");
        assert!(at_160.iter().any(|c| c.0 == Column::Spend), "{at_160:?}");
    }

    #[test]
    fn columns_fill_the_width_exactly() {
        for width in [38, 69, 92, 116, 200] {
            let (_, x, w) = *layout(width).last().unwrap();
            assert_eq!(x + w, width, "at {width}");
        }
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_and_never_in_half_a_number() {
        assert_eq!(fit("Globex SAP migration", 30), "Globex SAP migration");
        assert_eq!(fit("Globex SAP migration", 12), "Globex SAP…");
        assert_eq!(fit("Synthetic deal #4999", 19), "Synthetic deal #…");
        assert_eq!(fit("東京データ移行", 7), "東京デ…");
        assert_eq!(fit("abc", 0), "");
    }
}
