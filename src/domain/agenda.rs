//! The deadlines view's grouping of open tasks: overdue, this week, this
//! month, then month by month, with undated and ongoing tasks apart. It
//! reads the lists of the one aggregation (`report::Summary`).

use chrono::NaiveDate;

use super::report::Summary;

/// How far off an open task's deadline is, as the deadlines view groups
/// them: overdue, this week (to Sunday), the rest of this month, then one
/// group per later month; undated and ongoing tasks apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Horizon {
    Overdue,
    ThisWeek,
    ThisMonth,
    /// Year and month (1–12).
    Month(i32, u32),
    Undated,
    Ongoing,
}

/// The horizon of a deadline on or after `today`.
pub fn horizon(due: NaiveDate, today: NaiveDate) -> Horizon {
    use chrono::Datelike;
    let days_to_sunday = 6 - today.weekday().num_days_from_monday() as i64;
    if due < today {
        Horizon::Overdue
    } else if (due - today).num_days() <= days_to_sunday {
        Horizon::ThisWeek
    } else if (due.year(), due.month()) == (today.year(), today.month()) {
        Horizon::ThisMonth
    } else {
        Horizon::Month(due.year(), due.month())
    }
}

/// The open tasks of a summary grouped by horizon, in display order:
/// overdue (oldest first), this week, this month, later months, undated
/// (few, and worth a deadline), ongoing. Empty groups are left out.
pub fn agenda(s: &Summary) -> Vec<(Horizon, Vec<u64>)> {
    let mut out: Vec<(Horizon, Vec<u64>)> = Vec::new();
    if !s.overdue.is_empty() {
        out.push((Horizon::Overdue, s.overdue.clone()));
    }
    for (d, id) in &s.upcoming {
        let h = horizon(*d, s.today);
        match out.last_mut() {
            Some((last, ids)) if *last == h => ids.push(*id),
            _ => out.push((h, vec![*id])),
        }
    }
    for (h, ids) in [
        (Horizon::Undated, &s.undated),
        (Horizon::Ongoing, &s.ongoing),
    ] {
        if !ids.is_empty() {
            out.push((h, ids.clone()));
        }
    }
    out
}
