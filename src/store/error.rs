//! What can go wrong with the store, and how it is said to the user.

use std::path::PathBuf;

use crate::domain::Lang;
use crate::domain::board::Refusal;

/// What can go wrong with the store, in words a commune officer understands.
#[derive(Debug)]
pub enum StoreError {
    /// Another papi-board process has the database open.
    Locked(PathBuf),
    /// The files are damaged.
    Corrupt(PathBuf, String),
    /// Made by a newer version of papi-board.
    Newer(PathBuf, u8),
    Io(PathBuf, String),
    Refused(Refusal),
    NothingToUndo,
    NothingToRedo,
    /// A board for that year exists already (rollover).
    BoardExists(i32),
    /// No board matches what was asked for.
    NoBoard(String),
    /// Last year's board: read-only until reopened.
    ReadOnly(i32),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        let vi = lang.is_vi();
        match self {
            Locked(p) if vi => format!(
                "Bảng công việc tại {} đang được mở ở nơi khác (một cửa sổ hoặc một người dùng khác). Hãy đóng nơi đó rồi thử lại.",
                p.display()
            ),
            Locked(p) => format!(
                "The board at {} is already open elsewhere (another window or user). Close it there and try again.",
                p.display()
            ),
            Corrupt(p, e) if vi => format!(
                "Cơ sở dữ liệu tại {} bị hỏng ({e}). Không có gì bị thay đổi; hãy chạy `papi-board check` hoặc khôi phục từ bản sao lưu.",
                p.display()
            ),
            Corrupt(p, e) => format!(
                "The database at {} is damaged ({e}). Nothing was changed; run `papi-board check` or restore a backup.",
                p.display()
            ),
            Newer(p, v) if vi => format!(
                "Cơ sở dữ liệu tại {} do phiên bản papi-board mới hơn tạo (lược đồ {v}). Hãy cập nhật chương trình.",
                p.display()
            ),
            Newer(p, v) => format!(
                "The database at {} was written by a newer papi-board (schema {v}). Please update the program.",
                p.display()
            ),
            Io(p, e) if vi => format!("Không mở được {}: {e}", p.display()),
            Io(p, e) => format!("Cannot open {}: {e}", p.display()),
            Refused(r) => r.message(lang),
            NothingToUndo if vi => "Không còn gì để hoàn tác".into(),
            NothingToUndo => "Nothing to undo".into(),
            NothingToRedo if vi => "Không còn gì để làm lại".into(),
            NothingToRedo => "Nothing to redo".into(),
            BoardExists(y) if vi => {
                format!("Đã có kế hoạch năm {y} (hoặc năm không hợp lệ); xem `papi-board boards`")
            }
            BoardExists(y) => format!(
                "A plan for {y} exists already (or the year is invalid); see `papi-board boards`"
            ),
            NoBoard(s) if vi => format!("Không có kế hoạch “{s}”; xem `papi-board boards`"),
            NoBoard(s) => format!("No plan “{s}”; see `papi-board boards`"),
            ReadOnly(y) if vi => format!(
                "Kế hoạch năm {y} đã khép lại, chỉ để xem; mở lại bằng `papi-board reopen {y}`"
            ),
            ReadOnly(y) => format!(
                "The {y} plan is closed and read-only; reopen it with `papi-board reopen {y}`"
            ),
        }
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}
