//! The full task form (`e`): every field, Tab/Shift+Tab between them,
//! pickers that filter as you type (ignoring accents), validation next to
//! each field. `Ctrl+S` saves; `Esc` leaves the task exactly as it was,
//! asking first when something was changed. Keys from `Scope::Form`; drawn
//! by `ui/overlay/form.rs`.

use super::discard::close_or_ask;
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId, area, area_name};
use crate::domain::board::Board;
use crate::domain::deadline::{DueKind, canonical_text_in, parse_due};
use crate::domain::task::{Due, Status, Task};
use crate::domain::text::{fold, one_line};
use crate::domain::unit::UnitCode;
use crate::i18n::S;

use crate::app::status_label;
use crate::app::textfield::{Outcome, TextField};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Area,
    Sub,
    Lead,
    Support,
    Status,
    Due,
    Progress,
    Output,
    /// Minh chứng: a link or file reference.
    Evidence,
    /// Khó khăn, vướng mắc: the open difficulty's text.
    Problem,
    /// Đề xuất, kiến nghị.
    Proposal,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Title,
        Field::Description,
        Field::Area,
        Field::Sub,
        Field::Lead,
        Field::Support,
        Field::Status,
        Field::Due,
        Field::Progress,
        Field::Output,
        Field::Evidence,
        Field::Problem,
        Field::Proposal,
    ];

    pub fn label(self) -> S {
        match self {
            Field::Title => S::FTitle,
            Field::Description => S::FDescription,
            Field::Area => S::FArea,
            Field::Sub => S::FSub,
            Field::Lead => S::FLead,
            Field::Support => S::FSupport,
            Field::Status => S::FStatus,
            Field::Due => S::FDue,
            Field::Progress => S::FProgress,
            Field::Output => S::FOutput,
            Field::Evidence => S::FEvidence,
            Field::Problem => S::FProblem,
            Field::Proposal => S::FProposal,
        }
    }

    /// The label on a narrow screen: at most 11 characters.
    pub fn short_label(self) -> S {
        match self {
            Field::Title => S::FTitleShort,
            Field::Sub => S::FSubShort,
            Field::Lead => S::FLeadShort,
            Field::Support => S::FSupportShort,
            f => f.label(),
        }
    }

    pub fn is_picker(self) -> bool {
        matches!(
            self,
            Field::Area | Field::Sub | Field::Lead | Field::Support | Field::Status
        )
    }
}

/// One option of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// What a key asks of the form's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Continue,
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub original: Task,
    pub focus: Field,
    pub title: TextField,
    pub description: TextField,
    pub area: AreaId,
    pub sub: Option<String>,
    pub lead: UnitCode,
    pub support: Vec<UnitCode>,
    pub status: Status,
    pub due: TextField,
    pub progress: TextField,
    pub output: TextField,
    pub evidence: TextField,
    pub problem: TextField,
    pub proposal: TextField,
    /// What is typed into the focused picker, to filter it.
    pub query: TextField,
    pub pick: usize,
    pub year: Option<i32>,
    /// The interface language: the deadline shows in its words.
    pub lang: Lang,
}

impl Form {
    pub fn new(t: &Task, year: Option<i32>) -> Form {
        Form {
            original: t.clone(),
            focus: Field::Title,
            title: TextField::with_text(&t.title, false),
            description: TextField::with_text(&t.description, true),
            area: t.area,
            sub: t.sub.clone(),
            lead: t.lead.clone(),
            support: t.support.clone(),
            status: t.status,
            due: TextField::with_text(&t.due.label().unwrap_or_default(), false),
            progress: TextField::with_text(&t.progress.to_string(), false),
            output: TextField::with_text(&t.output, false),
            evidence: TextField::with_text(t.evidence.as_deref().unwrap_or(""), false),
            problem: TextField::with_text(t.problem_text(), false),
            proposal: TextField::with_text(&t.proposal, false),
            query: TextField::new(false),
            pick: 0,
            year,
            lang: Lang::Vi,
        }
    }

    /// The form in the interface language: in English the deadline field
    /// opens with the English wording ("Ongoing"), kept as it was unless
    /// it is changed.
    pub fn in_lang(mut self, lang: Lang) -> Form {
        self.lang = lang;
        self.due = TextField::with_text(&self.original_due(), false);
        self
    }

