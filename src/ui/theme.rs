//! Colours and symbols. The default uses only the 16 base colours (PuTTY's
//! default palette) and reads on dark and light backgrounds: foreground
//! colours only, selection by reverse video. Truecolor terminals get softer
//! tones; `NO_COLOR` shows state by symbols and bold instead.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    None,
    Basic,
    True,
}

/// What something on screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Header,
    Lane,
    Card,
    Selected,
    Muted,
    Overdue,
    DueSoon,
    Done,
    Error,
    Info,
    Highlight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: ColorMode,
    pub ascii: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: ColorMode::Basic,
            ascii: false,
        }
    }
}

impl Theme {
    /// From the environment: `NO_COLOR` (any value) turns colour off,
    /// `COLORTERM=truecolor|24bit` turns it up.
    pub fn from_env(no_color: Option<&str>, colorterm: Option<&str>, ascii: bool) -> Theme {
        let color = if no_color.is_some_and(|v| !v.is_empty()) {
            ColorMode::None
        } else if colorterm.is_some_and(|v| v == "truecolor" || v == "24bit") {
            ColorMode::True
        } else {
            ColorMode::Basic
        };
        Theme { color, ascii }
    }

    pub fn style(&self, role: Role) -> Style {
        let s = Style::default();
        let bold = Modifier::BOLD;
        match (self.color, role) {
            (_, Role::Selected) => s.add_modifier(Modifier::REVERSED | bold),
            (
                ColorMode::None,
                Role::Title | Role::Header | Role::Lane | Role::Overdue | Role::Error,
            ) => s.add_modifier(bold),
            (ColorMode::None, Role::Muted | Role::Done) => s.add_modifier(Modifier::DIM),
            (ColorMode::None, Role::Highlight) => s.add_modifier(Modifier::UNDERLINED | bold),
            (ColorMode::None, _) => s,
            (ColorMode::Basic, Role::Title) => s.fg(Color::Cyan).add_modifier(bold),
            (ColorMode::True, Role::Title) => s.fg(Color::Rgb(64, 160, 200)).add_modifier(bold),
            (_, Role::Header) => s.add_modifier(bold),
            (ColorMode::Basic, Role::Lane) => s.fg(Color::Cyan).add_modifier(bold),
            (ColorMode::True, Role::Lane) => s.fg(Color::Rgb(70, 150, 190)).add_modifier(bold),
            (_, Role::Card) => s,
            (_, Role::Muted) => s.add_modifier(Modifier::DIM),
            (ColorMode::Basic, Role::Overdue | Role::Error) => s.fg(Color::Red).add_modifier(bold),
            (ColorMode::True, Role::Overdue | Role::Error) => {
                s.fg(Color::Rgb(220, 70, 60)).add_modifier(bold)
            }
            (ColorMode::Basic, Role::DueSoon) => s.fg(Color::Yellow),
            (ColorMode::True, Role::DueSoon) => s.fg(Color::Rgb(200, 150, 30)),
            (ColorMode::Basic, Role::Done | Role::Info) => s.fg(Color::Green),
            (ColorMode::True, Role::Done | Role::Info) => s.fg(Color::Rgb(80, 170, 90)),
            (ColorMode::Basic, Role::Highlight) => s.fg(Color::Yellow).add_modifier(bold),
            (ColorMode::True, Role::Highlight) => s.fg(Color::Rgb(230, 180, 40)).add_modifier(bold),
        }
    }

    /// Column separator.
    pub fn vbar(&self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }
    pub fn hbar(&self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }
    pub fn fold_mark(&self, folded: bool) -> &'static str {
        match (self.ascii, folded) {
            (false, false) => "▾",
            (false, true) => "▸",
            (true, false) => "v",
            (true, true) => ">",
        }
    }
    /// The mark of an ongoing ("Thường xuyên") task.
    pub fn ongoing_mark(&self) -> &'static str {
        if self.ascii { "TX" } else { "⟳" }
    }
    /// Shown before an overdue deadline when colour cannot say it.
    pub fn overdue_mark(&self) -> &'static str {
        if self.color == ColorMode::None {
            "!"
        } else {
            ""
        }
    }
    pub fn soon_mark(&self) -> &'static str {
        if self.color == ColorMode::None {
            "~"
        } else {
            ""
        }
    }
    pub fn border_set(&self) -> ratatui::symbols::border::Set<'static> {
        if self.ascii {
            ratatui::symbols::border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            ratatui::symbols::border::PLAIN
        }
    }
}
