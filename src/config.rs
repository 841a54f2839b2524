//! The user's settings file (`~/.config/papi-board/config.toml` on Linux):
//! language, theme, ASCII borders, mouse, the board's starting grouping and
//! view, the "due soon" window, the units of a new board, and key remapping.
//!
//! Reading it never fails: a file that cannot be read or parsed gives a
//! message with its line and every default; a bad value gives a message
//! with its line and that setting's default. Command-line flags override
//! the file; `NO_COLOR` overrides the theme.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::keys::{Action, Key, Keymap, Scope};
use crate::app::layout::Grouping;
use crate::app::remap::{self, Conflict, Remap};
use crate::app::{App, View};
use crate::domain::Lang;
use crate::domain::report::SoonWindow;
use crate::domain::unit::{Unit, commune_2025_preset, plan_preset};
use crate::i18n::S;
use crate::ui::theme::{ColorMode, Theme};

/// The theme named in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Light,
    NoColour,
}

/// The units a new board starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitPreset {
    /// The units the sample plan names.
    #[default]
    Plan,
    /// The commune's organisation since 1 July 2025.
    Commune2025,
}

impl UnitPreset {
    pub fn units(self) -> Vec<Unit> {
        match self {
            UnitPreset::Plan => plan_preset(),
            UnitPreset::Commune2025 => commune_2025_preset(),
        }
    }
}

/// Every setting, with its default when the file does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub theme: ThemeName,
    pub ascii: bool,
    pub mouse: bool,
    pub grouping: Grouping,
    pub view: View,
    pub due_soon: SoonWindow,
    pub units: UnitPreset,
    pub remaps: Vec<Remap>,
    /// The name changes made here are recorded under (else the OS user).
    pub name: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: None,
            theme: ThemeName::Default,
            ascii: false,
            mouse: false,
            grouping: Grouping::Area,
            view: View::Board,
            due_soon: SoonWindow::DEFAULT,
            units: UnitPreset::Plan,
            remaps: Vec::new(),
            name: None,
        }
    }
}

/// What is wrong with one line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    Unreadable(String),
    Syntax(String),
    UnknownSetting(String),
    BadValue {
        setting: String,
        expected: &'static str,
    },
    UnknownAction(String),
    UnknownScope(String),
    BadKey(String),
    NotInScope {
        action: Action,
        scope: Scope,
    },
    NoKeys(Action),
    Conflict(Conflict),
}

/// One problem with the file, at a line (0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub issue: Issue,
}

impl Problem {
    /// The message, in the user's language, without the file name.
    pub fn message(&self, lang: Lang) -> String {
        let t = |s: S| s.t(lang);
        match &self.issue {
            Issue::Unreadable(e) => {
                format!("{}: {e}; {}", t(S::CfgUnreadable), t(S::CfgAllDefaults))
            }
            Issue::Syntax(e) => format!(
                "{}: {}; {}",
                t(S::CfgSyntax),
                e.trim(),
                t(S::CfgAllDefaults)
            ),
            Issue::UnknownSetting(k) => format!("{k}: {}", t(S::CfgUnknownSetting)),
            Issue::BadValue { setting, expected } => format!(
                "{setting}: {} ({} {expected})",
                t(S::CfgBadValue),
                t(S::CfgExpected)
            ),
            Issue::UnknownAction(a) => format!("{a}: {}", t(S::CfgUnknownAction)),
            Issue::UnknownScope(s) => format!("[keys.{s}]: {}", t(S::CfgUnknownScope)),
            Issue::BadKey(k) => format!("\"{k}\": {}", t(S::CfgBadKey)),
            Issue::NotInScope { action, scope } => format!(
                "{}: {} {}",
                action.name(),
                t(S::CfgNotInScope),
                scope.name()
            ),
            Issue::NoKeys(a) => format!("{}: {}", a.name(), t(S::CfgNoKeys)),
            Issue::Conflict(c) => t(S::CfgConflict)
                .replace("{key}", &c.key.label())
                .replace("{other}", c.other.describe(lang))
                .replace("{scope}", c.scope.name())
                .replace("{action}", &c.action.name()),
        }
    }
}

