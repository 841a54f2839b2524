//! `papi-board config init|path|check` (the settings file) and
//! `papi-board keys` (the key reference, printed from the key table).

use std::fmt::Write as _;
use std::io::Write as _;

use clap::Subcommand;

use super::{Env, Fail, Global, config_path};
use crate::app::keys::{Action, Binding, Keymap, Scope, default_bindings};
use crate::domain::Lang;
use crate::i18n::S;

#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum ConfigCmd {
    /// Write a commented default settings file (refuses to overwrite one without --force)
    Init {
        #[arg(long)]
        force: bool,
    },
    /// Print where the settings file is read from
    Path,
    /// Check the settings file: every problem with its line
    Check,
}

pub fn run(env: &Env, g: &Global, cmd: ConfigCmd) -> Result<(), Fail> {
    let lang = env.lang;
    let path = config_path(g);
    match cmd {
        ConfigCmd::Path => println!("{}", path.display()),
        ConfigCmd::Init { force } => {
            if path.exists() && !force {
                return Err(Fail(format!(
                    "{}: {}",
                    S::CfgExists.t(lang),
                    path.display()
                )));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Fail(format!("{}: {e}", dir.display())))?;
            }
            std::fs::write(&path, default_text(lang))
                .map_err(|e| Fail(format!("{}: {e}", path.display())))?;
            println!("{}: {}", S::CfgWritten.t(lang), path.display());
        }
        ConfigCmd::Check => {
            if !env.config.found {
                println!("{} [{}]", S::CfgAbsent.t(lang), path.display());
            } else if env.config.problems.is_empty() {
                println!("{}: {}", S::CfgFine.t(lang), path.display());
            } else {
                let mut out = std::io::stdout().lock();
                for line in env.config.report(lang) {
                    writeln!(out, "{line}").ok();
                }
                return Err(Fail(S::CfgNotice.t(lang).to_string()));
            }
        }
    }
    Ok(())
}

/// `papi-board keys`: the keys in use (with the file's remaps); with
/// `--markdown`, the default table as docs/keys.md holds it.
pub fn keys(env: &Env, markdown: bool) -> Result<(), Fail> {
    let text = if markdown {
        keys_markdown(env.lang)
    } else {
        keys_text(&env.config.keymap, env.lang)
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| Fail(e.to_string()))
}

/// The scopes with their titles, in the order help shows them.
fn sections() -> impl Iterator<Item = (Scope, S)> {
    Scope::ALL.into_iter().map(|s| (s, s.title()))
}

/// "[keys.board], [keys.views], …": the tables one scope's keys go in.
fn scope_tables() -> String {
    let tables: Vec<String> = Scope::ALL
        .iter()
        .map(|s| format!("[keys.{}]", s.name()))
        .collect();
    tables.join(", ")
}

/// How to remap, with every scope's table.
fn remap_note(lang: Lang) -> String {
    S::KeysRemapNote
        .t(lang)
        .replace("{scopes}", &scope_tables())
}

/// The actions of a scope, each with its keys there, in table order.
fn rows(bindings: &[Binding], scope: Scope) -> Vec<(Action, Vec<String>)> {
    let mut out: Vec<(Action, Vec<String>)> = Vec::new();
    for b in bindings.iter().filter(|b| b.scope == scope) {
        let label = b.key.label();
        match out.iter_mut().find(|(a, _)| *a == b.action) {
            Some((_, keys)) if !keys.contains(&label) => keys.push(label),
            Some(_) => {}
            None => out.push((b.action, vec![label])),
        }
    }
    out
}

/// The plain reference, for the terminal.
pub fn keys_text(map: &Keymap, lang: Lang) -> String {
    let mut s = String::new();
    writeln!(s, "{}", S::KeysTitle.t(lang)).ok();
    let width = |t: &str| crate::domain::text::width(t);
    let desc_w = Action::all()
        .iter()
        .map(|a| width(a.describe(lang)))
        .max()
        .unwrap_or(0);
    for (scope, title) in sections() {
        let rows = rows(&map.bindings, scope);
        if rows.is_empty() {
            continue;
        }
        writeln!(s, "\n{} [keys.{}]", title.t(lang), scope.name()).ok();
        for (action, keys) in rows {
            let keys = keys.join(" ");
            let pad = 16usize.saturating_sub(width(&keys));
            let desc = action.describe(lang);
            let dpad = desc_w.saturating_sub(width(desc));
            writeln!(
                s,
                "  {keys}{} {desc}{} {}",
                " ".repeat(pad),
                " ".repeat(dpad),
                action.name()
            )
            .ok();
        }
    }
    writeln!(s, "\n{}", remap_note(lang)).ok();
    s
}

