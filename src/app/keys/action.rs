//! Everything a key can do, with its name in the settings file and its
//! description in help and the key reference.

use crate::domain::Lang;
use crate::i18n::S;

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    Left,
    Right,
    Up,
    Down,
    NextLane,
    PrevLane,
    First,
    Last,
    MoveCardLeft,
    MoveCardRight,
    ToggleDone,
    Details,
    CycleGrouping,
    FoldLane,
    FoldAll,
    ToggleEmptyLanes,
    FilterArea,
    FilterUnit,
    ClearFilter,
    ViewBoard,
    ViewOverview,
    ViewMatrix,
    ViewDeadlines,
    Undo,
    Redo,
    Close,
    ScrollDown,
    ScrollUp,
    RowUp,
    RowDown,
    ColLeft,
    ColRight,
    PageUp,
    PageDown,
    Top,
    Bottom,
    OpenOnBoard,
    EnterScore,
    QuickAdd,
    EditForm,
    EditExternal,
    AddNote,
    Delete,
    ProgressUp,
    ProgressDown,
    Checklist,
    ToggleTelex,
    Search,
    CycleSort,
    Export,
    PickBoard,
    Import,
    CompareYears,
    // In overlays: pickers, prompts, questions, the checklist, the form.
    PickDown,
    PickUp,
    Choose,
    Tick,
    Submit,
    Cancel,
    NextMatch,
    PrevMatch,
    Yes,
    No,
    ItemDown,
    ItemUp,
    ToggleItem,
    AddItem,
    RemoveItem,
    MoveItemDown,
    MoveItemUp,
    NextField,
    PrevField,
    Save,
    ClearScore,
    ToggleResult,
}

impl Action {
    /// The action's name in the config file: its variant in snake_case
    /// (`MoveCardRight` → `move_card_right`), so names never drift from
    /// the enum.
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// What the action does, for help and the key reference. A mapping
    /// only: one line per action, as long as the list of actions.
    #[allow(clippy::too_many_lines)]
    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
        match self {
            Quit => S::ActQuit,
            ForceQuit => S::ActForceQuit,
            Help => S::ActHelp,
            Left => S::ActLeft,
            Right => S::ActRight,
            Up => S::ActUp,
            Down => S::ActDown,
            NextLane => S::ActNextLane,
            PrevLane => S::ActPrevLane,
            First => S::ActFirst,
            Last => S::ActLast,
            MoveCardLeft => S::ActMoveLeft,
            MoveCardRight => S::ActMoveRight,
            ToggleDone => S::ActToggleDone,
            Details => S::ActDetails,
            CycleGrouping => S::ActGrouping,
            FoldLane => S::ActFold,
            FoldAll => S::ActFoldAll,
            ToggleEmptyLanes => S::ActEmptyLanes,
            FilterArea => S::ActFilterArea,
            FilterUnit => S::ActFilterUnit,
            ClearFilter => S::ActClearFilter,
            ViewBoard => S::ActViewBoard,
            ViewOverview => S::ActViewOverview,
            ViewMatrix => S::ActViewMatrix,
            ViewDeadlines => S::ActViewDeadlines,
            Undo => S::ActUndo,
            Redo => S::ActRedo,
            Close => S::ActClose,
            ScrollDown => S::ActScrollDown,
            ScrollUp => S::ActScrollUp,
            QuickAdd => S::ActQuickAdd,
            EditForm => S::ActEditForm,
            EditExternal => S::ActEditExternal,
            AddNote => S::ActAddNote,
            Delete => S::ActDelete,
            ProgressUp => S::ActProgressUp,
            ProgressDown => S::ActProgressDown,
            Checklist => S::ActChecklist,
            ToggleTelex => S::ActTelex,
            Search => S::ActSearch,
            CycleSort => S::ActSort,
            Export => S::ActExport,
            PickBoard => S::ActPickBoard,
            Import => S::ActImport,
            CompareYears => S::ActCompare,
            RowUp => S::ActRowUp,
            RowDown => S::ActRowDown,
            ColLeft => S::ActColLeft,
            ColRight => S::ActColRight,
            PageUp => S::ActPageUp,
            PageDown => S::ActPageDown,
            Top => S::ActTop,
            Bottom => S::ActBottom,
            OpenOnBoard => S::ActOpenOnBoard,
            EnterScore => S::ActEnterScore,
            PickDown => S::ActPickDown,
            PickUp => S::ActPickUp,
            Choose => S::ActChoose,
            Tick => S::ActTick,
            Submit => S::ActSubmit,
            Cancel => S::ActCancel,
            NextMatch => S::ActNextMatch,
            PrevMatch => S::ActPrevMatch,
            Yes => S::ActYes,
            No => S::ActNo,
            ItemDown => S::ActItemDown,
            ItemUp => S::ActItemUp,
            ToggleItem => S::ActToggleItem,
            AddItem => S::ActAddItem,
            RemoveItem => S::ActRemoveItem,
            MoveItemDown => S::ActMoveItemDown,
            MoveItemUp => S::ActMoveItemUp,
            NextField => S::ActNextField,
            PrevField => S::ActPrevField,
            Save => S::ActSave,
            ClearScore => S::ActClearScore,
            ToggleResult => S::ActToggleResult,
        }
        .t(lang)
    }
}