    /// The deadline as the field first shows it.
    fn original_due(&self) -> String {
        self.original.due.label_in(self.lang).unwrap_or_default()
    }

    /// A text field's editor; `None` for a picker.
    pub fn text(&self, field: Field) -> Option<&TextField> {
        match field {
            Field::Title => Some(&self.title),
            Field::Description => Some(&self.description),
            Field::Due => Some(&self.due),
            Field::Progress => Some(&self.progress),
            Field::Output => Some(&self.output),
            Field::Evidence => Some(&self.evidence),
            Field::Problem => Some(&self.problem),
            Field::Proposal => Some(&self.proposal),
            _ => None,
        }
    }

    /// The text field with focus, if the focus is on one.
    pub fn text_mut(&mut self) -> Option<&mut TextField> {
        Some(match self.focus {
            Field::Title => &mut self.title,
            Field::Description => &mut self.description,
            Field::Due => &mut self.due,
            Field::Progress => &mut self.progress,
            Field::Output => &mut self.output,
            Field::Evidence => &mut self.evidence,
            Field::Problem => &mut self.problem,
            Field::Proposal => &mut self.proposal,
            _ => &mut self.query,
        })
    }

    /// The value of a field as shown in the form.
    pub fn shown(&self, f: Field, board: &Board, lang: Lang) -> String {
        match f {
            Field::Title => self.title.text().to_string(),
            Field::Description => self.description.text().to_string(),
            Field::Area => format!("{}. {}", self.area, area_name(self.area, lang.is_vi())),
            Field::Sub => self.sub.clone().unwrap_or_else(|| "—".into()),
            Field::Lead => board.unit(&self.lead).map_or(self.lead.to_string(), |u| {
                format!("{} · {}", u.code, u.name)
            }),
            Field::Support => {
                if self.support.is_empty() {
                    "—".into()
                } else {
                    self.support.join(", ")
                }
            }
            Field::Status => status_label(self.status).t(lang).to_string(),
            Field::Due => self.due.text().to_string(),
            Field::Progress => self.progress.text().to_string(),
            Field::Output => self.output.text().to_string(),
            Field::Evidence => self.evidence.text().to_string(),
            Field::Problem => self.problem.text().to_string(),
            Field::Proposal => self.proposal.text().to_string(),
        }
    }

    /// Options of the focused picker, filtered by the query (accent-insensitive).
    pub fn choices(&self, board: &Board, lang: Lang) -> Vec<Choice> {
        let q = fold(self.query.text());
        let all: Vec<Choice> = match self.focus {
            Field::Area => AREAS
                .iter()
                .map(|a| Choice {
                    value: a.id.to_string(),
                    label: format!("{}. {}", a.id, if lang.is_vi() { a.vi } else { a.en }),
                    checked: a.id == self.area,
                })
                .collect(),
            Field::Sub => std::iter::once(String::new())
                .chain(
                    area(self.area)
                        .into_iter()
                        .flat_map(|a| a.subs.iter().map(|s| s.to_string())),
                )
                .map(|s| Choice {
                    checked: self.sub.as_deref().unwrap_or("") == s,
                    label: if s.is_empty() {
                        "—".into()
                    } else {
                        s.clone()
                    },
                    value: s,
                })
                .collect(),
            Field::Lead => board
                .units
                .iter()
                .filter(|u| u.active || u.code == self.lead)
                .map(|u| Choice {
                    value: u.code.to_string(),
                    label: format!("{:<6}{}", u.code, u.name),
                    checked: u.code == self.lead,
                })
                .collect(),
            Field::Support => board
                .units
                .iter()
                .filter(|u| u.code != self.lead && (u.active || self.support.contains(&u.code)))
                .map(|u| Choice {
                    value: u.code.to_string(),
                    label: format!("{:<6}{}", u.code, u.name),
                    checked: self.support.contains(&u.code),
                })
                .collect(),
            Field::Status => Status::ALL
                .iter()
                .map(|s| Choice {
                    value: s.code().into(),
                    label: status_label(*s).t(lang).into(),
                    checked: *s == self.status,
                })
                .collect(),
            _ => Vec::new(),
        };
        all.into_iter()
            .filter(|c| q.is_empty() || fold(&c.label).contains(&q) || c.value.starts_with(&q))
            .collect()
    }

