//! Colours and symbols. The default uses only the 16 base colours (PuTTY's
//! default palette) and reads on dark and light backgrounds: foreground
//! colours only, selection by reverse video. Truecolor terminals get softer
//! tones; `NO_COLOR` shows state by symbols and bold instead.

use ratatui::style::{Color, Modifier, Style};

/// How colour is used: the palette of the theme in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// No colour (`NO_COLOR`, or the "no-colour" theme): symbols and bold.
    None,
    /// The default: 16 base colours, foreground only.
    Basic,
    /// The default on a truecolor terminal: softer tones.
    True,
    /// The "high-contrast" theme: bright base colours and bold, no dimming.
    HighContrast,
    /// The "light" theme: readable on white (no yellow or cyan text).
    Light,
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
        match self.color {
            ColorMode::HighContrast => return high_contrast(role),
            ColorMode::Light => return light(role),
            _ => {}
        }
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
            (ColorMode::HighContrast | ColorMode::Light, _) => high_contrast(role),
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
    /// The mark of a card someone else changed since you looked.
    pub fn changed_mark(&self) -> &'static str {
        if self.ascii { "*" } else { "●" }
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

/// Bright base colours and bold; nothing dimmed (dim text is what low
/// vision loses first).
fn high_contrast(role: Role) -> Style {
    let s = Style::default();
    let bold = Modifier::BOLD;
    match role {
        Role::Selected => s.add_modifier(Modifier::REVERSED | bold),
        Role::Title | Role::Lane => s.fg(Color::LightCyan).add_modifier(bold),
        Role::Header => s.fg(Color::White).add_modifier(bold),
        Role::Card | Role::Muted => s,
        Role::Overdue | Role::Error => s.fg(Color::LightRed).add_modifier(bold),
        Role::DueSoon => s.fg(Color::LightYellow).add_modifier(bold),
        Role::Done | Role::Info => s.fg(Color::LightGreen).add_modifier(bold),
        Role::Highlight => s
            .fg(Color::LightYellow)
            .add_modifier(bold | Modifier::UNDERLINED),
    }
}

/// For a white background: blue, magenta and dark red; no yellow or cyan
/// text, which fades on white.
fn light(role: Role) -> Style {
    let s = Style::default();
    let bold = Modifier::BOLD;
    match role {
        Role::Selected => s.add_modifier(Modifier::REVERSED | bold),
        Role::Title | Role::Lane => s.fg(Color::Blue).add_modifier(bold),
        Role::Header => s.add_modifier(bold),
        Role::Card => s,
        Role::Muted => s.fg(Color::DarkGray),
        Role::Overdue | Role::Error => s.fg(Color::Red).add_modifier(bold),
        Role::DueSoon => s.fg(Color::Magenta),
        Role::Done => s.fg(Color::Green),
        Role::Info => s.fg(Color::Blue),
        Role::Highlight => s
            .fg(Color::Magenta)
            .add_modifier(bold | Modifier::UNDERLINED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Role; 12] = [
        Role::Title,
        Role::Header,
        Role::Lane,
        Role::Card,
        Role::Selected,
        Role::Muted,
        Role::Overdue,
        Role::DueSoon,
        Role::Done,
        Role::Error,
        Role::Info,
        Role::Highlight,
    ];

    #[test]
    fn the_light_theme_writes_no_yellow_or_cyan_text() {
        let t = Theme {
            color: ColorMode::Light,
            ascii: false,
        };
        for r in ROLES {
            let fg = t.style(r).fg;
            assert!(
                !matches!(
                    fg,
                    Some(
                        Color::Yellow
                            | Color::LightYellow
                            | Color::Cyan
                            | Color::LightCyan
                            | Color::White
                    )
                ),
                "{r:?}: {fg:?}"
            );
        }
    }

    #[test]
    fn high_contrast_dims_nothing() {
        let t = Theme {
            color: ColorMode::HighContrast,
            ascii: false,
        };
        for r in ROLES {
            assert!(!t.style(r).add_modifier.contains(Modifier::DIM), "{r:?}");
        }
    }
}
