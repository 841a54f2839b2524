//! Overlays: what opens over a view and has the keys while it is open —
//! help, details, the pickers, the search box, the prompts, the questions,
//! the checklist, the form, the score prompt. They stack: the top one gets
//! every key and paste; a question opened over a form gives the form back
//! when it is answered "no".
//!
//! Each overlay is a small state type in its own file here, implementing
//! [`Layer`]: its scope in the key table, and one way to take a key (with
//! the action the table gives it) or a paste and say what happens next
//! ([`Next`]). Its drawing is in the file of the same name under
//! `ui/overlay/`. Adding one: docs/architecture.md, "Adding an overlay".

pub mod blocked;
pub mod checklist;
pub mod confirm;
pub mod delete;
pub mod details;
pub mod discard;
pub mod export;
pub mod export_period;
pub mod form;
pub mod help;
pub mod import;
pub mod line;
pub mod note;
pub mod pick_area;
pub mod pick_board;
pub mod pick_unit;
pub mod quick_add;
pub mod score;
pub mod search;
pub mod task_keys;

use crossterm::event::KeyEvent;

use super::keys::{Action, Scope};
use super::{App, Effect, Repo};
use crate::i18n::S;

/// What an overlay is handed with a key or a paste: the app (without the
/// overlay, which is taken out while it handles the event) and the repo.
pub struct Cx<'a> {
    pub app: &'a mut App,
    pub repo: &'a mut dyn Repo,
    /// What the driver does after this event (write a file, open another
    /// plan, quit…); nothing unless the overlay says.
    pub effect: Effect,
}

/// A key as an overlay receives it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'k> {
    /// What the key table says this key does in the overlay's scope.
    pub action: Option<Action>,
    /// The key itself, for text fields.
    pub event: &'k KeyEvent,
}

/// What happens after an overlay took a key or a paste.
#[derive(Debug)]
pub enum Next {
    /// It stays open.
    Stay,
    /// It closes; the overlay below it (if any) has the keys again.
    Close,
    /// It closes, and so does the overlay it was opened over (a question
    /// answered "discard": the form it was asked over goes too).
    CloseBoth,
    /// Another overlay takes its place.
    Replace(Overlay),
    /// Another overlay opens over it; it comes back when that one closes.
    Push(Overlay),
}

/// What every overlay does.
pub trait Layer {
    /// Where its keys are in the key table.
    fn scope(&self) -> Scope;

    /// A key. An overlay with a text field gives the key to the field
    /// first, and acts on `input.action` only for keys the field leaves.
    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next;

    /// A bracketed paste: into the text field, if there is one.
    fn paste(&mut self, text: &str, cx: &mut Cx<'_>) -> Next {
        let _ = (text, cx);
        Next::Stay
    }

    /// Typed text that closing now would lose: Esc and Ctrl+C ask first.
    fn unsaved(&self) -> bool {
        false
    }

    /// Whether typed letters go to a text field (the status bar then shows
    /// how to leave it).
    fn takes_text(&self) -> bool {
        false
    }

    /// The status bar's hints: each a few actions of its scope and a word.
    fn hints(&self) -> &'static [Hint] {
        &[]
    }

    /// A question shown on the status bar in place of the hints (and of
    /// any message): what the overlay waits for.
    fn status(&self) -> Option<S> {
        None
    }
}

/// A large overlay is kept boxed (the form): the box is the overlay.
impl<T: Layer> Layer for Box<T> {
    fn scope(&self) -> Scope {
        (**self).scope()
    }
    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        (**self).key(input, cx)
    }
    fn paste(&mut self, text: &str, cx: &mut Cx<'_>) -> Next {
        (**self).paste(text, cx)
    }
    fn unsaved(&self) -> bool {
        (**self).unsaved()
    }
    fn takes_text(&self) -> bool {
        (**self).takes_text()
    }
    fn hints(&self) -> &'static [Hint] {
        (**self).hints()
    }
    fn status(&self) -> Option<S> {
        (**self).status()
    }
}