    fn choose(&mut self, c: &Choice) {
        match self.focus {
            Field::Area => {
                if let Some(a) = AreaId::parse(&c.value) {
                    if a != self.area {
                        self.sub = None;
                    }
                    self.area = a;
                }
            }
            Field::Sub => self.sub = (!c.value.is_empty()).then(|| c.value.clone()),
            Field::Lead => {
                self.lead = UnitCode::from(c.value.as_str());
                self.support.retain(|s| *s != self.lead);
            }
            Field::Support => {
                if let Some(p) = self.support.iter().position(|s| *s == c.value) {
                    self.support.remove(p);
                } else {
                    self.support.push(UnitCode::from(c.value.as_str()));
                }
            }
            Field::Status => self.status = Status::parse(&c.value).unwrap_or(self.status),
            _ => {}
        }
    }

    /// Problems with the fields as they stand, each next to its field.
    pub fn errors(&self, board: &Board, lang: Lang) -> Vec<(Field, String)> {
        let mut out = Vec::new();
        if one_line(self.title.text()).is_empty() {
            out.push((Field::Title, S::ErrTitleEmpty.t(lang).to_string()));
        }
        if let Err(e) = self.parsed_due() {
            out.push((Field::Due, e.message(lang)));
        }
        if self.parsed_progress().is_none() {
            out.push((Field::Progress, S::ErrProgress.t(lang).to_string()));
        }
        if board.unit(&self.lead).is_none() {
            out.push((
                Field::Lead,
                format!("{} “{}”", S::UnknownUnit.t(lang), self.lead),
            ));
        }
        out
    }

    /// What the deadline field reads as, while it is typed: the period in
    /// the interface's words and its last day ("Quý III/2025 · 30/09/2025").
    /// `None` while it is empty, unchanged or not a deadline (the error says why).
    pub fn due_preview(&self, lang: Lang) -> Option<String> {
        let text = one_line(self.due.text());
        if text.is_empty() || self.original_due() == text {
            return None;
        }
        let p = parse_due(&text, self.year).ok()?;
        let words = canonical_text_in(&p, lang);
        Some(match p.date {
            Some(d) if p.kind != DueKind::Date => format!("{words} · {}", d.format("%d/%m/%Y")),
            _ => words,
        })
    }

    fn parsed_due(&self) -> Result<Due, crate::domain::deadline::DueError> {
        let text = one_line(self.due.text());
        if text.is_empty() {
            return Ok(Due::none());
        }
        if self.original_due() == text {
            return Ok(self.original.due.clone());
        }
        parse_due(&text, self.year).map(|p| Due::from_parsed(p, Some(text)))
    }

