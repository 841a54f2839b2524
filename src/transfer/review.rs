//! What an import would do, as an officer checks it before saying yes:
//! how the file was read (a legacy encoding converted, Word's numbering,
//! a PDF's pages), then per dimension every task found, each with its
//! section, lead (marked "?" when the keyword rules chose it), supporting
//! units and deadline as read, then new units, the plan's details and the
//! warnings. The command line's `import --dry-run` prints these lines.

use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::task::Task;
use crate::domain::text::{sanitize, truncate};
use crate::domain::unit::Unit;

use super::import::Prepared;

/// "ke-hoach.txt: 50 nhiệm vụ — 0 mới, 50 đã có".
pub fn counts_line(p: &Prepared, lang: Lang) -> String {
    let new = p.tasks.len();
    let line = match lang {
        Lang::Vi => format!(
            "{}: {} nhiệm vụ — {new} mới, {} đã có",
            p.file, p.total, p.existing
        ),
        Lang::En => format!(
            "{}: {} tasks — {new} new, {} already there",
            p.file, p.total, p.existing
        ),
    };
    sanitize(&line).into_owned()
}

/// How the file was read, if there is anything to say.
pub fn source_line(p: &Prepared, lang: Lang) -> Option<String> {
    let vi = lang == Lang::Vi;
    let s = &p.source;
    let mut parts = Vec::new();
    if s.converted {
        parts.push(if vi {
            "tệp Word 97 (.doc) đã chuyển qua LibreOffice".to_string()
        } else {
            "Word 97 file (.doc) converted through LibreOffice".to_string()
        });
    }
    if let Some(l) = s.legacy {
        parts.push(if vi {
            format!("mã {} đã chuyển sang Unicode", l.name())
        } else {
            format!("{} encoding converted to Unicode", l.name())
        });
    }
    if s.numbered > 0 {
        parts.push(if vi {
            format!("{} đoạn đánh số tự động của Word", s.numbered)
        } else {
            format!("{} paragraphs numbered by Word", s.numbered)
        });
    }
    if let Some(n) = s.pages {
        parts.push(if vi {
            format!("PDF {n} trang")
        } else {
            format!("PDF, {n} pages")
        });
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{}: {}",
            if vi { "Đọc tệp" } else { "Read" },
            parts.join(" · ")
        )
    })
}

fn unit_name(units: &[Unit], code: &str) -> String {
    units
        .iter()
        .find(|u| *u.code == *code)
        .map_or(code.to_string(), |u| {
            format!("{code} ({})", sanitize(&u.name))
        })
}

/// The deadline as read: the wording and, when it is not that date
/// already, the date it means.
fn due_text(t: &Task, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match (&t.due.text, t.due.date) {
        (None, None) if t.due.is_ongoing() => (if vi {
            "không ghi (Thường xuyên)"
        } else {
            "none stated (ongoing)"
        })
        .to_string(),
        (None, None) => (if vi { "không ghi" } else { "none stated" }).to_string(),
        (Some(w), None) if t.due.kind.is_none() => format!(
            "“{}” {}",
            sanitize(w),
            if vi {
                "(không hiểu — không có ngày)"
            } else {
                "(not understood — no date)"
            }
        ),
        (Some(w), None) => format!("“{}”", sanitize(w)),
        (text, Some(d)) => {
            let date = d.format("%d/%m/%Y").to_string();
            match text {
                Some(w) if !w.contains(&date) => format!("“{}” → {date}", sanitize(w)),
                _ => date,
            }
        }
    }
}

/// The two lines of one task.
fn task_lines(t: &Task, section: &str, stated: bool, units: &[Unit], lang: Lang) -> [String; 2] {
    let vi = lang == Lang::Vi;
    let support: Vec<String> = t.support.iter().map(|c| unit_name(units, c)).collect();
    let mark = if stated { "" } else { " ?" };
    let (lead_w, sup_w, due_w) = if vi {
        ("chủ trì", "phối hợp", "hạn")
    } else {
        ("lead", "support", "due")
    };
    let mut detail = format!("      {lead_w}: {}{mark}", unit_name(units, &t.lead));
    if !support.is_empty() {
        detail.push_str(&format!(" · {sup_w}: {}", support.join(", ")));
    }
    detail.push_str(&format!(" · {due_w}: {}", due_text(t, lang)));
    let section = if section.is_empty() {
        String::new()
    } else {
        format!("{} ", sanitize(section))
    };
    [
        format!("  + {section}{}", truncate(&sanitize(&t.title), 66)),
        detail,
    ]
}

/// The whole review, line by line.
pub fn review(p: &Prepared, board_units: &[Unit], lang: Lang) -> Vec<String> {
    let vi = lang == Lang::Vi;
    let units: Vec<Unit> = board_units.iter().chain(&p.new_units).cloned().collect();
    let mut out = vec![counts_line(p, lang)];
    out.extend(source_line(p, lang));
    for area in AREAS.iter().map(|a| a.id) {
        let here: Vec<usize> = (0..p.tasks.len())
            .filter(|&i| p.tasks[i].area == area)
            .collect();
        if here.is_empty() {
            continue;
        }
        out.push(String::new());
        out.push(area_heading(area, here.len(), lang));
        for i in here {
            let o = &p.origins[i];
            out.extend(task_lines(
                &p.tasks[i],
                &o.section,
                o.lead_stated,
                &units,
                lang,
            ));
        }
    }
    if !p.new_units.is_empty() {
        let names: Vec<String> = p
            .new_units
            .iter()
            .map(|u| format!("{} ({})", u.code, sanitize(&u.name)))
            .collect();
        out.push(String::new());
        out.push(format!(
            "{}: {}",
            if vi { "Đơn vị mới" } else { "New units" },
            names.join(", ")
        ));
    }
    if let Some(m) = &p.meta {
        out.push(format!(
            "{}: {} · {} · {} · {}",
            if vi {
                "Thông tin kế hoạch"
            } else {
                "Plan details"
            },
            sanitize(&m.number),
            sanitize(&m.date),
            sanitize(&m.commune),
            m.year
        ));
    }
    if !p.warnings.is_empty() {
        out.push(String::new());
        out.push(format!("{}:", if vi { "Cần kiểm tra" } else { "To check" }));
        out.extend(
            p.warnings
                .iter()
                .map(|w| format!("  - {}", sanitize(&w.message(lang)))),
        );
    }
    out
}

fn area_heading(area: AreaId, n: usize, lang: Lang) -> String {
    let name = crate::domain::area::area_name(area, lang == Lang::Vi);
    match lang {
        Lang::Vi => format!("{}. {name} — {n} nhiệm vụ", area.get()),
        Lang::En => format!("{}. {name} — {n} tasks", area.get()),
    }
}