/// A key label as Markdown code, safe inside a table cell.
fn md_key(label: &str) -> String {
    let cell = label.replace('|', "\\|");
    if cell.contains('`') {
        format!("`` {cell} ``")
    } else {
        format!("`{cell}`")
    }
}

/// The reference of the DEFAULT table as Markdown (docs/keys.md): remaps
/// in one user's file do not belong in the project's documentation.
pub fn keys_markdown(lang: Lang) -> String {
    let table = default_bindings();
    let mut s = String::new();
    writeln!(s, "# {}\n", S::KeysTitle.t(lang)).ok();
    writeln!(s, "{}\n", S::KeysDefaultNote.t(lang)).ok();
    writeln!(s, "{}", remap_note(lang)).ok();
    for (scope, title) in sections() {
        writeln!(s, "\n## {} (`[keys.{}]`)\n", title.t(lang), scope.name()).ok();
        writeln!(
            s,
            "| {} | {} | {} |\n| --- | --- | --- |",
            S::KeysKey.t(lang),
            S::KeysAction.t(lang),
            S::KeysName.t(lang)
        )
        .ok();
        for (action, keys) in rows(&table, scope) {
            let keys: Vec<String> = keys.iter().map(|k| md_key(k)).collect();
            writeln!(
                s,
                "| {} | {} | `{}` |",
                keys.join(" "),
                action.describe(lang).replace('|', "\\|"),
                action.name()
            )
            .ok();
        }
    }
    s
}

/// A TOML string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The commented default file `config init` writes: every setting at its
/// default, and every action with its default keys (commented out).
pub fn default_text(lang: Lang) -> String {
    let mut s = String::new();
    for (vi, en) in HEADER {
        push_line(&mut s, pick(lang, vi, en));
    }
    for (vi, en, value) in settings(lang) {
        push_line(&mut s, pick(lang, vi, en));
        push_line(&mut s, &value);
    }
    s.push('\n');
    remap_text(lang, &mut s);
    s
}

fn push_line(s: &mut String, line: &str) {
    s.push_str(line);
    s.push('\n');
}

fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    if lang.is_vi() { vi } else { en }
}

/// The file's first lines: what it is and what wins over it.
const HEADER: [(&str, &str); 4] = [
    (
        "# Cấu hình papi-board. Dòng bắt đầu bằng # là ghi chú.",
        "# papi-board settings. Lines starting with # are comments.",
    ),
    (
        "# Tham số dòng lệnh (--lang, --ascii, --mouse) được ưu tiên hơn tệp này;",
        "# Command-line flags (--lang, --ascii, --mouse) win over this file;",
    ),
    (
        "# biến môi trường NO_COLOR tắt màu. Kiểm tra tệp: papi-board config check",
        "# the NO_COLOR variable turns colour off. Check the file: papi-board config check",
    ),
    ("", ""),
];

/// Each setting: its comment (vi, en) and its line at the default.
fn settings(lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    let soon = crate::domain::report::SoonWindow::DEFAULT.in_days();
    vec![
        (
            "# Ngôn ngữ giao diện: \"vi\" hoặc \"en\"",
            "# Interface language: \"vi\" or \"en\"",
            format!("language = {}", quoted(pick(lang, "vi", "en"))),
        ),
        (
            "# Màu: \"default\" (16 màu), \"high-contrast\" (tương phản cao), \"light\" (nền trắng), \"no-colour\" (không màu)",
            "# Colours: \"default\" (16 colours), \"high-contrast\", \"light\" (white background), \"no-colour\"",
            "theme = \"default\"".into(),
        ),
        (
            "# Kẻ khung bằng ký tự ASCII (+ - |), cho máy hoặc phông chữ cũ",
            "# Draw borders with ASCII (+ - |), for old consoles or fonts",
            "ascii = false".into(),
        ),
        (
            "# Chuột: bấm để chọn thẻ, lăn để cuộn (tắt thì bôi đen để sao chép được)",
            "# Mouse: click to select, wheel to scroll (off: selecting text to copy works)",
            "mouse = false".into(),
        ),
        (
            "# Xếp làn khi mở bảng: \"area\" (lĩnh vực), \"unit\" (đơn vị chủ trì), \"none\" (không chia làn)",
            "# Lanes when the board opens: \"area\" (PAPI dimension), \"unit\" (lead unit), \"none\"",
            "grouping = \"area\"".into(),
        ),
        (
            "# Màn hình khi mở: \"board\" (1 bảng), \"overview\" (2 tổng quan), \"matrix\" (3 ma trận), \"deadlines\" (4 thời hạn)",
            "# The view at start: \"board\" (1), \"overview\" (2), \"matrix\" (3), \"deadlines\" (4)",
            "view = \"board\"".into(),
        ),
        (
            "# \"Sắp đến hạn\": hạn trong bao nhiêu ngày tới (status, màu vàng trên thẻ, màn hình 4)",
            "# \"Due soon\": a deadline within this many days (status, card colours, view 4)",
            format!("due_soon_days = {soon}"),
        ),
        (
            "# Đơn vị của một bảng mới (init --empty, generate, import vào cơ sở dữ liệu mới):\n# \"plan\" (các đơn vị kế hoạch mẫu nêu) hoặc \"commune-2025\" (tổ chức xã từ 01/7/2025)",
            "# Units of a new board (init --empty, generate, import into a new database):\n# \"plan\" (the units the sample plan names) or \"commune-2025\" (the commune since 1 July 2025)",
            "units = \"plan\"".into(),
        ),
        (
            "# Tên ghi vào lịch sử cho các thay đổi trên máy này (mặc định: tên người dùng của máy)",
            "# The name the history records for changes made on this machine (default: the OS user)",
            "# name = \"lan\"".into(),
        ),
    ]
}