    fn parsed_progress(&self) -> Option<u8> {
        self.progress
            .text()
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= 100)
    }

    /// The task as the form says, or the first problem.
    pub fn build(&self, board: &Board, lang: Lang) -> Result<Task, (Field, String)> {
        if let Some(e) = self.errors(board, lang).into_iter().next() {
            return Err(e);
        }
        let mut t = self.original.clone();
        t.title = one_line(self.title.text());
        t.description = self.description.text().trim_end().to_string();
        t.area = self.area;
        t.sub = self.sub.clone();
        t.lead = self.lead.clone();
        t.support = self.support.clone();
        t.status = self.status;
        t.due = self
            .parsed_due()
            .map_err(|e| (Field::Due, e.message(lang)))?;
        t.progress = self.parsed_progress().unwrap_or(t.progress);
        t.output = one_line(self.output.text());
        let evidence = one_line(self.evidence.text());
        t.evidence = (!evidence.is_empty()).then_some(evidence);
        t.say_problem(&one_line(self.problem.text()));
        t.proposal = one_line(self.proposal.text());
        Ok(t)
    }

    fn move_focus(&mut self, forward: bool) {
        let i = Field::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0);
        let n = Field::ALL.len();
        self.focus = Field::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.query.clear();
        self.pick = 0;
    }

    /// Whether any field differs from the task as it was opened.
    pub fn changed(&self) -> bool {
        let start = Form::new(&self.original, self.year).in_lang(self.lang);
        let texts = |f: &Form| {
            [
                &f.title,
                &f.description,
                &f.due,
                &f.progress,
                &f.output,
                &f.evidence,
                &f.problem,
                &f.proposal,
            ]
            .map(|t| t.text().to_string())
        };
        texts(self) != texts(&start)
            || (self.area, &self.sub, &self.lead, &self.support, self.status)
                != (
                    start.area,
                    &start.sub,
                    &start.lead,
                    &start.support,
                    start.status,
                )
    }

    /// A key: the form's own keys (fields, pickers), or what it asks for.
    pub fn edit(&mut self, input: Input<'_>, telex: bool, board: &Board, lang: Lang) -> Edit {
        match input.action {
            Some(Action::Cancel) => return Edit::Cancel,
            Some(Action::Save) => return Edit::Save,
            Some(Action::NextField) => self.move_focus(true),
            Some(Action::PrevField) => self.move_focus(false),
            _ if self.focus.is_picker() => self.picker_key(input, telex, board, lang),
            action => {
                let field = self.text_mut().expect("a text field has the focus");
                let typed = field.key(input.event, telex);
                if typed == Outcome::NotMine && action == Some(Action::Choose) {
                    self.move_focus(true);
                }
            }
        }
        Edit::Continue
    }

    /// A key while a picker has the focus: its keys first, then the query.
    fn picker_key(&mut self, input: Input<'_>, telex: bool, board: &Board, lang: Lang) {
        let choices = self.choices(board, lang);
        match input.action {
            Some(Action::PickDown) => {
                self.pick = (self.pick + 1).min(choices.len().saturating_sub(1))
            }
            Some(Action::PickUp) => self.pick = self.pick.saturating_sub(1),
            Some(a @ (Action::Choose | Action::Tick)) => {
                if let Some(c) = choices.get(self.pick) {
                    self.choose(c);
                }
                if a == Action::Choose && self.focus != Field::Support {
                    self.move_focus(true);
                }
            }
            _ => {
                if self.query.key(input.event, telex) == Outcome::Changed {
                    self.pick = 0;
                }
            }
        }
    }

    /// Ctrl+S: the task saved if it changed, or the first problem shown.
    fn save(&mut self, cx: &mut Cx<'_>) -> Next {
        let lang = cx.app.lang;
        match self.build(cx.repo.board(), lang) {
            Ok(task) if task == self.original => {
                cx.app.info(cx.app.t(S::MsgNoChange));
                Next::Close
            }
            Ok(task) => {
                cx.app
                    .apply(crate::domain::command::Command::Edit(task), cx.repo);
                Next::Close
            }
            Err((field, msg)) => {
                self.focus = field;
                cx.app.error(format!("{}: {msg}", field.label().t(lang)));
                Next::Stay
            }
        }
    }
}

impl Layer for Form {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.edit(input, cx.app.telex, cx.repo.board(), cx.app.lang) {
            Edit::Continue => Next::Stay,
            Edit::Cancel => close_or_ask(self.changed()),
            Edit::Save => self.save(cx),
        }
    }

    fn paste(&mut self, text: &str, _cx: &mut Cx<'_>) -> Next {
        if let Some(f) = self.text_mut() {
            f.paste(text);
        }
        Next::Stay
    }

    fn unsaved(&self) -> bool {
        self.changed()
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Save], S::HintSave),
            (&[Action::Cancel], S::HintClose),
        ]
    }
}

