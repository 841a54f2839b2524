//! A task (nhiệm vụ) of the plan: what it is, who leads it, its deadline as
//! written and as a date, its status and progress, notes and checklist.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::area::AreaId;
use super::deadline::{DueKind, ParsedDue};
use super::unit::UnitCode;

pub type TaskId = u64;
/// Milliseconds since the Unix epoch (UTC).
pub type Millis = i64;

/// Longest title, in chars; longer input is refused.
pub const MAX_TITLE: usize = 500;
/// Longest description, output or note, in chars.
pub const MAX_TEXT: usize = 20_000;
/// Longest evidence link or file reference, in chars.
pub const MAX_EVIDENCE: usize = 2_000;

/// Viet Nam has one time zone, +07:00; timestamps become dates in it.
pub fn board_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// The calendar date (in Viet Nam) of a timestamp.
pub fn date_of(ms: Millis) -> NaiveDate {
    board_offset()
        .timestamp_millis_opt(ms)
        .single()
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// RFC 3339 text of a timestamp, in UTC (stable across machines).
pub fn rfc3339(ms: Millis) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Work status, the board's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Todo,
    Doing,
    Blocked,
    Done,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Todo, Status::Doing, Status::Blocked, Status::Done];

    /// Code used on the command line and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Doing => "doing",
            Status::Blocked => "blocked",
            Status::Done => "done",
        }
    }

    /// Accepts the codes and the Vietnamese words, with or without accents.
    pub fn parse(s: &str) -> Option<Status> {
        let f = super::text::fold(s.trim());
        Some(match f.as_str() {
            "todo" | "chua thuc hien" | "chua" => Status::Todo,
            "doing" | "dang thuc hien" | "dang" => Status::Doing,
            "blocked" | "vuong mac" | "vuong" => Status::Blocked,
            "done" | "hoan thanh" | "xong" => Status::Done,
            _ => return None,
        })
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Option<Status> {
        Status::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Status> {
        self.index().checked_sub(1).map(|i| Status::ALL[i])
    }
}

/// A deadline: the parsed kind and date, and the wording as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// None when the task has no deadline at all.
    pub kind: Option<DueKind>,
    /// The last day, for dated kinds.
    pub date: Option<NaiveDate>,
    /// The original wording ("Quý I/2025"), if there was one.
    pub text: Option<String>,
}

impl Due {
    pub fn none() -> Due {
        Due::default()
    }

    pub fn ongoing() -> Due {
        Due {
            kind: Some(DueKind::Ongoing),
            date: None,
            text: None,
        }
    }

    pub fn from_parsed(p: ParsedDue, text: Option<String>) -> Due {
        Due {
            kind: Some(p.kind),
            date: p.date,
            text,
        }
    }

    /// Ongoing ("Thường xuyên") and yearly duties are never overdue.
    pub fn is_ongoing(&self) -> bool {
        matches!(self.kind, Some(DueKind::Ongoing | DueKind::Annual))
    }

    /// The wording to show in an interface language: in Vietnamese the
    /// plan's own wording (as [`Due::label`]); in English the canonical
    /// English one, since the plan's words are Vietnamese.
    pub fn label_in(&self, lang: super::Lang) -> Option<String> {
        if lang.is_vi() {
            return self.label();
        }
        let kind = self.kind?;
        Some(super::deadline::canonical_text_in(
            &ParsedDue {
                kind,
                date: self.date,
            },
            lang,
        ))
    }

    /// The wording to show: the original text, else a canonical one.
    pub fn label(&self) -> Option<String> {
        if let Some(t) = &self.text {
            return Some(t.clone());
        }
        let kind = self.kind?;
        Some(super::deadline::canonical_text(&ParsedDue {
            kind,
            date: self.date,
        }))
    }
}

/// A timestamped progress note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: Millis,
    pub author: String,
    pub text: String,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    pub text: String,
    pub done: bool,
}

/// A task of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub title: String,
    pub description: String,
    /// 0 = Chung, 1–8 = PAPI dimension.
    pub area: AreaId,
    /// Sub-dimension name from the catalog, if chosen.
    pub sub: Option<String>,
    /// Lead unit (đơn vị chủ trì).
    pub lead: UnitCode,
    /// Supporting units (đơn vị phối hợp).
    pub support: Vec<UnitCode>,
    pub status: Status,
    pub due: Due,
    /// 0–100.
    pub progress: u8,
    /// Output / evidence (sản phẩm).
    pub output: String,
    /// Where the proof of the work is (minh chứng): a link or a file
    /// reference, one line. Added in schema 2; absent from older backups.
    #[serde(default)]
    pub evidence: Option<String>,
    pub notes: Vec<Note>,
    pub checklist: Vec<CheckItem>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub completed_at: Option<Millis>,
}

impl Task {
    /// A new task with the given title, area and lead; everything else empty.
    pub fn new(title: &str, area: impl Into<AreaId>, lead: &str) -> Task {
        Task {
            id: 0,
            title: title.to_string(),
            description: String::new(),
            area: area.into(),
            sub: None,
            lead: UnitCode::from(lead),
            support: Vec::new(),
            status: Status::Todo,
            due: Due::none(),
            progress: 0,
            output: String::new(),
            evidence: None,
            notes: Vec::new(),
            checklist: Vec::new(),
            created_at: 0,
            updated_at: 0,
            completed_at: None,
        }
    }

    /// True if the task involves the unit, as lead or supporter.
    pub fn involves(&self, unit: &str) -> bool {
        self.lead == unit || self.support.iter().any(|s| s == unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_parse_in_both_languages() {
        assert_eq!(Status::parse("doing"), Some(Status::Doing));
        assert_eq!(Status::parse("Đang thực hiện"), Some(Status::Doing));
        assert_eq!(Status::parse("vuong mac"), Some(Status::Blocked));
        assert_eq!(Status::parse("Hoàn thành"), Some(Status::Done));
        assert_eq!(Status::parse("finished"), None);
        assert_eq!(Status::Todo.next(), Some(Status::Doing));
        assert_eq!(Status::Done.next(), None);
        assert_eq!(Status::Todo.prev(), None);
    }

    #[test]
    fn dates_are_taken_in_viet_nam_time() {
        // 2025-06-30T18:00Z is already 1 July in Hà Nội.
        let ms = DateTime::parse_from_rfc3339("2025-06-30T18:00:00Z")
            .unwrap()
            .timestamp_millis();
        assert_eq!(date_of(ms), NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        assert_eq!(rfc3339(ms), "2025-06-30T18:00:00Z");
    }
}