/// The file as read: the settings, the key table they give, and what was
/// wrong with it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// Whether there was a file (no file: every default, no problem).
    pub found: bool,
    pub config: Config,
    pub keymap: Keymap,
    pub problems: Vec<Problem>,
}

/// Where the file is read from when neither `--config` nor
/// `PAPI_BOARD_CONFIG` says: the platform's config directory.
pub fn default_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "papi-board")
        .map(|d| d.config_dir().join("config.toml"))
        .unwrap_or_else(|| PathBuf::from("papi-board.toml"))
}

/// Read the file at `path`; a missing file is no problem.
pub fn load(path: &Path) -> Loaded {
    load_from(path, std::fs::read(path))
}

/// The file at `path` as read by someone else (a client of the program
/// that holds the database reads its own settings file).
pub fn load_from(path: &Path, read: std::io::Result<Vec<u8>>) -> Loaded {
    let (found, config, mut problems) = match read {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (false, Config::default(), Vec::new())
        }
        Err(e) => (
            true,
            Config::default(),
            vec![Problem {
                line: 0,
                issue: Issue::Unreadable(e.to_string()),
            }],
        ),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let (c, p) = parse(&text);
                (true, c, p)
            }
            Err(e) => {
                let line = line_of(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                );
                (
                    true,
                    Config::default(),
                    vec![Problem {
                        line,
                        issue: Issue::Unreadable("UTF-8?".into()),
                    }],
                )
            }
        },
    };
    let (keymap, conflicts) = remap::apply(&config.remaps);
    problems.extend(conflicts.into_iter().map(|c| Problem {
        line: c.line,
        issue: Issue::Conflict(c),
    }));
    problems.sort_by_key(|p| p.line);
    Loaded {
        path: path.to_path_buf(),
        found,
        config,
        keymap,
        problems,
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Parse the file's text. Conflicts between remaps are found by `load`.
pub fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    let root = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            problems.push(Problem {
                line,
                issue: Issue::Syntax(e.message().to_string()),
            });
            return (config, problems);
        }
    };
    let at = |span: std::ops::Range<usize>| line_of(text, span.start);
    for (k, v) in root.iter() {
        let line = at(k.span());
        let name = k.get_ref().as_ref();
        let outcome = match (name, v.get_ref()) {
            ("keys", DeValue::Table(t)) => {
                keys_table(t, None, &at, &mut config.remaps, &mut problems);
                Ok(())
            }
            ("keys", _) => Err("[keys]"),
            (name, value) => match setting(&mut config, name, value) {
                Some(outcome) => outcome,
                None => {
                    problems.push(Problem {
                        line,
                        issue: Issue::UnknownSetting(name.to_string()),
                    });
                    Ok(())
                }
            },
        };
        if let Err(expected) = outcome {
            problems.push(Problem {
                line,
                issue: Issue::BadValue {
                    setting: name.to_string(),
                    expected,
                },
            });
        }
    }
    config.remaps.sort_by_key(|r| r.line);
    problems.sort_by_key(|p| p.line);
    (config, problems)
}