impl Form {
    /// The keys that work in the focused field, saving first so it is never
    /// cut: Enter moves on from a one-line field, adds a line in the
    /// description and picks in a picker (Space ticks several supporters).
    pub fn field_hints(&self) -> &'static [Hint] {
        const SAVE: Hint = (&[Action::Save], S::HintSave);
        const PREV: Hint = (&[Action::PrevField], S::HintPrevField);
        const CANCEL: Hint = (&[Action::Cancel], S::HintDiscard);
        match self.focus {
            Field::Description => &[
                SAVE,
                (&[Action::NextField], S::HintNextField),
                PREV,
                (&[Action::Choose], S::HintNewLine),
                CANCEL,
            ],
            Field::Support => &[
                SAVE,
                (&[Action::Tick, Action::Choose], S::HintTick),
                (&[Action::NextField], S::HintNextField),
                (&[], S::HintFilterType),
                CANCEL,
            ],
            f if f.is_picker() => &[
                SAVE,
                (&[Action::Choose], S::HintPickNext),
                (&[], S::HintFilterType),
                PREV,
                CANCEL,
            ],
            _ => &[
                SAVE,
                (&[Action::Choose, Action::NextField], S::HintNextField),
                PREV,
                CANCEL,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::plan_preset;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(f: &mut Form, b: &Board, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::empty());
        let keys = crate::app::keys::Keymap::default();
        let action = keys.action(
            Scope::Form.alone(),
            crate::app::keys::Key::from_event(&event),
        );
        let input = Input {
            action,
            event: &event,
        };
        f.edit(input, false, b, Lang::Vi);
    }

    #[test]
    fn pickers_filter_ignoring_accents_and_fields_validate() {
        let b = Board::new(Default::default(), plan_preset());
        let mut t = Task::new("Họp dân", 1, "vp");
        t.id = 1;
        let mut f = Form::new(&t, Some(2025));
        for _ in 0..4 {
            press(&mut f, &b, KeyCode::Tab);
        }
        assert_eq!(f.focus, Field::Lead);
        for c in "dia".chars() {
            press(&mut f, &b, KeyCode::Char(c));
        }
        let choices = f.choices(&b, Lang::Vi);
        assert_eq!(choices.len(), 1, "“dia” finds Địa chính only");
        press(&mut f, &b, KeyCode::Enter);
        assert_eq!(f.lead, "dc");
        assert_eq!(f.focus, Field::Support);
        for c in "tu phap".chars() {
            press(&mut f, &b, KeyCode::Char(c));
        }
        press(&mut f, &b, KeyCode::Char(' '));
        assert_eq!(f.support, vec!["tp"]);
        // Deadline: a bad one is reported next to its field.
        f.focus = Field::Due;
        f.due = TextField::with_text("31/2/2025", false);
        let errs = f.errors(&b, Lang::Vi);
        assert!(
            errs.iter()
                .any(|(fl, m)| *fl == Field::Due && m.contains("31/2/2025")),
            "{errs:?}"
        );
        f.due = TextField::with_text("Quý II/2025", false);
        f.progress = TextField::with_text("140", false);
        assert!(
            f.errors(&b, Lang::Vi)
                .iter()
                .any(|(fl, _)| *fl == Field::Progress)
        );
        f.progress = TextField::with_text("40", false);
        let built = f.build(&b, Lang::Vi).unwrap();
        assert_eq!((built.lead.as_str(), built.progress), ("dc", 40));
        assert_eq!(built.due.date, chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(built.due.text.as_deref(), Some("Quý II/2025"));
    }

    #[test]
    fn in_english_the_deadline_opens_in_english_and_stays_as_it_was() {
        let b = Board::new(Default::default(), plan_preset());
        let mut t = Task::new("Họp dân", 1, "vp");
        t.id = 1;
        t.due = Due::from_parsed(parse_due("tx", None).unwrap(), Some("Thường xuyên".into()));
        let f = Form::new(&t, Some(2025)).in_lang(Lang::En);
        assert_eq!(f.due.text(), "Ongoing");
        assert!(!f.changed());
        assert_eq!(f.build(&b, Lang::En).unwrap().due, t.due);
    }

    #[test]
    fn the_deadline_is_previewed_while_typed() {
        let mut t = Task::new("Họp dân", 1, "vp");
        t.id = 1;
        let mut f = Form::new(&t, Some(2025));
        assert_eq!(f.due_preview(Lang::Vi), None);
        f.due = TextField::with_text("q3", false);
        assert_eq!(
            f.due_preview(Lang::Vi).as_deref(),
            Some("Quý III/2025 · 30/09/2025")
        );
        assert_eq!(
            f.due_preview(Lang::En).as_deref(),
            Some("Q3 2025 · 30/09/2025")
        );
        f.due = TextField::with_text("30/9/25", false);
        assert_eq!(f.due_preview(Lang::En).as_deref(), Some("30/09/2025"));
        f.due = TextField::with_text("31/2/25", false);
        assert_eq!(f.due_preview(Lang::Vi), None);
        let b = Board::new(Default::default(), plan_preset());
        let errs = f.errors(&b, Lang::En);
        assert!(
            errs.contains(&(Field::Due, "invalid date: 31/2/25".into())),
            "{errs:?}"
        );
    }
}
