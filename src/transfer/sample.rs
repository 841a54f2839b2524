//! The default board: the real 2025 PAPI plan of Hòa Phong commune,
//! embedded in the program and parsed on the first open of an empty database.

use crate::domain::board::BoardMeta;
use crate::domain::command::Command;
use crate::domain::task::Task;
use crate::domain::unit::{Unit, plan_preset};

use super::plan::{ParsedPlan, parse_plan};
use super::rules::default_rules;

/// The plan text as issued.
pub const SAMPLE_PLAN: &str = include_str!("../../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

/// The sample plan, parsed with the default units and rules.
pub fn sample_plan() -> ParsedPlan {
    parse_plan(SAMPLE_PLAN, &plan_preset(), &default_rules()).expect("the sample plan parses")
}

/// What seeding a new database with the sample needs: metadata, units, and
/// one AddTask command per task, in plan order (so ids are 1, 2, 3, …).
pub fn sample_seed() -> (BoardMeta, Vec<Unit>, Vec<Command>) {
    let plan = sample_plan();
    let mut units = plan_preset();
    units.extend(plan.new_units);
    let cmds = plan
        .tasks
        .into_iter()
        .map(|p| {
            let mut t = Task::new(&p.title, p.area, &p.lead);
            t.description = p.description;
            t.support = p.support.into_iter().map(Into::into).collect();
            t.due = p.due;
            Command::AddTask(t)
        })
        .collect();
    (plan.meta, units, cmds)
}

/// The default board's assignment as a Markdown document, for a commune
/// officer to check (`docs/default-board.md`; a test keeps it current).
pub fn assignment_markdown() -> String {
    use crate::domain::area::area_name;
    let plan = sample_plan();
    let units = plan_preset();
    let name = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .map_or(code.to_string(), |u| format!("{} ({code})", u.name))
    };
    let mut out = String::new();
    out.push_str("# Bảng mặc định: phân công từ Kế hoạch 05/KH-UBND · The default board\n\n");
    out.push_str(
        "Bảng mặc định được đọc từ Kế hoạch số 05/KH-UBND ngày 07/01/2025 của UBND xã Hòa Phong. \
         Mỗi gạch đầu dòng ở mục II.1.1–1.8, II.3, II.4 và III.1–8 là một nhiệm vụ. \
         Đơn vị chủ trì của các nhiệm vụ mục II do các quy tắc từ khóa trong \
         `assets/unit-rules.txt` chọn; ở mục III, đơn vị chủ trì là đơn vị của đề mục. \
         Kế hoạch không ghi thời hạn nên mọi nhiệm vụ là “Thường xuyên”.\n\n",
    );
    out.push_str(
        "The default board is read from the plan above: every bullet of II.1.1–1.8, II.3, II.4 \
         and III.1–8 is a task. Lead units of section II come from the keyword rules in \
         `assets/unit-rules.txt`; in section III the lead is the unit of the heading. The plan \
         gives no deadlines, so every task is ongoing (“Thường xuyên”).\n\n",
    );
    out.push_str("This file is generated: `UPDATE_DOCS=1 cargo test --test docs` rewrites it.\n\n");
    out.push_str(
        "| # | Mục | Lĩnh vực | Nhiệm vụ | Chủ trì | Phối hợp |\n|---|---|---|---|---|---|\n",
    );
    for (i, t) in plan.tasks.iter().enumerate() {
        let support: Vec<String> = t.support.iter().map(|c| name(c)).collect();
        out.push_str(&format!(
            "| {} | {} | {}. {} | {} | {} | {} |\n",
            i + 1,
            t.section,
            t.area,
            area_name(t.area, true),
            t.title.replace('|', "\\|"),
            name(&t.lead),
            support.join(", ")
        ));
    }
    out
}