/// Apply one plain setting to `config`: `None` if there is no such
/// setting, `Some(Err(expected))` if its value is not one it takes.
fn setting(config: &mut Config, name: &str, value: &DeValue) -> Option<Result<(), &'static str>> {
    match name {
        "language" => match value.as_str().and_then(Lang::parse) {
            Some(l) => config.lang = Some(l),
            None => return Some(Err("\"vi\" | \"en\"")),
        },
        "theme" => match value.as_str().map(str::trim) {
            Some("default") => config.theme = ThemeName::Default,
            Some("high-contrast") => config.theme = ThemeName::HighContrast,
            Some("light") => config.theme = ThemeName::Light,
            Some("no-colour" | "no-color") => config.theme = ThemeName::NoColour,
            _ => {
                return Some(Err(
                    "\"default\" | \"high-contrast\" | \"light\" | \"no-colour\"",
                ));
            }
        },
        "ascii" => match value.as_bool() {
            Some(b) => config.ascii = b,
            None => return Some(Err("true | false")),
        },
        "mouse" => match value.as_bool() {
            Some(b) => config.mouse = b,
            None => return Some(Err("true | false")),
        },
        "grouping" => match value.as_str().map(str::trim) {
            Some("area") => config.grouping = Grouping::Area,
            Some("unit") => config.grouping = Grouping::Unit,
            Some("none") => config.grouping = Grouping::None,
            _ => return Some(Err("\"area\" | \"unit\" | \"none\"")),
        },
        "view" => match value.as_str().map(str::trim) {
            Some("board") => config.view = View::Board,
            Some("overview") => config.view = View::Overview,
            Some("matrix") => config.view = View::Matrix,
            Some("deadlines") => config.view = View::Deadlines,
            _ => return Some(Err("\"board\" | \"overview\" | \"matrix\" | \"deadlines\"")),
        },
        "due_soon_days" => match value
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok())
        {
            Some(n) if (0..=366).contains(&n) => config.due_soon = SoonWindow::days(n),
            _ => return Some(Err("0–366")),
        },
        "units" => match value.as_str().map(str::trim) {
            Some("plan") => config.units = UnitPreset::Plan,
            Some("commune-2025") => config.units = UnitPreset::Commune2025,
            _ => return Some(Err("\"plan\" | \"commune-2025\"")),
        },
        "name" => match value
            .as_str()
            .map(|n| crate::domain::text::one_line(n.trim()))
        {
            Some(n) if !n.is_empty() && n.chars().count() <= 64 => config.name = Some(n),
            _ => return Some(Err("\"lan\" (1–64 characters)")),
        },
        _ => return None,
    }
    Some(Ok(()))
}

type Entry<'a> = (
    &'a Spanned<std::borrow::Cow<'a, str>>,
    &'a Spanned<DeValue<'a>>,
);

/// The entries of `[keys]` (scope `None`) or `[keys.<scope>]`.
fn keys_table<'a>(
    table: &'a DeTable<'a>,
    scope: Option<Scope>,
    at: &dyn Fn(std::ops::Range<usize>) -> usize,
    remaps: &mut Vec<Remap>,
    problems: &mut Vec<Problem>,
) {
    let entries: Vec<Entry<'a>> = table.iter().collect();
    for (k, v) in entries {
        let line = at(k.span());
        let name = k.get_ref().as_ref();
        let problem = |issue| Problem { line, issue };
        if let (None, DeValue::Table(inner)) = (scope, v.get_ref()) {
            match Scope::from_name(name) {
                Some(s) => keys_table(inner, Some(s), at, remaps, problems),
                None => problems.push(problem(Issue::UnknownScope(name.to_string()))),
            }
            continue;
        }
        let Some(action) = Action::from_name(name) else {
            problems.push(problem(Issue::UnknownAction(name.to_string())));
            continue;
        };
        if let Some(s) = scope
            && !remap::default_scopes(action).contains(&s)
        {
            problems.push(problem(Issue::NotInScope { action, scope: s }));
            continue;
        }
        let texts: Vec<(String, usize)> = match v.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), line)],
            DeValue::Array(items) => items
                .iter()
                .map(|i| match i.get_ref() {
                    DeValue::String(s) => (s.to_string(), at(i.span())),
                    _ => (String::new(), at(i.span())),
                })
                .collect(),
            _ => vec![(String::new(), line)],
        };
        if texts.is_empty() {
            problems.push(problem(Issue::NoKeys(action)));
            continue;
        }
        let mut keys = Vec::new();
        let mut ok = true;
        for (text, l) in texts {
            match Key::parse(&text) {
                Some(key) if !text.trim().is_empty() => keys.push(key),
                _ => {
                    ok = false;
                    problems.push(Problem {
                        line: l,
                        issue: Issue::BadKey(text),
                    });
                }
            }
        }
        if ok {
            remaps.push(Remap {
                scope,
                action,
                keys,
                line,
            });
        }
    }
}