/// One hint: the keys of these actions (joined by "/"), then a word. With
/// no action, the word alone ("type to filter").
pub type Hint = (&'static [Action], S);

/// The overlays, one variant each. The list holds each variant's type and
/// gives the dispatch to its `Layer`.
macro_rules! overlays {
    ($($(#[$doc:meta])* $variant:ident($ty:ty),)*) => {
        #[derive(Debug, Clone, PartialEq)]
        pub enum Overlay {
            $($(#[$doc])* $variant($ty),)*
        }

        impl Overlay {
            /// The overlay as the `Layer` it is (a dispatch only).
            pub fn layer(&self) -> &dyn Layer {
                match self {
                    $(Overlay::$variant(o) => o,)*
                }
            }

            pub fn layer_mut(&mut self) -> &mut dyn Layer {
                match self {
                    $(Overlay::$variant(o) => o,)*
                }
            }
        }
    };
}

overlays! {
    /// `?`: every key of the table.
    Help(help::Help),
    /// Enter on a card: the task in full, with its history.
    Details(details::Details),
    /// `f`: a digit filters the board to an area.
    PickArea(pick_area::PickArea),
    /// `F`: the units, filtered as you type.
    PickUnit(pick_unit::PickUnit),
    /// `b`: the plans of the database, and next year's.
    PickBoard(pick_board::PickBoard),
    /// `/`: typing the board's search.
    Search(search::SearchBox),
    /// `a`: one line per task, open for the next after Enter.
    QuickAdd(quick_add::QuickAdd),
    /// `n`: a progress note.
    Note(note::Note),
    /// A card moved to Vướng mắc: what blocks it.
    Blocked(blocked::Blocked),
    /// `X`: where to write the report.
    Export(export::Export),
    /// Then: which period it covers.
    ExportPeriod(export_period::ExportPeriod),
    /// The file is there already: "write over it?".
    ExportOverwrite(export_period::ExportOverwrite),
    /// `d`: "delete this task?".
    Delete(delete::Delete),
    /// Esc or Ctrl+C over typed text: "discard what you typed?".
    Discard(discard::Discard),
    /// `c`: the task's checklist.
    Checklist(checklist::Checklist),
    /// `a` in the checklist: the new item's line.
    ChecklistAdd(checklist::ChecklistAdd),
    /// `e`: every field of the task.
    Form(Box<form::Form>),
    /// `s` in the overview: a dimension's PAPI score.
    Score(score::Score),
    /// `I`: the path of a plan to import.
    ImportFile(import::ImportFile),
    /// The file read: what importing it would do (Enter imports).
    ImportPreview(Box<import::ImportPreview>),
}

impl Overlay {
    pub fn scope(&self) -> Scope {
        self.layer().scope()
    }

    pub fn unsaved(&self) -> bool {
        self.layer().unsaved()
    }

    pub fn takes_text(&self) -> bool {
        self.layer().takes_text()
    }

    pub fn hints(&self) -> &'static [Hint] {
        self.layer().hints()
    }

    pub fn status(&self) -> Option<S> {
        self.layer().status()
    }
}

impl App {
    /// The overlays open, bottom first.
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    /// The overlay that has the keys, if one is open.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// Open an overlay over whatever is shown.
    pub fn open(&mut self, o: Overlay) {
        self.overlays.push(o);
    }

    /// A key for the top overlay. Ctrl+C quits at once unless it would lose
    /// typed text (then it asks); the Telex key toggles Telex; every other
    /// key goes to the overlay with what the table says it does there.
    pub(super) fn overlay_key(
        &mut self,
        top: Overlay,
        k: &KeyEvent,
        repo: &mut dyn Repo,
    ) -> Effect {
        let action = self
            .keys
            .action(top.scope().alone(), super::keys::Key::from_event(k));
        let input = Input { action, event: k };
        match action {
            Some(Action::ForceQuit) if top.unsaved() => {
                let next = Next::Push(Overlay::Discard(discard::Discard::quitting()));
                self.settle(top, next);
                Effect::None
            }
            Some(Action::ForceQuit) => Effect::Quit,
            Some(Action::ToggleTelex) => {
                self.telex = !self.telex;
                self.settle(top, Next::Stay);
                Effect::None
            }
            _ => self.run_overlay(top, |o, cx| o.layer_mut().key(input, cx), repo),
        }
    }

    /// A paste for the top overlay.
    pub(super) fn overlay_paste(
        &mut self,
        top: Overlay,
        text: &str,
        repo: &mut dyn Repo,
    ) -> Effect {
        self.run_overlay(top, |o, cx| o.layer_mut().paste(text, cx), repo)
    }

    /// Hand the overlay (taken off the stack) the app and the repo, then
    /// put the stack in the order it asks for.
    fn run_overlay(
        &mut self,
        mut top: Overlay,
        f: impl FnOnce(&mut Overlay, &mut Cx<'_>) -> Next,
        repo: &mut dyn Repo,
    ) -> Effect {
        let mut cx = Cx {
            app: self,
            repo,
            effect: Effect::None,
        };
        let next = f(&mut top, &mut cx);
        let effect = cx.effect;
        self.settle(top, next);
        effect
    }

    fn settle(&mut self, top: Overlay, next: Next) {
        match next {
            Next::Stay => self.overlays.push(top),
            Next::Close => {}
            Next::CloseBoth => {
                self.overlays.pop();
            }
            Next::Replace(o) => self.overlays.push(o),
            Next::Push(o) => {
                self.overlays.push(top);
                self.overlays.push(o);
            }
        }
    }
}
