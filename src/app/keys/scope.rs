//! Where a key applies: the board, the summary views, the keys every view
//! shares, and each overlay (help, details, pickers, prompts, the form…).
//! A scope's name is its table in the settings file (`[keys.checklist]`).

use crate::i18n::S;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere (Ctrl+C, Telex).
    Global,
    /// The board view.
    Board,
    /// Any of the four views (board, overview, matrix, deadlines).
    Views,
    /// The summary views: overview, matrix, deadlines.
    Summary,
    /// The details panel.
    DetailsPanel,
    /// The search box (`/`).
    Search,
    /// A one-line prompt: quick-add, a note, the report's file, a checklist item.
    Prompt,
    /// A yes/no question.
    Confirm,
    /// The checklist panel.
    Checklist,
    /// The full form.
    Form,
    /// The unit picker (`F`).
    UnitPicker,
    /// The area picker (`f`, then a digit).
    AreaPicker,
    /// The plans of the database (`b`).
    BoardPicker,
    /// The PAPI score prompt of the overview.
    Score,
    /// The help overlay.
    Help,
    /// The preview of a plan to import (`I`).
    ImportPreview,
}

impl Scope {
    /// Every scope, in the order help and the key reference list them.
    pub const ALL: [Scope; 16] = [
        Scope::Board,
        Scope::Views,
        Scope::Summary,
        Scope::DetailsPanel,
        Scope::Search,
        Scope::Prompt,
        Scope::Confirm,
        Scope::Checklist,
        Scope::Form,
        Scope::UnitPicker,
        Scope::AreaPicker,
        Scope::BoardPicker,
        Scope::Score,
        Scope::Help,
        Scope::ImportPreview,
        Scope::Global,
    ];

    /// The scope's name in the config file (`[keys.board]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Board => "board",
            Scope::Views => "views",
            Scope::Summary => "summary",
            Scope::DetailsPanel => "details",
            Scope::Search => "search",
            Scope::Prompt => "prompt",
            Scope::Confirm => "confirm",
            Scope::Checklist => "checklist",
            Scope::Form => "form",
            Scope::UnitPicker => "unit_picker",
            Scope::AreaPicker => "area_picker",
            Scope::BoardPicker => "board_picker",
            Scope::Score => "score",
            Scope::Help => "help",
            Scope::ImportPreview => "import_preview",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name.trim())
    }

    /// Its heading in help and in the key reference.
    pub fn title(self) -> S {
        match self {
            Scope::Global => S::HelpGlobal,
            Scope::Board => S::HelpBoard,
            Scope::Views => S::HelpViews,
            Scope::Summary => S::HelpSummary,
            Scope::DetailsPanel => S::HelpDetails,
            Scope::Search => S::HelpSearch,
            Scope::Prompt => S::HelpPrompt,
            Scope::Confirm => S::HelpConfirm,
            Scope::Checklist => S::HelpChecklist,
            Scope::Form => S::HelpForm,
            Scope::UnitPicker => S::HelpUnitPicker,
            Scope::AreaPicker => S::HelpAreaPicker,
            Scope::BoardPicker => S::HelpBoardPicker,
            Scope::Score => S::HelpScore,
            Scope::Help => S::HelpHelp,
            Scope::ImportPreview => S::HelpImportPreview,
        }
    }

    /// The scope by itself, as the keys of an overlay are looked up.
    pub fn alone(self) -> &'static [Scope] {
        match self {
            Scope::Global => &[Scope::Global],
            Scope::Board => &[Scope::Board],
            Scope::Views => &[Scope::Views],
            Scope::Summary => &[Scope::Summary],
            Scope::DetailsPanel => &[Scope::DetailsPanel],
            Scope::Search => &[Scope::Search],
            Scope::Prompt => &[Scope::Prompt],
            Scope::Confirm => &[Scope::Confirm],
            Scope::Checklist => &[Scope::Checklist],
            Scope::Form => &[Scope::Form],
            Scope::UnitPicker => &[Scope::UnitPicker],
            Scope::AreaPicker => &[Scope::AreaPicker],
            Scope::BoardPicker => &[Scope::BoardPicker],
            Scope::Score => &[Scope::Score],
            Scope::Help => &[Scope::Help],
            Scope::ImportPreview => &[Scope::ImportPreview],
        }
    }

    /// The scopes whose keys are looked up together: one key must mean one
    /// action within each of these groups. An overlay's scope is looked up
    /// alone, with the global keys.
    pub const TOGETHER: [&'static [Scope]; 15] = [
        &[Scope::Board, Scope::Views, Scope::Global],
        &[Scope::Summary, Scope::Views, Scope::Global],
        &[Scope::DetailsPanel, Scope::Global],
        &[Scope::Search, Scope::Global],
        &[Scope::Prompt, Scope::Global],
        &[Scope::Confirm, Scope::Global],
        &[Scope::Checklist, Scope::Global],
        &[Scope::Form, Scope::Global],
        &[Scope::UnitPicker, Scope::Global],
        &[Scope::AreaPicker, Scope::Global],
        &[Scope::BoardPicker, Scope::Global],
        &[Scope::Score, Scope::Global],
        &[Scope::Help, Scope::Global],
        &[Scope::ImportPreview, Scope::Global],
        &[Scope::Global],
    ];
}