impl Loaded {
    /// One line per problem, `path:line: message`, for standard error and
    /// `config check`.
    pub fn report(&self, lang: Lang) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                if p.line == 0 {
                    format!("{}: {}", self.path.display(), p.message(lang))
                } else {
                    format!("{}:{}: {}", self.path.display(), p.line, p.message(lang))
                }
            })
            .collect()
    }

    /// What a board session needs from the file.
    pub fn prefs(&self, lang: Lang) -> Prefs {
        // Where first: the status bar is narrow.
        let notice = self.problems.first().map(|p| {
            let at = match p.line {
                0 => file_name(&self.path),
                n => format!("{}:{n}", file_name(&self.path)),
            };
            format!("{at}: {} — {}", p.message(lang), S::CfgSeeCheck.t(lang))
        });
        Prefs {
            keymap: self.keymap.clone(),
            theme: self.config.theme,
            grouping: self.config.grouping,
            view: self.config.view,
            due_soon: self.config.due_soon,
            notice,
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// The settings a board session starts with (the local board, and every
/// SSH session of `serve`).
#[derive(Debug, Clone)]
pub struct Prefs {
    pub keymap: Keymap,
    pub theme: ThemeName,
    pub grouping: Grouping,
    pub view: View,
    pub due_soon: SoonWindow,
    /// Shown in the status bar at start when the file had problems.
    pub notice: Option<String>,
}

impl Default for Prefs {
    fn default() -> Self {
        Loaded {
            path: PathBuf::new(),
            found: false,
            config: Config::default(),
            keymap: Keymap::default(),
            problems: Vec::new(),
        }
        .prefs(Lang::Vi)
    }
}

impl Prefs {
    /// Put the settings into a new board session.
    pub fn apply(&self, app: &mut App) {
        app.keys = self.keymap.clone();
        app.grouping = self.grouping;
        app.view = self.view;
        app.due_soon = self.due_soon;

        if let Some(n) = &self.notice {
            app.error(n.clone());
        }
    }

    /// The theme to draw with: `NO_COLOR` wins over the file, the file over
    /// the terminal's colour depth.
    pub fn theme(&self, no_color: Option<&str>, colorterm: Option<&str>, ascii: bool) -> Theme {
        let mut theme = Theme::from_env(no_color, colorterm, ascii);
        if theme.color != ColorMode::None {
            theme.color = match self.theme {
                ThemeName::Default => theme.color,
                ThemeName::HighContrast => ColorMode::HighContrast,
                ThemeName::Light => ColorMode::Light,
                ThemeName::NoColour => ColorMode::None,
            };
        }
        theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_and_bad_ones_report_their_line() {
        let text = "language = \"en\"\ntheme = \"light\"\n\ngrouping = \"sideways\"\ndue_soon_days = 14\ncolour = 3\n";
        let (c, p) = parse(text);
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.grouping, Grouping::Area, "default kept");
        assert_eq!(c.due_soon, SoonWindow::days(14));
        let lines: Vec<usize> = p.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![4, 6]);
    }

    #[test]
    fn a_broken_file_gives_its_line_and_every_default() {
        let (c, p) = parse("theme = \"light\"\nview = \"matrix\"\nmouse = tru e\n");
        assert_eq!(c, Config::default());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 3);
        assert!(matches!(p[0].issue, Issue::Syntax(_)));
    }

    #[test]
    fn keys_per_action_and_per_group() {
        let text = "[keys]\nmove_card_right = \"m\"\nundo = [\"u\", \"Ctrl+Z\"]\nfly = \"f\"\n\n[keys.details]\ntoggle_done = \"F5\"\nsearch = \"s\"\n[keys.moon]\n";
        let (c, p) = parse(text);
        assert_eq!(c.remaps.len(), 3);
        assert_eq!(c.remaps[1].keys, vec![Key::ch('u'), Key::ctrl('z')]);
        assert_eq!(c.remaps[2].scope, Some(Scope::DetailsPanel));
        let got: Vec<(usize, &Issue)> = p.iter().map(|p| (p.line, &p.issue)).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, 4);
        assert!(matches!(got[0].1, Issue::UnknownAction(_)));
        assert_eq!(got[1].0, 8);
        assert!(matches!(got[1].1, Issue::NotInScope { .. }));
        assert_eq!(got[2].0, 9);
    }

    #[test]
    fn a_bad_key_in_a_list_reports_its_own_line() {
        let (c, p) = parse("[keys]\nundo = [\n  \"u\",\n  \"Hyper+Q\",\n]\n");
        assert!(c.remaps.is_empty());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 4);
    }
}
