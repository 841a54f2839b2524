//! Every interface string, Vietnamese and English side by side. An entry
//! without both languages does not compile; a test checks none is blank.

use crate::domain::Lang;

macro_rules! catalog {
    ($($key:ident => $vi:expr, $en:expr;)*) => {
        /// A string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($key),* }
        impl S {
            pub const ALL: &'static [S] = &[$(S::$key),*];
            /// The string in the given language.
            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$key, Lang::Vi) => $vi, (S::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalog! {
    // statuses (columns)
    StTodo => "Chưa thực hiện", "To do";
    StDoing => "Đang thực hiện", "In progress";
    StBlocked => "Vướng mắc", "Blocked";
    StDone => "Hoàn thành", "Done";
    // report classes
    ClDoneOnTime => "Hoàn thành đúng hạn", "Done on time";
    ClDoneLate => "Hoàn thành quá hạn", "Done late";
    ClOpenOnTime => "Đang thực hiện trong hạn", "Open, on time";
    ClOpenOverdue => "Quá hạn", "Overdue";
    ClDoneOnTimeShort => "HT đúng hạn", "Done ok";
    ClDoneLateShort => "HT quá hạn", "Done late";
    ClOpenOnTimeShort => "Trong hạn", "On time";
    ClOpenOverdueShort => "Quá hạn", "Overdue";
    // status command
    Plan => "Kế hoạch", "Plan";
    Commune => "xã", "commune";
    Year => "năm", "year";
    AsOf => "tính đến ngày", "as of";
    Total => "Tổng", "Total";
    TotalTasks => "Tổng số nhiệm vụ", "Total tasks";
    Area => "Lĩnh vực", "Area";
    Unit => "Đơn vị", "Unit";
    Progress => "Tiến độ", "Progress";
    ProgressShort => "Tiến độ", "Progr.";
    OverdueTasks => "Nhiệm vụ quá hạn", "Overdue tasks";
    DueSoon => "Đến hạn trong 7 ngày tới", "Due in the next 7 days";
    NoneItem => "(không có)", "(none)";
    Ongoing => "Thường xuyên", "Ongoing";
    NoDeadline => "Không thời hạn", "No deadline";
    // fields
    FTitle => "Tên nhiệm vụ", "Title";
    FDescription => "Nội dung", "Description";
    FArea => "Lĩnh vực", "Area";
    FSub => "Nội dung thành phần", "Sub-dimension";
    FLead => "Đơn vị chủ trì", "Lead unit";
    FSupport => "Đơn vị phối hợp", "Supporting units";
    FStatus => "Tình trạng", "Status";
    FDue => "Thời hạn", "Deadline";
    FProgress => "Tiến độ", "Progress";
    FOutput => "Sản phẩm", "Output";
    FNotes => "Ghi chú tiến độ", "Progress notes";
    FChecklist => "Danh mục việc", "Checklist";
    FCreated => "Tạo lúc", "Created";
    FUpdated => "Sửa lúc", "Updated";
    FCompleted => "Hoàn thành lúc", "Completed";
    FClass => "Phân loại", "Class";
    FHistory => "Lịch sử", "History";
    // actions (help and key reference)
    ActQuit => "Thoát", "Quit";
    ActForceQuit => "Thoát ngay (ở mọi nơi)", "Quit from anywhere";
    ActHelp => "Trợ giúp: danh sách phím", "Help: the key list";
    ActLeft => "Sang cột trái", "Column to the left";
    ActRight => "Sang cột phải", "Column to the right";
    ActUp => "Lên thẻ trên", "Card above";
    ActDown => "Xuống thẻ dưới", "Card below";
    ActNextLane => "Sang làn sau", "Next lane";
    ActPrevLane => "Về làn trước", "Previous lane";
    ActFirst => "Về thẻ đầu cột", "First card of the column";
    ActLast => "Đến thẻ cuối cột", "Last card of the column";
    ActMoveLeft => "Chuyển thẻ sang cột trái (lưu ngay)", "Move the card to the previous column (saved at once)";
    ActMoveRight => "Chuyển thẻ sang cột phải (lưu ngay)", "Move the card to the next column (saved at once)";
    ActToggleDone => "Đánh dấu hoàn thành / mở lại", "Mark done / reopen";
    ActDetails => "Xem chi tiết nhiệm vụ", "Task details";
    ActGrouping => "Đổi cách chia làn: lĩnh vực, đơn vị, không chia", "Cycle lanes: by area, by unit, none";
    ActFold => "Thu gọn / mở làn hiện tại", "Fold / unfold the current lane";
    ActFoldAll => "Thu gọn / mở mọi làn", "Fold / unfold all lanes";
    ActEmptyLanes => "Ẩn / hiện làn trống", "Hide / show empty lanes";
    ActFilterArea => "Lọc theo lĩnh vực (rồi bấm số 0–8)", "Filter by area (then a digit 0–8)";
    ActFilterUnit => "Lọc theo đơn vị (chọn trong danh sách)", "Filter by unit (pick from a list)";
    ActClearFilter => "Bỏ lọc", "Clear the filter";
    ActViewBoard => "Xem bảng", "Board view";
    ActViewOverview => "Xem tổng quan", "Overview";
    ActViewMatrix => "Xem ma trận lĩnh vực × đơn vị", "Area × unit matrix";
    ActViewDeadlines => "Xem thời hạn", "Deadlines";
    ActUndo => "Hoàn tác", "Undo";
    ActRedo => "Làm lại", "Redo";
    ActClose => "Đóng", "Close";
    ActScrollDown => "Cuộn xuống", "Scroll down";
    ActScrollUp => "Cuộn lên", "Scroll up";
    // screen
    TooSmall => "Cửa sổ quá nhỏ, hãy phóng to", "Terminal too small, please enlarge";
    ViewBoard => "Bảng", "Board";
    ViewOverview => "Tổng quan", "Overview";
    ViewMatrix => "Ma trận", "Matrix";
    ViewDeadlines => "Thời hạn", "Deadlines";
    GroupArea => "Làn: lĩnh vực", "Lanes: area";
    GroupUnit => "Làn: đơn vị", "Lanes: unit";
    GroupNone => "Không chia làn", "No lanes";
    FilterLabel => "lọc", "filter";
    TasksWord => "nhiệm vụ", "tasks";
    AllTasks => "Tất cả nhiệm vụ", "All tasks";
    HintPickArea => "Lọc lĩnh vực: bấm 0–8 (phím khác: thôi)", "Filter by area: press 0–8 (any other key: cancel)";
    HintClose => "đóng", "close";
    HintDone => "xong/mở lại", "done/reopen";
    HintHelp => "trợ giúp", "help";
    HintMove => "chuyển", "move";
    HintDetails => "chi tiết", "details";
    HintQuit => "thoát", "quit";
    HelpTitle => "Phím tắt", "Keys";
    HelpBoard => "Trên bảng", "On the board";
    HelpViews => "Mọi màn hình", "Every view";
    HelpDetails => "Trong chi tiết", "In the details";
    HelpGlobal => "Ở mọi nơi", "Anywhere";
    HelpFooter => "Bấm phím bất kỳ để đóng · ↑↓ cuộn", "Press any key to close · ↑↓ scroll";
    PickUnitTitle => "Chọn đơn vị (gõ để lọc, Enter chọn, Esc thôi)", "Pick a unit (type to filter, Enter picks, Esc cancels)";
    NotYet => "Màn hình này sẽ có trong bản sau. Bấm 1 để về bảng.", "This view comes in a later version. Press 1 for the board.";
    EmptyLane => "(trống)", "(empty)";
    // messages
    MsgSaved => "Đã lưu", "Saved";
    MsgRefused => "Không thực hiện được", "Refused";
    MsgUndone => "Đã hoàn tác", "Undone";
    MsgRedone => "Đã làm lại", "Redone";
    NoTasks => "Không có nhiệm vụ nào.", "No tasks.";
    NeedTerminal => "Bảng cần một cửa sổ dòng lệnh (terminal); để lấy số liệu trong tập lệnh, dùng `papi-board status` hoặc `list --json`.", "The board needs a terminal; for scripts use `papi-board status` or `list --json`.";
    TerminalError => "Lỗi cửa sổ dòng lệnh", "Terminal error";
    InitDone => "Đã tạo bảng trống tại", "Created an empty board at";
    InitExists => "Đã có bảng tại", "A board already exists at";
    BadDate => "Ngày không hợp lệ (cần YYYY-MM-DD)", "Invalid date (expected YYYY-MM-DD)";
    UnknownUnit => "Không có đơn vị", "Unknown unit";
    UnknownArea => "Lĩnh vực phải từ 0 đến 8", "The area must be 0 to 8";
    UnknownStatus => "Tình trạng phải là todo, doing, blocked hoặc done", "The status must be todo, doing, blocked or done";
    NoSuchTask => "Không có nhiệm vụ số", "No task with id";
    Generated => "Đã tạo nhiệm vụ mẫu", "Generated sample tasks";
    GenerateNotEmpty => "Chỉ tạo dữ liệu mẫu trong cơ sở dữ liệu mới (dùng --db THƯ_MỤC_MỚI)", "Generate only fills a new database (use --db NEW_DIR)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for s in S::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert!(!s.t(lang).trim().is_empty(), "{s:?} is blank in {lang:?}");
            }
        }
    }
}
