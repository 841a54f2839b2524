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
    DueSoon => "Đến hạn trong {} ngày tới", "Due in the next {} days";
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
    FEvidence => "Minh chứng", "Evidence";
    FNotes => "Ghi chú tiến độ", "Progress notes";
    FChecklist => "Danh mục việc", "Checklist";
    FCreated => "Tạo lúc", "Created";
    FUpdated => "Sửa lúc", "Updated";
    FCompleted => "Hoàn thành lúc", "Completed";
    FClass => "Phân loại", "Class";
    FHistory => "Lịch sử", "History";
    // actions (help and key reference)
    ActQuit => "Thoát", "Quit";
    ActForceQuit => "Thoát ngay, ở mọi nơi (đang gõ dở thì hỏi trước)", "Quit from anywhere (asks first over typed text)";
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
    ActQuickAdd => "Thêm nhanh nhiệm vụ (@đơn vị +phối hợp #lĩnh vực !thời hạn)", "Quick-add a task (@unit +support #area !deadline)";
    ActEditForm => "Sửa nhiệm vụ (biểu mẫu đầy đủ)", "Edit the task (full form)";
    ActEditExternal => "Sửa nội dung bằng trình soạn thảo ($EDITOR)", "Edit the description in $EDITOR";
    ActAddNote => "Ghi chú tiến độ", "Add a progress note";
    ActDelete => "Xóa nhiệm vụ (hỏi lại; hoàn tác được)", "Delete the task (asks first; undoable)";
    ActProgressUp => "Tăng tiến độ 10%", "Progress +10%";
    ActProgressDown => "Giảm tiến độ 10%", "Progress −10%";
    ActChecklist => "Danh mục việc của nhiệm vụ", "The task's checklist";
    ActTelex => "Bật/tắt gõ Telex có sẵn (trong ô nhập)", "Built-in Telex on/off (in text fields)";
    ActSearch => "Tìm (không cần dấu; @đơn vị #lĩnh vực status:… !quahan !tuan)", "Search (accents optional; @unit #area status:… !overdue !week)";
    ActSort => "Đổi thứ tự thẻ: thời hạn, tên, mới sửa", "Cycle card order: deadline, title, last change";
    PromptSearch => "Tìm>", "Search>";
    HintCompare => "so sánh", "compare";
    ActCompare => "So sánh với kế hoạch năm trước (bật/tắt)", "Compare with last year's plan (on/off)";
    NoEarlierPlan => "Chưa có kế hoạch năm trước để so sánh", "No earlier plan to compare with";
    CompareTitle => "So sánh hai năm theo lĩnh vực", "Two years side by side, by dimension";
    CmpTasks => "NV", "Tasks";
    CmpOnTime => "Đ.hạn", "OnTime";
    CmpOverdue => "Q.hạn", "Late";
    CmpScore => "Điểm", "Score";
    ActPickBoard => "Chọn kế hoạch (năm) khác, hoặc tạo kế hoạch năm sau", "Pick another plan (year), or start next year's";
    PickBoardTitle => "Kế hoạch ({choose}: mở, {cancel}: thôi)", "Plans ({choose}: open, {cancel}: cancel)";
    PickBoardNew => "Tạo kế hoạch năm", "Start the plan for";
    PickBoardNewHint => "chép nhiệm vụ thường xuyên và chưa xong", "copies ongoing and open tasks";
    MsgBoardOpened => "Đã mở kế hoạch năm", "Opened the plan for";
    ActExport => "Xuất báo cáo của màn hình hiện tại (.xlsx, .csv, .md, .json)", "Export the current view's report (.xlsx, .csv, .md, .json)";
    PromptExport => "Lưu báo cáo vào>", "Save the report to>";
    MsgExported => "Đã xuất báo cáo", "Report written";
    MsgLocalOnly => "Việc này chỉ làm được trên máy đang chạy bảng; báo cáo qua SSH: ssh … export - --format csv > bao-cao.csv", "Only on the machine running the board; a report over SSH: ssh … export - --format csv > report.csv";
    SortDeadline => "xếp theo hạn", "by deadline";
    SortTitle => "xếp theo tên", "by title";
    SortChanged => "mới sửa trước", "recent first";
    SearchLabel => "tìm", "search";
    ActRowUp => "Lên dòng trên", "Row above";
    ActRowDown => "Xuống dòng dưới", "Row below";
    ActColLeft => "Sang cột trái (ma trận)", "Column to the left (matrix)";
    ActColRight => "Sang cột phải (ma trận)", "Column to the right (matrix)";
    ActPageUp => "Lên một trang", "Page up";
    ActPageDown => "Xuống một trang", "Page down";
    ActTop => "Về dòng đầu", "First row";
    ActBottom => "Đến dòng cuối", "Last row";
    ActOpenOnBoard => "Mở trên bảng: lọc theo dòng hoặc ô đang chọn, hoặc đến nhiệm vụ", "Open on the board: filtered to the row or cell, or at the task";
    ActEnterScore => "Nhập điểm PAPI của chỉ số đang chọn (năm của kế hoạch)", "Record the PAPI score of the selected dimension (the plan's year)";
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
    HelpSummary => "Trong tổng quan, ma trận, thời hạn", "In the overview, matrix and deadlines";
    HelpFooter => "Bấm phím bất kỳ để đóng · {up}{down} cuộn", "Press any key to close · {up}{down} scroll";
    PickUnitTitle => "Chọn đơn vị (gõ để lọc, {choose} chọn, {cancel} thôi)", "Pick a unit (type to filter, {choose} picks, {cancel} cancels)";
    EmptyLane => "(trống)", "(empty)";
    // summary views
    Sum => "Cộng", "Total";
    HdrDoneOnTime => "HT\nđúng hạn", "Done\non time";
    HdrDoneLate => "HT\nquá hạn", "Done\nlate";
    HdrOpenOnTime => "Trong\nhạn", "Open\non time";
    HdrOpenOverdue => "Quá\nhạn", "Open\noverdue";
    LeadUnits => "Đơn vị chủ trì", "Lead units";
    MostOverdue => "Quá hạn lâu nhất", "Most overdue";
    MoreOverdue => "nhiệm vụ quá hạn khác: xem màn hình 4", "more overdue tasks: see view 4";
    OverviewAll => "Toàn kế hoạch", "Whole plan";
    PapiScore => "Điểm PAPI", "PAPI score";
    Weakest => "thấp nhất", "weakest";
    NoScores => "chưa nhập (s)", "none yet (s)";
    ScorePrompt => "Điểm PAPI", "PAPI score";
    ScorePromptKeys => "{submit} lưu · {clear} xóa điểm · {cancel} thôi", "{submit} saves · {clear} clears · {cancel} cancels";
    ScoreNow => "hiện", "now";
    ScoreInvalid => "Điểm phải là số từ 1 đến 10, ví dụ 5,23", "The score must be a number from 1 to 10, e.g. 5.23";
    ScoreNeedsDimension => "Chọn dòng của một chỉ số 1–8 trong Tổng quan để nhập điểm", "Select a dimension row (1–8) in the overview to record a score";
    MatrixCorner => "Lĩnh vực \\ Đơn vị", "Area \\ Unit";
    MatrixLegend1 => "ô = hoàn thành/tổng số nhiệm vụ do đơn vị chủ trì", "cell = done/total of the tasks the unit leads";
    MatrixLegendOverdue => "có nhiệm vụ quá hạn", "some overdue";
    MatrixLegendLate => "có HT quá hạn", "some done late";
    MatrixLegendOnTime => "tất cả HT đúng hạn", "all done on time";
    MatrixLegendPlain => "!: có nhiệm vụ quá hạn", "!: some overdue";
    HzOverdue => "Quá hạn", "Overdue";
    HzThisWeek => "Tuần này, đến Chủ nhật", "This week, to Sunday";
    HzThisWeekShort => "Tuần này", "This week";
    HzThisMonth => "Tháng này", "This month";
    HzMonth => "Tháng", "Month";
    HzLater => "Sau đó", "Later";
    DaysLate => "quá {} ngày", "{} days late";
    DaysLeft => "còn {} ngày", "in {} days";
    DueToday => "hôm nay", "today";
    DayLate => "quá 1 ngày", "1 day late";
    DayLeft => "còn 1 ngày", "in 1 day";
    LeadOnly => "chủ trì", "lead";
    HintOpen => "mở trên bảng", "open on board";
    HintScore => "nhập điểm", "score";
    ScoreArgYear => "Năm phải là một số, ví dụ 2024", "The year must be a number, e.g. 2024";
    ScoreArgDim => "Chỉ số nội dung phải là một số từ 1 đến 8", "The dimension must be a number from 1 to 8";
    ScoreNone => "Chưa có điểm PAPI", "No PAPI score recorded for";
    ScoresEmpty => "Chưa nhập điểm PAPI nào. Nhập bằng: papi-board scores set NĂM CHỈ_SỐ ĐIỂM (ví dụ: scores set 2024 8 3,05)", "No PAPI scores recorded. Record one with: papi-board scores set YEAR DIMENSION SCORE (e.g. scores set 2024 8 3.05)";
    // messages
    MsgSaved => "Đã lưu", "Saved";
    MsgNotDeleted => "Không xóa", "Not deleted";
    UnitCode => "Mã", "Code";
    ImOwnBoard => "Kế hoạch này thuộc một năm khác: nhập vào bảng riêng của năm", "This plan is for another year: imported into its own board for";
    BadBoard => "Cần năm kế hoạch (vd 2025) hoặc số bảng", "Expected a plan year (e.g. 2025) or a board id";
    BoardClosed => "đã khép, chỉ xem", "closed, read-only";
    RolloverWould => "Sẽ chuyển kế hoạch", "Would carry the plan";
    RolloverDone => "Đã tạo kế hoạch mới", "New plan created";
    RolloverOngoing => "Nhiệm vụ thường xuyên chép sang", "Ongoing duties copied";
    RolloverCarried => "Nhiệm vụ chưa xong chuyển sang", "Open tasks carried over";
    RolloverLeft => "Nhiệm vụ đã xong ở lại năm cũ", "Done tasks left behind";
    UnitLeadShort => "chủ trì", "leads";
    UnitSupportShort => "phối hợp", "supports";
    UnitRetired => "ngừng", "retired";
    UnitMerged => "Đã gộp đơn vị", "Units merged";
    PlanNumber => "Số", "Number";
    PlanDate => "Ngày", "Date";
    PlanCommune => "Xã", "Commune";
    PlanYear => "Năm", "Year";
    PlanTitle => "Tên kế hoạch", "Title";
    PlanTarget => "Mục tiêu", "Target";
    BadDateDmy => "Ngày không hợp lệ", "Invalid date";
    BadYear => "Năm phải từ 1990 đến 2100", "The year must be 1990 to 2100";
    PromptQuickAdd => "Thêm nhanh>", "Quick add>";
    PromptNote => "Ghi chú", "Note";
    PreviewDue => "hạn", "due";
    PromptDelete => "Xóa nhiệm vụ", "Delete task";
    FormTitle => "Sửa nhiệm vụ", "Edit task";
    TelexOn => "TELEX", "TELEX";
    MsgNoChange => "Không có thay đổi", "No change";
    MsgEditorFailed => "Không mở được trình soạn thảo", "Could not run the editor";
    ErrTitleEmpty => "Tên nhiệm vụ không được để trống", "The title cannot be empty";
    ErrProgress => "Tiến độ là số từ 0 đến 100", "Progress is a number from 0 to 100";
    ErrNoteEmpty => "Ghi chú trống", "The note is empty";
    MsgRefused => "Không thực hiện được", "Refused";
    MsgUndone => "Đã hoàn tác", "Undone";
    MsgRedone => "Đã làm lại", "Redone";
    NoTasks => "Không có nhiệm vụ nào.", "No tasks.";
    NeedTerminal => "Bảng cần một cửa sổ dòng lệnh (terminal); để lấy số liệu trong tập lệnh, dùng `papi-board status` hoặc `list --json`.", "The board needs a terminal; for scripts use `papi-board status` or `list --json`.";
    TerminalError => "Lỗi cửa sổ dòng lệnh", "Terminal error";
    InitDone => "Đã tạo bảng trống tại", "Created an empty board at";
    InitSample => "Đã tạo bảng theo kế hoạch mẫu tại", "Created a board from the sample plan at";
    InitExists => "Đã có bảng tại", "A board already exists at";
    BadDate => "Ngày không hợp lệ (cần YYYY-MM-DD)", "Invalid date (expected YYYY-MM-DD)";
    UnknownUnit => "Không có đơn vị", "Unknown unit";
    UnknownArea => "Lĩnh vực phải từ 0 đến 8", "The area must be 0 to 8";
    UnknownStatus => "Tình trạng phải là todo, doing, blocked hoặc done", "The status must be todo, doing, blocked or done";
    NoSuchTask => "Không có nhiệm vụ số", "No task with id";
    Generated => "Đã tạo nhiệm vụ mẫu", "Generated sample tasks";
    GenerateNotEmpty => "Chỉ tạo dữ liệu mẫu trong cơ sở dữ liệu mới (dùng --db THƯ_MỤC_MỚI)", "Generate only fills a new database (use --db NEW_DIR)";
    // serving over SSH, users and the audit trail
    SrvListening => "Đang phục vụ bảng qua SSH tại", "Serving the board over SSH at";
    SrvFingerprint => "Dấu vân tay khóa máy chủ (hãy đối chiếu khi kết nối lần đầu)", "Host key fingerprint (check it on first connection)";
    SrvConnect => "Kết nối", "Connect with";
    SrvNoUsers => "Chưa có người dùng nào; thêm bằng: papi-board user add TÊN --key 'ssh-ed25519 AAAA…' --role admin", "No users yet; add one with: papi-board user add NAME --key 'ssh-ed25519 AAAA…' --role admin";
    SrvStopped => "Đã dừng máy chủ; dữ liệu đã được lưu.", "Server stopped; everything is saved.";
    SrvBusy => "Máy chủ đã đủ số phiên tối đa, hãy thử lại sau.", "The server has its maximum number of sessions; try again later.";
    SrvServedElsewhere => "Bảng đang được phục vụ qua SSH; hãy kết nối:", "The board is being served over SSH; connect with:";
    SrvBadListen => "Địa chỉ --listen không hợp lệ (cần IP:CỔNG, ví dụ 127.0.0.1:2222)", "Invalid --listen address (expected IP:PORT, e.g. 127.0.0.1:2222)";
    SrvNotARemoteCommand => "Lệnh này không chạy được qua SSH; dùng: status, list, show, history, export -", "This command does not run over SSH; use: status, list, show, history, export -";
    // the SSH server's budgets, revocation and refusals
    SrvRevoked => "Quyền truy cập của bạn đã bị thu hồi (người dùng bị xóa hoặc khóa đã được thay); phiên này đóng lại.", "Your access was withdrawn (the user was removed or the key replaced); this session is closing.";
    SrvNoSubsystem => "Máy chủ này chỉ có bảng và các lệnh (status, list, show, history, export -); không có dịch vụ", "This server has only the board and its commands (status, list, show, history, export -); there is no service";
    SrvLoginTimeout => "Hết thời gian đăng nhập", "Login took too long";
    SrvKeyTextOnly => "Qua SSH, --key phải là chính dòng khóa công khai ('ssh-ed25519 AAAA…'), không phải tên tệp", "Over SSH, --key takes the public key line itself ('ssh-ed25519 AAAA…'), not a file name";
    SrvNoServerFiles => "Qua SSH không chỉ được đến tệp trên máy chủ; dùng export - để nhận báo cáo", "Over SSH no file of the server can be named; use export - to receive the report";
    SrvHostKeyExposed => "Cảnh báo: khóa máy chủ đã để người khác đọc được; đã đặt lại quyền 0600 (nếu có người lạ đã đọc, hãy xóa tệp để tạo khóa mới)", "Warning: the host key was readable by others; its mode is 0600 again (if a stranger may have read it, delete the file to make a new key)";
    SrvIdle => "Kết nối không mở phiên nào quá lâu", "The connection opened no session for too long";
    UserAdded => "Đã lưu người dùng", "Saved user";
    UserRemoved => "Đã xóa người dùng", "Removed user";
    UserNone => "Chưa có người dùng nào.", "No users.";
    UserBadRole => "Vai trò phải là admin, editor hoặc viewer", "The role must be admin, editor or viewer";
    UserBadKeyFile => "Không đọc được khóa", "Cannot read the key";
    HistNone => "Chưa có thay đổi nào.", "No changes.";
    HistMoved => "chuyển sang", "moved to";
    HistProgress => "tiến độ", "progress";
    HistNote => "ghi chú", "note";
    HistCreated => "tạo nhiệm vụ", "created the task";
    HistDeleted => "xóa nhiệm vụ", "deleted the task";
    HistEdited => "sửa nhiệm vụ", "edited the task";
    HistChecklist => "sửa danh mục việc", "changed the checklist";
    HistUnit => "lưu đơn vị", "saved unit";
    HistRemoveUnit => "xóa đơn vị", "removed unit";
    HistMeta => "sửa thông tin kế hoạch", "edited the plan details";
    HistScore => "điểm PAPI", "PAPI score";
    HistUser => "lưu người dùng", "saved user";
    HistRemoveUser => "xóa người dùng", "removed user";
    HistChanges => "thay đổi", "changes";
    HistReverses => "đảo lại", "reverses";
    // the progress report (export) and import/backup
    RpStt => "STT", "No.";
    RpTask => "Nhiệm vụ", "Task";
    RpLead => "Đơn vị chủ trì", "Lead unit";
    RpSupport => "Đơn vị phối hợp", "Supporting units";
    RpDue => "Thời hạn", "Deadline";
    RpOutput => "Kết quả thực hiện / Sản phẩm", "Results / output";
    RpStatus => "Tình trạng", "Status";
    RpProblems => "Khó khăn, vướng mắc", "Difficulties";
    RpProposals => "Đề xuất, kiến nghị", "Proposals";
    RpCommittee => "ỦY BAN NHÂN DÂN XÃ", "PEOPLE'S COMMITTEE OF";
    RpTitle => "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ", "PROGRESS REPORT ON PLAN NO.";
    RpAsOf => "Tính đến ngày", "As of";
    RpSheetReport => "Báo cáo", "Report";
    RpSheetSummary => "Tổng hợp", "Summary";
    RpByArea => "Tổng hợp theo lĩnh vực", "Counts by dimension";
    RpByUnit => "Tổng hợp theo đơn vị chủ trì", "Counts by lead unit";
    RpGrandTotal => "Tổng cộng", "Total";
    RpCount => "Tổng số", "Total";
    RpDoneOnTime => "Đã hoàn thành đúng hạn", "Done on time";
    RpDoneLate => "Đã hoàn thành quá hạn", "Done late";
    RpOpenOnTime => "Chưa hoàn thành, trong hạn", "Open, on time";
    RpOpenOverdue => "Chưa hoàn thành, quá hạn", "Open, overdue";
    RpProgressWord => "tiến độ", "progress";
    RpWritten => "Đã ghi báo cáo", "Report written";
    RpNoStdoutXlsx => "Tệp .xlsx, .docx không ghi ra màn hình được; hãy đặt tên tệp, hoặc dùng --format csv|md|json", "An .xlsx or .docx cannot go to standard output; give a file name, or use --format csv|md|json";
    RpUnknownFormat => "Định dạng báo cáo phải là docx, xlsx, csv, md hoặc json", "The report format must be docx, xlsx, csv, md or json";
    ImDryRun => "Chạy thử — không thay đổi gì. Sẽ tạo:", "Dry run — nothing changed. Would create:";
    ImNewUnits => "Đơn vị mới", "New units";
    ImWarnings => "Lưu ý", "Notes";
    ImPlanMeta => "Thông tin kế hoạch", "Plan details";
    ImDone => "Đã nhập (một bước hoàn tác)", "Imported (one undo step)";
    ImNothing => "Không có gì mới để nhập", "Nothing new to import";
    BkWritten => "Đã sao lưu", "Backed up";
    BkRestored => "Đã khôi phục", "Restored";
    BkOldKept => "Cơ sở dữ liệu cũ được giữ tại", "The old database is kept at";
    // check and salvage
    CkChecking => "Kiểm tra cơ sở dữ liệu", "Checking the database";
    CkSchema => "Lược đồ", "Schema";
    CkUnits => "đơn vị", "units";
    CkUsers => "người dùng", "users";
    CkChanges => "thay đổi trong lịch sử", "changes in the history";
    CkScores => "điểm PAPI", "PAPI scores";
    CkLastChange => "Thay đổi gần nhất", "Latest change";
    CkClean => "Không có lỗi: mọi bản ghi đọc được và đúng quy tắc.", "No problems: every record reads and follows the rules.";
    CkProblems => "Có lỗi", "Problems";
    CkFailed => "cơ sở dữ liệu có lỗi (xem trên); không có gì bị thay đổi", "the database has problems (see above); nothing was changed";
    CkNoDatabase => "Không có cơ sở dữ liệu tại", "No database at";
    CkNewestBackup => "Bản sao lưu tự động mới nhất", "The newest automatic backup";
    CkSalvageHint => "Chép mọi bản ghi đọc được sang cơ sở dữ liệu mới", "Copy every readable record into a new database";
    CkSalvaged => "Đã chép sang cơ sở dữ liệu mới", "Copied into the new database";
    CkRemadeUnit => "đơn vị không đọc được, đã tạo lại với tên là mã", "a unit that was unreadable, made again with its code as name";
    CkOldKept => "Cơ sở dữ liệu cũ được giữ nguyên, không bị thay đổi.", "The old database is left as it was.";
    CkBackupWarn => "cảnh báo: không ghi được bản sao lưu tự động hằng ngày", "warning: the automatic daily backup could not be written";
    CkSomeLost => "một số bản ghi không đọc được (xem trên); cơ sở dữ liệu mới giữ phần còn lại", "some records could not be read (see above); the new database holds the rest";
    // one database, many programs: the owner and its clients (term::local)
    LocalOtherUser => "Cơ sở dữ liệu này thuộc về một người dùng khác trên máy; không mở được.", "This database belongs to another user of this machine; it cannot be opened.";
    LocalLost => "Chương trình giữ cơ sở dữ liệu đã dừng đột ngột; mọi thay đổi đã được xác nhận đều đã lưu. Hãy chạy lại papi-board.", "The program holding the database stopped unexpectedly; every change that was confirmed is saved. Start papi-board again.";
    LocalNoOwner => "Không khởi động được chương trình giữ cơ sở dữ liệu", "Could not start the program that holds the database";
    LocalNotAlone => "Bảng đang mở ở cửa sổ khác; việc này chỉ làm được khi chỉ còn một cửa sổ. Hãy đóng các cửa sổ kia rồi thử lại.", "The board is open in other windows; this can only be done from the only window. Close the others and try again.";
    LocalOtherPlan => "Cửa sổ khác đang mở một kế hoạch khác; đóng chúng rồi thử lại, hoặc dùng cùng kế hoạch", "Other windows have another plan open; close them and try again, or use the same plan";
    LocalBusyRestore => "Cơ sở dữ liệu đang mở ở cửa sổ khác (hoặc đang phục vụ qua SSH); khôi phục thay cả cơ sở dữ liệu, hãy đóng chúng rồi thử lại.", "The database is open in another window (or being served over SSH); a restore replaces the whole database, so close them and try again.";
    LocalServeBusy => "Cơ sở dữ liệu đang mở ở cửa sổ khác; hãy đóng các cửa sổ đó rồi chạy `papi-board serve` (các cửa sổ mở sau sẽ dùng chung máy chủ).", "The database is open in another window; close those windows, then start `papi-board serve` (windows opened afterwards share the server).";
    LocalOwnOnly => "papi-board tự chạy lệnh này khi cần.", "papi-board runs this command itself when it needs it.";
    // the config file and the key reference
    CfgSyntax => "lỗi cú pháp TOML", "TOML syntax error";
    CfgUnreadable => "không đọc được tệp cấu hình", "cannot read the config file";
    CfgAllDefaults => "mọi thiết lập dùng giá trị mặc định", "every setting uses its default";
    CfgUnknownSetting => "không có thiết lập này (bỏ qua)", "no such setting (ignored)";
    CfgBadValue => "giá trị không hợp lệ, dùng mặc định", "invalid value, default used";
    CfgExpected => "cần", "expected";
    CfgUnknownAction => "không có thao tác này (danh sách: papi-board keys)", "no such action (the list: papi-board keys)";
    CfgUnknownScope => "không có nhóm phím này; có: global, board, views, summary, details", "no such key group; there are: global, board, views, summary, details";
    CfgBadKey => "không hiểu phím (ví dụ: \"l\", \"L\", \"Ctrl+R\", \"F5\", \"PgDn\", \"Space\")", "unknown key (e.g. \"l\", \"L\", \"Ctrl+R\", \"F5\", \"PgDn\", \"Space\")";
    CfgNotInScope => "thao tác này không có phím trong nhóm", "this action has no keys in the group";
    CfgNoKeys => "cần ít nhất một phím", "give at least one key";
    CfgConflict => "phím {key} đã dùng cho “{other}” ({scope}); “{action}” giữ phím mặc định", "key {key} already means “{other}” ({scope}); “{action}” keeps its default keys";
    CfgNotice => "Tệp cấu hình có lỗi, đã dùng mặc định cho phần lỗi", "The config file has problems; defaults used for those parts";
    CfgSeeCheck => "xem: papi-board config check", "see: papi-board config check";
    CfgWritten => "Đã ghi tệp cấu hình mặc định", "Wrote the default config file";
    CfgExists => "Tệp cấu hình đã có; thêm --force để ghi đè", "The config file already exists; --force overwrites it";
    CfgFine => "Tệp cấu hình hợp lệ", "The config file is valid";
    CfgAbsent => "Chưa có tệp cấu hình, đang dùng mặc định (tạo bằng: papi-board config init)", "No config file; the defaults are in use (create one with: papi-board config init)";
    KeysTitle => "Phím tắt của papi-board", "papi-board keys";
    KeysKey => "Phím", "Key";
    KeysAction => "Thao tác", "Action";
    KeysName => "Tên trong tệp cấu hình", "Name in the config file";
    KeysDefaultNote => "Đây là bảng phím mặc định, sinh từ bảng phím trong mã nguồn (`papi-board keys --markdown`). Nếu tệp cấu hình đổi phím, `papi-board keys` in ra phím đang dùng.", "This is the default key table, generated from the key table in the source (`papi-board keys --markdown`). When the config file remaps keys, `papi-board keys` prints the keys in use.";
    KeysRemapNote => "Đổi phím trong tệp cấu hình, mục [keys]: tên_thao_tác = \"phím\" hoặc [\"phím\", \"phím\"]; chỉ một nhóm: {scopes}.", "Remap keys in the config file's [keys] table: action_name = \"key\" or [\"key\", \"key\"]; one group only: {scopes}.";
    // the adaptive board and the summary screens at any size
    StTodoShort => "Chưa TH", "To do";
    StDoingShort => "Đang TH", "Doing";
    StBlockedShort => "Vướng", "Blocked";
    StDoneShort => "Xong", "Done";
    NoSelection => "Không có thẻ nào được chọn", "No card selected";
    HintColumn => "cột", "column";
    HdrDone => "Đã\nHT", "\nDone";
    HdrProgress => "Tiến\nđộ", "\nProgr.";
    // overlays: their scopes in help and the key reference, their keys
    HelpSearch => "Trong ô tìm (/)", "In the search box (/)";
    HelpPrompt => "Trong dòng nhập (thêm nhanh, ghi chú, tên tệp báo cáo, thêm việc, tệp cần nhập)", "In a one-line prompt (quick-add, note, report file, checklist item, file to import)";
    HelpConfirm => "Khi được hỏi có/không", "When asked yes or no";
    HelpChecklist => "Trong danh mục việc (c)", "In the checklist (c)";
    HelpForm => "Trong biểu mẫu (e)", "In the form (e)";
    HelpUnitPicker => "Khi chọn đơn vị (F)", "Picking a unit (F)";
    HelpAreaPicker => "Khi chọn lĩnh vực (f, rồi số 0–8)", "Picking an area (f, then 0–8)";
    HelpBoardPicker => "Khi chọn kế hoạch (b)", "Picking a plan (b)";
    HelpScore => "Khi nhập điểm PAPI (s)", "Recording a PAPI score (s)";
    HelpHelp => "Trong trợ giúp", "In this help";
    ActPickDown => "Xuống mục dưới", "Next item";
    ActPickUp => "Lên mục trên", "Previous item";
    ActChoose => "Chọn (trong biểu mẫu: chọn rồi sang ô sau)", "Choose (in the form: choose, then the next field)";
    ActTick => "Chọn / bỏ chọn, ở lại ô này (chọn nhiều)", "Tick / untick and stay (several choices)";
    ActSubmit => "Lưu / xong", "Save / done";
    ActCancel => "Đóng / thôi (nếu đã gõ gì thì hỏi lại trước)", "Close / cancel (asks first if something was typed)";
    ActNextMatch => "Đến kết quả sau", "Next match";
    ActPrevMatch => "Về kết quả trước", "Previous match";
    ActYes => "Có", "Yes";
    ActNo => "Không", "No";
    ActItemDown => "Xuống việc dưới", "Next item";
    ActItemUp => "Lên việc trên", "Previous item";
    ActToggleItem => "Đánh dấu xong / chưa", "Tick / untick";
    ActAddItem => "Thêm việc", "Add an item";
    ActRemoveItem => "Xóa việc", "Delete the item";
    ActMoveItemDown => "Chuyển việc xuống", "Move the item down";
    ActMoveItemUp => "Chuyển việc lên", "Move the item up";
    ActNextField => "Sang ô sau", "Next field";
    ActPrevField => "Về ô trước", "Previous field";
    ActSave => "Lưu", "Save";
    ActClearScore => "Xóa điểm đã nhập", "Clear the recorded score";
    PromptDiscard => "Bỏ nội dung đang gõ?", "Discard what you typed?";
    HintSave => "lưu", "save";
    HintCancel => "thôi", "cancel";
    HintDiscard => "bỏ", "discard";
    HintFilterType => "gõ để lọc", "type to filter";
    HintTick => "chọn nhiều", "multi-select";
    // the form's hints (true to what each key does in the focused field)
    HintNextField => "ô sau", "next field";
    HintPrevField => "ô trước", "back";
    HintNewLine => "xuống dòng", "new line";
    HintPickNext => "chọn, sang ô sau", "pick, next field";
    // the form's labels on a narrow screen (the others are short already)
    FTitleShort => "Tên", "Title";
    FSubShort => "Thành phần", "Sub-dim.";
    FLeadShort => "Chủ trì", "Lead";
    FSupportShort => "Phối hợp", "Support";
    HintItemTick => "xong/chưa", "tick";
    HintItemAdd => "thêm", "add";
    HintItemDelete => "xóa", "delete";
    HintItemMove => "đổi chỗ", "reorder";
    HintPick => "chọn", "pick";
    HintOpenBoard => "mở", "open";
    HintClearScore => "xóa điểm", "clears";
    HintScroll => "cuộn", "scroll";
    // the morning check (status)
    MLead => "Chủ trì", "Lead";
    MSupport => "Phối hợp", "Support";
    BlockedTasks => "Nhiệm vụ vướng mắc", "Blocked tasks";
    ChangedSince => "Thay đổi từ hôm qua", "Changed since yesterday";
    HistCreatedN => "tạo {} nhiệm vụ", "created {} tasks";
    HistUnitsN => "lưu {} đơn vị", "saved {} units";
    // what a report says of a task: results, difficulties, proposals; periods; the official report
    RsReasonOnlyBlocked => "--reason chỉ dùng khi chuyển sang Vướng mắc (blocked)", "--reason goes with a move to blocked only";
    HistResult => "kết quả", "result";
    FResults => "Kết quả thực hiện", "Results";
    FProblem => "Khó khăn, vướng mắc", "Difficulty";
    FProposal => "Đề xuất, kiến nghị", "Proposal";
    FPastProblems => "Khó khăn, vướng mắc đã qua", "Past difficulties";
    RsSince => "từ", "since";
    RsNotStated => "(không ghi rõ)", "(not stated)";
    PlanIssuer => "Cơ quan ban hành", "Issuing body";
    PlanSigner => "Người ký", "Signer";
    PlanSignerTitle => "Thẩm quyền ký", "Signing authority";
    PlanRecipients => "Nơi nhận", "Recipients";
    RsBadDate => "Ngày không hợp lệ (dd/mm/yyyy hoặc YYYY-MM-DD)", "Not a valid date (dd/mm/yyyy or YYYY-MM-DD)";
    RpGeneral => "Nhiệm vụ chung", "General tasks";
    RpPeriod => "Kỳ báo cáo", "Period";
    RpBadPeriod => "Kỳ báo cáo phải là 2025-Q2, 2025-H1, 2025-9M, 2025 hoặc TỪ..ĐẾN (ngày dd/mm/yyyy)", "The period must be 2025-Q2, 2025-H1, 2025-9M, 2025 or FROM..TO (days as dd/mm/yyyy)";
    RpExists => "Tệp đã có; thêm --force để ghi đè", "The file exists; add --force to write over it";
    PromptBlocked => "Vướng mắc gì", "What blocks it";
    HintLeaveEmpty => "để trống", "leave empty";
    ActToggleResult => "Ghi chú: đánh dấu là kết quả (hoặc bỏ)", "Note: mark it as a result (or not)";
    HintResult => "kết quả", "result";
    PromptResult => "Kết quả", "Result";
    PromptOverwrite => "đã có. Ghi đè?", "exists. Write over it?";
    MsgNotOverwritten => "Không ghi đè: tệp cũ giữ nguyên", "Not written over: the file is as it was";
    // importing a plan from the board (I)
    ActImport => "Nhập kế hoạch hoặc biểu nhiệm vụ từ tệp (xem trước rồi mới nhập)", "Import a plan or task table from a file (previewed first)";
    PromptImport => "Nhập kế hoạch từ tệp>", "Import the plan in file>";
    ImportPreviewTitle => "Xem trước khi nhập", "Before importing";
    HelpImportPreview => "Khi xem trước kế hoạch sắp nhập (I)", "Previewing a plan to import (I)";
    HintImport => "nhập", "import";
    HintCancelImport => "hủy, không nhập", "cancel, import nothing";
    MsgImported => "Đã nhập {} nhiệm vụ (u để hoàn tác)", "Imported {} tasks (u undoes)";
    MsgImportCancelled => "Đã hủy: không nhập gì", "Cancelled: nothing imported";
    MsgImportOtherYear => "Kế hoạch này của năm {}: mở kế hoạch năm đó (b) rồi nhập", "This plan is for {}: open that year's plan (b), then import";
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

    /// A Vietnamese letter: a Latin letter with a diacritic (ă, ơ, đ, ế…).
    pub fn is_vietnamese_letter(c: char) -> bool {
        c.is_alphabetic() && matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
    }

    /// English mode shows no Vietnamese interface word: no English string
    /// of the catalog holds a Vietnamese letter.
    #[test]
    fn english_strings_hold_no_vietnamese() {
        assert!("Thường xuyên".chars().any(is_vietnamese_letter));
        assert!(
            !"Area × unit matrix — “Ongoing”"
                .chars()
                .any(is_vietnamese_letter)
        );
        let leftovers: Vec<(S, &str)> = S::ALL
            .iter()
            .map(|s| (*s, s.t(Lang::En)))
            .filter(|(_, en)| en.chars().any(is_vietnamese_letter))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
