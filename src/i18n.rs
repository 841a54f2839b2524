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
    // messages
    NoTasks => "Không có nhiệm vụ nào.", "No tasks.";
    BoardNotYet => "Giao diện bảng chưa có trong phiên bản này; hãy dùng `papi-board status` hoặc `papi-board list`.", "The interactive board is not in this version yet; use `papi-board status` or `papi-board list`.";
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
