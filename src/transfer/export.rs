//! Writing the progress report: .xlsx (see `xlsx.rs`), .csv in UTF-8 with a
//! byte-order mark (so Excel shows Vietnamese), .md for pasting into a
//! document, and .json in the `list --json` contract. The format comes from
//! the file's extension unless given. Files are written whole or not at
//! all: to a temporary file beside the target, then renamed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::board::Board;
use crate::i18n::S;

use super::json::task_json;
use super::report_table::{Report, ReportFilter, build, count_headers, headers, titles};

pub use super::report_table::default_report_name;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Md,
    Json,
}

impl ExportFormat {
    /// "xlsx", "csv", "md" (or "markdown"), "json".
    pub fn parse(s: &str) -> Option<ExportFormat> {
        Some(
            match s
                .trim()
                .trim_start_matches('.')
                .to_ascii_lowercase()
                .as_str()
            {
                "xlsx" => ExportFormat::Xlsx,
                "csv" => ExportFormat::Csv,
                "md" | "markdown" => ExportFormat::Md,
                "json" => ExportFormat::Json,
                _ => return None,
            },
        )
    }

    /// The format a path's extension names.
    pub fn of_path(path: &Path) -> Option<ExportFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(ExportFormat::parse)
    }
}

/// Why a report was not written.
#[derive(Debug)]
pub enum ExportError {
    /// The filter names no area or unit (message ready for the user).
    Filter(String),
    /// No format given and the extension names none.
    UnknownFormat(PathBuf),
    Io(PathBuf, String),
    Xlsx(String),
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang.is_vi();
        match self {
            ExportError::Filter(m) => m.clone(),
            ExportError::UnknownFormat(p) => {
                format!("{}: {}", S::RpUnknownFormat.t(lang), p.display())
            }
            ExportError::Io(p, e) if vi => format!("Không ghi được {}: {e}", p.display()),
            ExportError::Io(p, e) => format!("Cannot write {}: {e}", p.display()),
            ExportError::Xlsx(e) if vi => format!("Không tạo được tệp .xlsx: {e}"),
            ExportError::Xlsx(e) => format!("Cannot make the .xlsx file: {e}"),
        }
    }
}

/// The report's bytes in a format.
pub fn render(
    board: &Board,
    format: ExportFormat,
    filter: &ReportFilter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    filter.check(board, lang).map_err(ExportError::Filter)?;
    Ok(match format {
        ExportFormat::Json => {
            let v: Vec<serde_json::Value> = board
                .tasks
                .values()
                .filter(|t| filter.keeps(t))
                .map(|t| task_json(t, today))
                .collect();
            let mut s = serde_json::to_string_pretty(&serde_json::Value::Array(v))
                .expect("JSON values serialise");
            s.push('\n');
            s.into_bytes()
        }
        ExportFormat::Csv => csv_bytes(&build(board, filter, today, lang)),
        ExportFormat::Md => md_text(&build(board, filter, today, lang)).into_bytes(),
        ExportFormat::Xlsx => super::xlsx::workbook(&build(board, filter, today, lang))
            .map_err(|e| ExportError::Xlsx(e.to_string()))?,
    })
}

/// Write the report to `path`, in `format` or the one its extension names.
/// This is what the board's export key calls.
pub fn export_to_path(
    board: &Board,
    path: &Path,
    format: Option<ExportFormat>,
    filter: &ReportFilter,
    today: NaiveDate,
    lang: Lang,
) -> Result<ExportFormat, ExportError> {
    let format = format
        .or_else(|| ExportFormat::of_path(path))
        .ok_or_else(|| ExportError::UnknownFormat(path.to_path_buf()))?;
    let bytes = render(board, format, filter, today, lang)?;
    write_whole(path, &bytes)?;
    Ok(format)
}

/// Write to a temporary file beside `path`, then rename it over `path`.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |e: std::io::Error| ExportError::Io(path.to_path_buf(), e.to_string());
    let name = path
        .file_name()
        .map_or("report".into(), |n| n.to_string_lossy().into_owned());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// A row of nine cells; shorter rows are padded.
fn padded<const N: usize>(cells: [String; N]) -> Vec<String> {
    let mut v: Vec<String> = cells.into();
    v.resize(9, String::new());
    v
}

/// The .csv: UTF-8 with a byte-order mark; the header row, then per
/// dimension a group row and its task rows; a blank row; the counts by
/// dimension and by unit, each under its own header row. Every row has
/// nine fields.
fn csv_bytes(r: &Report) -> Vec<u8> {
    let l = r.lang;
    let mut w = csv::WriterBuilder::new().from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut put = |row: Vec<String>| w.write_record(&row).expect("writing to memory");
    put(headers(l).map(str::to_string).into());
    for g in &r.groups {
        put(padded([g.mark.clone(), g.name.clone()]));
        for row in &g.rows {
            put(row.cells().into());
        }
    }
    for (first, rows) in [(S::Area, &r.by_area), (S::RpLead, &r.by_unit)] {
        put(padded([String::new()]));
        put(padded(count_headers(first, l).map(str::to_string)));
        for c in rows {
            let n = c.numbers();
            put(padded([
                c.name.clone(),
                n[0].to_string(),
                n[1].to_string(),
                n[2].to_string(),
                n[3].to_string(),
                n[4].to_string(),
            ]));
        }
    }
    w.into_inner().expect("writing to memory")
}

/// A Markdown table cell: pipes escaped, line breaks as `<br>`.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

fn md_row<S: AsRef<str>>(cells: &[S]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| md_cell(c.as_ref())).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// The .md: title lines, one table of all tasks with bold group rows, then
/// the two summary tables.
fn md_text(r: &Report) -> String {
    let l = r.lang;
    let mut out = String::new();
    let t = titles(r);
    out.push_str(&format!("# {}\n\n", t.title));
    for line in t.committee.iter().chain(&t.plan).chain([&t.as_of]) {
        out.push_str(&format!("{line}  \n"));
    }
    out.push('\n');
    let h = headers(l);
    out.push_str(&md_row(&h));
    out.push_str(&format!("|{}\n", "---|".repeat(h.len())));
    for g in &r.groups {
        let mut cells = vec![format!("**{}**", g.mark), format!("**{}**", g.name)];
        cells.resize(9, String::new());
        out.push_str(&md_row(&cells));
        for row in &g.rows {
            out.push_str(&md_row(&row.cells()));
        }
    }
    for (title, first, rows) in [
        (S::RpByArea, S::Area, &r.by_area),
        (S::RpByUnit, S::RpLead, &r.by_unit),
    ] {
        out.push_str(&format!("\n## {}\n\n", title.t(l)));
        let h = count_headers(first, l);
        out.push_str(&md_row(&h));
        out.push_str(&format!("|---|{}\n", "--:|".repeat(h.len() - 1)));
        for c in rows {
            let n = c.numbers();
            let mut cells = vec![c.name.clone()];
            cells.extend(n.iter().map(usize::to_string));
            out.push_str(&md_row(&cells));
        }
    }
    out
}