/// How to remap, then every action with its default keys, commented out.
fn remap_text(lang: Lang, s: &mut String) {
    let c = |vi, en| pick(lang, vi, en);
    push_line(
        s,
        c(
            "# Đổi phím: bỏ # trước dòng của thao tác và ghi phím mới. Phím mới thay mọi phím",
            "# Remapping: remove the # before an action and write its new keys. They replace",
        ),
    );
    push_line(
        s,
        c(
            "# mặc định của thao tác đó. Chữ hoa là Shift + chữ; còn có \"Ctrl+R\", \"Alt+x\", \"F5\",",
            "# the action's default keys. An upper-case letter is Shift + letter; also \"Ctrl+R\",",
        ),
    );
    push_line(
        s,
        c(
            "# \"Enter\", \"Esc\", \"Tab\", \"Space\", \"PgUp\", \"PgDn\", \"Home\", \"End\", \"Left\"…",
            "# \"Alt+x\", \"F5\", \"Enter\", \"Esc\", \"Tab\", \"Space\", \"PgUp\", \"PgDn\", \"Home\", \"Left\"…",
        ),
    );
    let group = c("# Chỉ đổi trong một nhóm: mục", "# One group only: a table");
    push_line(s, &format!("{group} {}.", scope_tables()));
    push_line(
        s,
        c(
            "# Phím đã dùng cho việc khác thì không đổi (papi-board báo dòng). Danh sách: papi-board keys",
            "# A key already in use is refused (papi-board names the line). The list: papi-board keys",
        ),
    );
    push_line(s, "[keys]");
    let table = default_bindings();
    for action in Action::all() {
        let Some(first) = table.iter().find(|b| b.action == action) else {
            continue;
        };
        let keys: Vec<String> = table
            .iter()
            .filter(|b| b.action == action && b.scope == first.scope)
            .map(|b| quoted(&b.key.label()))
            .collect();
        let value = if keys.len() == 1 {
            keys[0].clone()
        } else {
            format!("[{}]", keys.join(", "))
        };
        let describe = action.describe(lang);
        push_line(s, &format!("# {} = {value}  # {describe}", action.name()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        for lang in [Lang::Vi, Lang::En] {
            let (config, problems) = crate::config::parse(&default_text(lang));
            assert!(problems.is_empty(), "{problems:?}");
            let expected = crate::config::Config {
                lang: Some(lang),
                ..Default::default()
            };
            assert_eq!(config, expected);
        }
    }

    #[test]
    fn every_commented_key_line_works_when_uncommented() {
        let text: String = default_text(Lang::En)
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = "))
                    .unwrap_or(l)
            })
            .filter(|l| !l.starts_with('#') || l.contains(" = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let (config, problems) = crate::config::parse(&text);
        assert!(problems.is_empty(), "{problems:?}");
        let (map, conflicts) = crate::app::remap::apply(&config.remaps);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(config.remaps.len(), Action::all().len());
        let board = [Scope::Board, Scope::Views];
        assert_eq!(map.keys_in(&board, Action::MoveCardRight), "L/>");
    }
}
