//! Writing the progress report: the official .docx (see `report_docx.rs`),
//! .xlsx (see `xlsx.rs`), .csv in UTF-8 with a
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
    /// The official report (Nghị định 30/2020), see `report_docx.rs`.
    Docx,
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
                "docx" => ExportFormat::Docx,
                "xlsx" => ExportFormat::Xlsx,
                "csv" => ExportFormat::Csv,
                "md" | "markdown" => ExportFormat::Md,
                "json" => ExportFormat::Json,
                _ => return None,
            },
        )
    }

    /// A zip file: written whole, never to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, ExportFormat::Docx | ExportFormat::Xlsx)
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
    Docx(String),
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
            ExportError::Docx(e) if vi => format!("Không tạo được tệp .docx: {e}"),
            ExportError::Docx(e) => format!("Cannot make the .docx file: {e}"),
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
    let mut out = Vec::new();
    render_to(board, format, filter, today, lang, &mut out)?;
    Ok(out)
}

/// Write the report into `out` as it is made (a row, a task at a time), so
/// that it can be streamed: .csv, .md and .json never exist whole in
/// memory as bytes (an .xlsx file does: it is a zip).
pub fn render_to(
    board: &Board,
    format: ExportFormat,
    filter: &ReportFilter,
    today: NaiveDate,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    filter.check(board, lang).map_err(ExportError::Filter)?;
    let io = |e: std::io::Error| ExportError::Io(PathBuf::from("-"), e.to_string());
    match format {
        ExportFormat::Json => {
            let items = board
                .tasks
                .values()
                .filter(|t| filter.keeps(t))
                .map(|t| task_json(t, today));
            super::json_out::write_array(out, items).map_err(io)
        }
        ExportFormat::Csv => csv_write(&build(board, filter, today, lang), out).map_err(io),
        ExportFormat::Md => md_write(&build(board, filter, today, lang), out).map_err(io),
        ExportFormat::Xlsx => {
            let bytes = super::xlsx::workbook(&build(board, filter, today, lang))
                .map_err(|e| ExportError::Xlsx(e.to_string()))?;
            out.write_all(&bytes).map_err(io)
        }
        ExportFormat::Docx => {
            // A state document is in Vietnamese whatever the interface's language.
            let report = build(board, filter, today, Lang::Vi);
            let bytes = super::report_docx::document(&report).map_err(ExportError::Docx)?;
            out.write_all(&bytes).map_err(io)
        }
    }
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
fn csv_write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let l = r.lang;
    out.write_all(&[0xEF, 0xBB, 0xBF])?;
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let mut put = |row: Vec<String>| w.write_record(&row);
    put(headers(l).map(str::to_string).into())?;
    for g in &r.groups {
        put(padded([g.mark.clone(), g.name.clone()]))?;
        for row in &g.rows {
            put(row.cells().into())?;
        }
    }
    for (first, rows) in [(S::Area, &r.by_area), (S::RpLead, &r.by_unit)] {
        put(padded([String::new()]))?;
        put(padded(count_headers(first, l).map(str::to_string)))?;
        for c in rows {
            let mut cells = vec![c.name.clone()];
            cells.extend(c.numbers().iter().map(usize::to_string));
            cells.resize(9, String::new());
            put(cells)?;
        }
    }
    w.flush()
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
fn md_write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let l = r.lang;
    let t = titles(r);
    write!(out, "# {}\n\n", t.title)?;
    for line in t.committee.iter().chain(&t.plan).chain([&t.as_of]) {
        writeln!(out, "{line}  ")?;
    }
    out.write_all(b"\n")?;
    let h = headers(l);
    out.write_all(md_row(&h).as_bytes())?;
    writeln!(out, "|{}", "---|".repeat(h.len()))?;
    for g in &r.groups {
        let mut cells = vec![format!("**{}**", g.mark), format!("**{}**", g.name)];
        cells.resize(9, String::new());
        out.write_all(md_row(&cells).as_bytes())?;
        for row in &g.rows {
            out.write_all(md_row(&row.cells()).as_bytes())?;
        }
    }
    for (title, first, rows) in [
        (S::RpByArea, S::Area, &r.by_area),
        (S::RpByUnit, S::RpLead, &r.by_unit),
    ] {
        write!(out, "\n## {}\n\n", title.t(l))?;
        let h = count_headers(first, l);
        out.write_all(md_row(&h).as_bytes())?;
        writeln!(out, "|---|{}", "--:|".repeat(h.len() - 1))?;
        for c in rows {
            let n = c.numbers();
            let mut cells = vec![c.name.clone()];
            cells.extend(n.iter().map(usize::to_string));
            out.write_all(md_row(&cells).as_bytes())?;
        }
    }
    Ok(())
}
