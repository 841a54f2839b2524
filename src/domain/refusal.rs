//! Why a command was refused, in words a commune officer understands, in
//! both languages. Every refusal leaves the board unchanged.

use super::Lang;
use super::area::AreaId;
use super::task::TaskId;
use super::unit::UnitCode;

/// A field a limit applies to, named as the interface names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Output,
    Note,
    Notes,
    Sub,
    Evidence,
    Due,
    Author,
    Checklist,
    Support,
    UnitName,
    PlanNumber,
    PlanDate,
    Commune,
    PlanTitle,
    Target,
    /// Any of the plan's details (`setup`'s one limit for all of them).
    PlanDetail,
    Problem,
    Proposal,
    Issuer,
    Signer,
    SignerTitle,
    Recipients,
}

impl Field {
    /// The field's name in the user's language, capitalised to open a sentence.
    pub fn name(self, lang: Lang) -> &'static str {
        use Field::*;
        let (vi, en) = match self {
            Title => ("Tên nhiệm vụ", "The title"),
            Description => ("Nội dung", "The description"),
            Output => ("Sản phẩm", "The output"),
            Note => ("Ghi chú tiến độ", "A progress note"),
            Notes => ("Danh sách ghi chú tiến độ", "The progress notes"),
            Sub => ("Nội dung thành phần", "The sub-dimension"),
            Evidence => ("Minh chứng", "The evidence"),
            Due => ("Thời hạn", "The deadline"),
            Author => ("Tên người ghi chú", "A note's author"),
            Checklist => ("Danh mục việc", "The checklist"),
            Support => ("Danh sách đơn vị phối hợp", "The supporting units"),
            UnitName => ("Tên đơn vị", "The unit's name"),
            PlanNumber => ("Số kế hoạch", "The plan's number"),
            PlanDate => ("Ngày ban hành", "The plan's date"),
            Commune => ("Tên xã", "The commune's name"),
            PlanTitle => ("Tên kế hoạch", "The plan's title"),
            Target => ("Mục tiêu", "The target"),
            PlanDetail => ("Thông tin kế hoạch", "A plan detail"),
            Problem => ("Khó khăn, vướng mắc", "The difficulty"),
            Proposal => ("Đề xuất, kiến nghị", "The proposal"),
            Issuer => ("Cơ quan ban hành", "The issuing body"),
            Signer => ("Tên người ký", "The signer's name"),
            SignerTitle => ("Thẩm quyền ký", "The signing authority"),
            Recipients => ("Nơi nhận", "The recipients"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Why a user may not run a command (`access::allowed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forbidden {
    /// Viewers change nothing.
    ReadOnly,
    /// The task is not led or supported by the editor's unit (before or after).
    NotYourUnit { task: TaskId, unit: String },
    /// Units, plan details, scores and users are for admins.
    AdminOnly,
    /// Deleting a task is for its lead unit: the editor's unit only supports it.
    NotYourLead { task: TaskId, unit: String },
}

impl Forbidden {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Forbidden::ReadOnly, Lang::Vi) => {
                "Bạn chỉ có quyền xem (viewer); không thay đổi được dữ liệu".into()
            }
            (Forbidden::ReadOnly, Lang::En) => {
                "You may only view (viewer); nothing was changed".into()
            }
            (Forbidden::NotYourUnit { task, unit }, Lang::Vi) => {
                format!("Nhiệm vụ #{task} không do đơn vị {unit} của bạn chủ trì hay phối hợp")
            }
            (Forbidden::NotYourUnit { task, unit }, Lang::En) => {
                format!("Task #{task} is not led or supported by your unit {unit}")
            }
            (Forbidden::AdminOnly, Lang::Vi) => {
                "Chỉ quản trị (admin) được sửa đơn vị, thông tin kế hoạch, điểm và người dùng"
                    .into()
            }
            (Forbidden::AdminOnly, Lang::En) => {
                "Only admins change units, plan details, scores and users".into()
            }
            (Forbidden::NotYourLead { task, unit }, Lang::Vi) => {
                format!(
                    "Chỉ đơn vị chủ trì (hoặc quản trị) được xóa nhiệm vụ #{task}; đơn vị {unit} của bạn chỉ phối hợp"
                )
            }
            (Forbidden::NotYourLead { task, unit }, Lang::En) => {
                format!(
                    "Only the lead unit (or an admin) may delete task #{task}; your unit {unit} only supports it"
                )
            }
        }
    }
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoTask(TaskId),
    TaskExists(TaskId),
    NoUnit(UnitCode),
    BadUnitCode(String),
    UnitInUse(UnitCode, usize),
    UnitExists(UnitCode),
    BadArea(AreaId),
    BadProgress(u8),
    EmptyTitle,
    TooLong(Field, usize),
    NoItem(usize),
    Empty,
    /// A score for area 0 or above 8: only the eight dimensions are scored.
    NotADimension(AreaId),
    /// A score outside 1–10 (in hundredths).
    BadScore(u16),
    BadYear(i32),
    NoUser(String),
    BadUserName(String),
    /// Not an OpenSSH public key line.
    BadKey,
    /// The key already belongs to this other user.
    KeyInUse(String),
    /// An editor needs the unit whose tasks they change.
    EditorNeedsUnit,
    /// The user's role does not allow the command (see `access::allowed`).
    Forbidden(Forbidden),
    /// More items than a list takes (`limits`).
    TooMany(Field, usize),
    /// A date outside `limits::FIRST_YEAR`–`LAST_YEAR`.
    DateOutOfRange(chrono::NaiveDate),
    /// A plan year outside `limits::FIRST_YEAR`–`LAST_YEAR`.
    YearOutOfRange(i32),
    EmptyUnitName,
}

impl Refusal {
    /// The refusal in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.message_vi(),
            Lang::En => self.message_en(),
        }
    }

    fn message_vi(&self) -> String {
        use Refusal::*;
        match self {
            NoTask(id) => format!("Không có nhiệm vụ số {id}"),
            TaskExists(id) => format!("Nhiệm vụ số {id} đã có"),
            NoUnit(c) => format!("Không có đơn vị “{c}”"),
            BadUnitCode(c) => {
                format!("Mã đơn vị “{c}” không hợp lệ (chữ thường không dấu, số, tối đa 12)")
            }
            UnitInUse(c, n) => format!(
                "Đơn vị “{c}” còn {n} nhiệm vụ; hãy nói chuyển chúng sang đơn vị nào (--to MÃ)"
            ),
            UnitExists(c) => format!("Đã có đơn vị “{c}”"),
            BadArea(a) => format!("Lĩnh vực {a} không có (0–8)"),
            BadProgress(p) => format!("Tiến độ {p}% không hợp lệ (0–100)"),
            EmptyTitle => "Tên nhiệm vụ không được để trống".into(),
            TooLong(f, n) => format!("{} quá dài (tối đa {n} ký tự)", f.name(Lang::Vi)),
            NoItem(i) => format!("Không có mục {i} trong danh mục việc"),
            Empty => "Không có gì để thực hiện".into(),
            NotADimension(a) => {
                format!("Chỉ số nội dung {a} không có: điểm PAPI chỉ cho chỉ số 1–8")
            }
            NoUser(n) => format!("Không có người dùng “{n}”"),
            BadUserName(n) => format!(
                "Tên người dùng “{n}” không hợp lệ (chữ thường không dấu, số, . _ -, tối đa {})",
                super::user::MAX_NAME
            ),
            BadKey => {
                "Khóa công khai không hợp lệ (cần một dòng OpenSSH như “ssh-ed25519 AAAA…”)".into()
            }
            KeyInUse(n) => format!("Khóa này đã thuộc về người dùng “{n}”"),
            EditorNeedsUnit => "Người sửa (editor) cần một đơn vị (--unit MÃ)".into(),
            TooMany(f, n) => format!("{} có quá nhiều mục (tối đa {n})", f.name(Lang::Vi)),
            DateOutOfRange(d) => format!(
                "Ngày {} nằm ngoài khoảng {}–{}",
                d.format("%d/%m/%Y"),
                super::limits::FIRST_YEAR,
                super::limits::LAST_YEAR
            ),
            YearOutOfRange(y) => format!(
                "Năm kế hoạch {y} nằm ngoài khoảng {}–{}",
                super::limits::FIRST_YEAR,
                super::limits::LAST_YEAR
            ),
            EmptyUnitName => "Tên đơn vị không được để trống".into(),
            BadYear(y) => format!(
                "Năm {y} không hợp lệ ({}–{})",
                super::score::FIRST_YEAR,
                super::score::LAST_YEAR
            ),
            BadScore(s) => {
                let s = super::score::format_score(*s, Lang::Vi);
                format!("Điểm {s} không hợp lệ (từ 1 đến 10)")
            }
            Forbidden(f) => f.message(Lang::Vi),
        }
    }

    fn message_en(&self) -> String {
        use Refusal::*;
        match self {
            NoTask(id) => format!("No task with id {id}"),
            TaskExists(id) => format!("Task {id} already exists"),
            NoUnit(c) => format!("Unknown unit “{c}”"),
            BadUnitCode(c) => {
                format!("Invalid unit code “{c}” (lowercase ASCII letters/digits, at most 12)")
            }
            UnitInUse(c, n) => {
                format!("Unit “{c}” still has {n} tasks; say where they go (--to CODE)")
            }
            UnitExists(c) => format!("Unit “{c}” already exists"),
            BadArea(a) => format!("No area {a} (0–8)"),
            BadProgress(p) => format!("Progress {p}% is invalid (0–100)"),
            EmptyTitle => "The title cannot be empty".into(),
            TooLong(f, n) => {
                format!("{} is too long (at most {n} characters)", f.name(Lang::En))
            }
            NoItem(i) => format!("No checklist item {i}"),
            Empty => "Nothing to do".into(),
            NotADimension(a) => {
                format!("No dimension {a}: PAPI scores exist for dimensions 1–8")
            }
            NoUser(n) => format!("No user “{n}”"),
            BadUserName(n) => format!(
                "Invalid user name “{n}” (lowercase ASCII letters, digits, . _ -, at most {})",
                super::user::MAX_NAME
            ),
            BadKey => {
                "Invalid public key (expected an OpenSSH line like “ssh-ed25519 AAAA…”)".into()
            }
            KeyInUse(n) => format!("This key already belongs to user “{n}”"),
            EditorNeedsUnit => "An editor needs a unit (--unit CODE)".into(),
            TooMany(f, n) => {
                format!("{} has too many items (at most {n})", f.name(Lang::En))
            }
            DateOutOfRange(d) => format!(
                "The date {} is outside {}–{}",
                d.format("%d/%m/%Y"),
                super::limits::FIRST_YEAR,
                super::limits::LAST_YEAR
            ),
            YearOutOfRange(y) => format!(
                "The plan year {y} is outside {}–{}",
                super::limits::FIRST_YEAR,
                super::limits::LAST_YEAR
            ),
            EmptyUnitName => "The unit's name cannot be empty".into(),
            BadYear(y) => format!(
                "Year {y} is invalid ({}–{})",
                super::score::FIRST_YEAR,
                super::score::LAST_YEAR
            ),

            BadScore(s) => {
                let s = super::score::format_score(*s, Lang::En);
                format!("Score {s} is invalid (1 to 10)")
            }
            Forbidden(f) => f.message(Lang::En),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::{Board, Ctx};
    use crate::domain::command::Command;
    use crate::domain::task::Task;
    use crate::domain::unit::plan_preset;

    #[test]
    fn a_refused_field_is_named_in_the_users_language() {
        let mut board = Board::new(Default::default(), plan_preset());
        let long = Task::new(&"ư".repeat(501), 1, "vp");
        let ctx = Ctx {
            now: 1,
            author: "test".into(),
        };
        let why = board.apply(Command::AddTask(long), &ctx).unwrap_err();
        assert_eq!(
            why.message(Lang::Vi),
            "Tên nhiệm vụ quá dài (tối đa 500 ký tự)"
        );
        assert_eq!(
            why.message(Lang::En),
            "The title is too long (at most 500 characters)"
        );
        let mut many = Task::new("Việc", 1, "vp");
        many.support = vec!["tp".into(); 41];
        let why = board.apply(Command::AddTask(many), &ctx).unwrap_err();
        assert_eq!(
            why.message(Lang::Vi),
            "Danh sách đơn vị phối hợp có quá nhiều mục (tối đa 40)"
        );
    }
}
