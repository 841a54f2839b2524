//! A task (nhiệm vụ) of the plan: what it is, who leads it, its deadline as
//! written and as a date, its status and progress, notes and checklist, and
//! what a report says of it: results (notes marked as results), the
//! difficulty (khó khăn, vướng mắc) with its dates, and a proposal.

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
    /// A result (kết quả thực hiện): what was done, reported for the
    /// period its date falls in. Added in schema 3.
    #[serde(default)]
    pub result: bool,
}

impl Note {
    /// A plain progress note.
    pub fn new(at: Millis, author: &str, text: &str) -> Note {
        Note {
            at,
            author: author.to_string(),
            text: text.to_string(),
            result: false,
        }
    }
}

/// A difficulty (khó khăn, vướng mắc): what holds the task up, since when,
/// and until when once it no longer does. A task has at most one open
/// difficulty (no `until`), always the last; the closed ones are its
/// history. Moving a card to Vướng mắc opens one (its text may be empty:
/// the question was asked, nothing was said); moving it out closes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub text: String,
    pub author: String,
    pub since: Millis,
    pub until: Option<Millis>,
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
    /// Difficulties, oldest first; the last may be open (see `Problem`).
    /// Added in schema 3.
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// Đề xuất, kiến nghị: what the commune asks of the level above.
    /// Added in schema 3.
    #[serde(default)]
    pub proposal: String,
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
            problems: Vec::new(),
            proposal: String::new(),
        }
    }

    /// The open difficulty, if any.
    pub fn problem(&self) -> Option<&Problem> {
        self.problems.last().filter(|p| p.until.is_none())
    }

    /// The open difficulty's text ("" when none).
    pub fn problem_text(&self) -> &str {
        self.problem().map_or("", |p| p.text.as_str())
    }

    /// Say what the difficulty now is: the open one's text changes, or one
    /// is opened when there is none and `text` is not empty. The board
    /// stamps who and when (`Board::apply`), so any values do here.
    pub fn set_problem(&mut self, text: &str) {
        match self.problems.last_mut().filter(|p| p.until.is_none()) {
            Some(p) => p.text = text.to_string(),
            None if !text.is_empty() => self.problems.push(Problem {
                text: text.to_string(),
                author: String::new(),
                since: 0,
                until: None,
            }),
            None => {}
        }
    }

    /// What an edit says the difficulty is: `set_problem`, and an emptied
    /// difficulty of a task not in Vướng mắc is over (one in Vướng mắc
    /// keeps its open difficulty, perhaps without text).
    pub fn say_problem(&mut self, text: &str) {
        self.set_problem(text);
        if self.problem().is_some_and(|p| p.text.is_empty()) && self.status != Status::Blocked {
            self.problems.pop();
        }
    }

    /// Keep the difficulties true after a change from `old` to this task,
    /// made at `now` by `author`. The closed difficulties are history and
    /// stay as `old` had them; of the open one, the change may give a new
    /// text (a correction keeps its date; a first text opens one now).
    /// Then the status decides: a task in Vướng mắc always has an open
    /// difficulty (perhaps without text); leaving Vướng mắc, or being done,
    /// closes it — it stays in the history with both dates.
    pub fn settle_problems(&mut self, old: &Task, now: Millis, author: &str) {
        let wanted = self.problem().map(|p| p.text.clone());
        self.problems = old.problems.clone();
        let blocked = self.status == Status::Blocked;
        let open = self.problems.last_mut().filter(|p| p.until.is_none());
        match (open, wanted) {
            (Some(p), Some(text)) if p.text != text => {
                p.text = text;
                p.author = author.to_string();
            }
            (Some(p), None) if blocked => p.text.clear(),
            (Some(p), None) => p.until = Some(now),
            (None, Some(text)) if !text.is_empty() => self.open_problem(text, now, author),
            _ => {}
        }
        if blocked && self.problem().is_none() {
            self.open_problem(String::new(), now, author);
        }
        let leaving = old.status == Status::Blocked && !blocked;
        if (leaving || self.status == Status::Done)
            && let Some(p) = self.problems.last_mut().filter(|p| p.until.is_none())
        {
            p.until = Some(now);
        }
    }

    /// For a task being added: stamp difficulties that carry no date yet,
    /// and open one if it is added in Vướng mắc without one.
    pub fn stamp_problems(&mut self, now: Millis, author: &str) {
        for p in self.problems.iter_mut().filter(|p| p.since == 0) {
            p.since = now;
            p.author = author.to_string();
        }
        if self.status == Status::Blocked && self.problem().is_none() {
            self.open_problem(String::new(), now, author);
        }
    }

    fn open_problem(&mut self, text: String, now: Millis, author: &str) {
        self.problems.push(Problem {
            text,
            author: author.to_string(),
            since: now,
            until: None,
        });
    }

    /// Notes marked as results, oldest first.
    pub fn results(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.result)
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
    fn a_difficulty_is_dated_when_asked_and_kept_when_the_card_moves_on() {
        use crate::domain::board::{Board, BoardMeta, Ctx};
        use crate::domain::command::Command;
        let ctx = |now| Ctx {
            now,
            author: "lan".into(),
        };
        let mut b = Board::new(BoardMeta::default(), crate::domain::unit::plan_preset());
        b.apply(Command::AddTask(Task::new("Niêm yết", 2, "vhxh")), &ctx(1))
            .unwrap();
        let reason = "Chưa có kinh phí in tài liệu".to_string();
        let block = Command::Block { id: 1, reason };
        let undo_block = b.apply(block, &ctx(10)).unwrap().inverse;
        let t = b.task(1).unwrap();
        assert_eq!(t.status, Status::Blocked);
        let open = t.problem().unwrap();
        assert_eq!(
            (open.text.as_str(), open.since, open.author.as_str()),
            ("Chưa có kinh phí in tài liệu", 10, "lan")
        );
        // A correction keeps the date.
        let mut edit = t.clone();
        edit.set_problem("Chưa có kinh phí in tài liệu niêm yết");
        b.apply(Command::Edit(edit), &ctx(20)).unwrap();
        assert_eq!(b.task(1).unwrap().problem().unwrap().since, 10);
        // Out of Vướng mắc: the difficulty is history, with both dates.
        let out = Command::Move {
            id: 1,
            status: Status::Doing,
        };
        b.apply(out, &ctx(30)).unwrap();
        let t = b.task(1).unwrap();
        assert_eq!(t.problem(), None);
        assert_eq!(t.problems.len(), 1);
        assert_eq!((t.problems[0].since, t.problems[0].until), (10, Some(30)));
        assert_eq!(t.problems[0].text, "Chưa có kinh phí in tài liệu niêm yết");
        // Back in without a word: the question was asked, nothing said.
        let back = Command::Move {
            id: 1,
            status: Status::Blocked,
        };
        b.apply(back, &ctx(40)).unwrap();
        let t = b.task(1).unwrap();
        assert_eq!(
            (
                t.problems.len(),
                t.problem_text(),
                t.problem().unwrap().since
            ),
            (2, "", 40)
        );
        // Done closes it; a client cannot rewrite a closed one.
        let mut edit = t.clone();
        edit.problems[0].text = "sửa lịch sử".into();
        edit.status = Status::Done;
        b.apply(Command::Edit(edit), &ctx(50)).unwrap();
        let t = b.task(1).unwrap();
        assert_eq!(t.problems[0].text, "Chưa có kinh phí in tài liệu niêm yết");
        assert_eq!(t.problems[1].until, Some(50));
        assert_eq!(t.problem(), None);
        assert!(matches!(undo_block, Command::PutTask(_)));
    }

    #[test]
    fn a_difficulty_without_vuong_mac_and_the_undo_of_a_block() {
        use crate::domain::board::{Board, BoardMeta, Ctx};
        use crate::domain::command::Command;
        let ctx = |now| Ctx {
            now,
            author: "lan".into(),
        };
        let mut b = Board::new(BoardMeta::default(), crate::domain::unit::plan_preset());
        b.apply(Command::AddTask(Task::new("Niêm yết", 2, "vhxh")), &ctx(1))
            .unwrap();
        let before = b.clone();
        // A difficulty on a task in progress opens now and closes when emptied.
        let mut edit = b.task(1).unwrap().clone();
        edit.status = Status::Doing;
        edit.set_problem("Thiếu người");
        b.apply(Command::Edit(edit), &ctx(60)).unwrap();
        assert_eq!(b.task(1).unwrap().problem().unwrap().since, 60);
        let mut edit = b.task(1).unwrap().clone();
        edit.problems.pop();
        b.apply(Command::Edit(edit), &ctx(70)).unwrap();
        assert_eq!(b.task(1).unwrap().problems[0].until, Some(70));
        let mut b3 = before.clone();
        // Undo of the block gives the task back exactly as it was.
        let block = Command::Block {
            id: 1,
            reason: "x".into(),
        };
        let inv = b3.apply(block, &ctx(10)).unwrap().inverse;
        b3.apply(inv, &ctx(11)).unwrap();
        assert_eq!(b3, before);
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
