//! `--help` in the interface language. `Cli::command()` stays the one clap
//! definition (its texts are English; the man pages are made from it); for
//! Vietnamese every text of it is looked up in [`VI`] by its English words,
//! and clap's own headings and flags are put in Vietnamese too.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::domain::Lang;

/// The command line in `lang`.
pub fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Vi => vietnamese(Cli::command(), true),
    }
}

/// The language `--help` speaks, known before the command line is parsed:
/// `--lang` (or `--lang=`), else `PAPI_BOARD_LANG`, else Vietnamese.
pub fn lang_of(args: &[OsString]) -> Lang {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.as_str() {
            "--lang" => words.get(i + 1).cloned(),
            _ => w.strip_prefix("--lang=").map(str::to_string),
        });
    given
        .or_else(|| std::env::var("PAPI_BOARD_LANG").ok())
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::Vi)
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// `cmd` with its texts, its arguments' and its subcommands' in Vietnamese.
fn vietnamese(mut cmd: Command, top: bool) -> Command {
    if let Some(v) = cmd.get_about().and_then(|a| vi(&a.to_string())) {
        cmd = cmd.about(v);
    }
    if let Some(v) = cmd.get_long_about().and_then(|a| vi(&a.to_string())) {
        cmd = cmd.long_about(v);
    }
    let args: Vec<(clap::Id, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.is_positional()))
        .collect();
    for (id, positional) in args {
        cmd = cmd.mut_arg(id, |a| {
            let heading = if positional {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            let a = a.help_heading(heading);
            match a.get_help().and_then(|h| vi(&h.to_string())) {
                Some(v) => a.help(v),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| vietnamese(s, false));
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp này")
                .help_heading("Tùy chọn"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    cmd
}

fn vi(en: &str) -> Option<&'static str> {
    VI.iter().find(|(e, _)| *e == en).map(|(_, v)| *v)
}

/// Every English text of the command line, with its Vietnamese.
const VI: &[(&str, &str)] = &[
    (
        "Write the progress report (.docx, .xlsx, .csv, .md or .json; `-` for standard output)",
        "Viết báo cáo tiến độ (.docx, .xlsx, .csv, .md hoặc .json; `-` là ra màn hình)",
    ),
    (
        "docx, xlsx, csv, md or json (default: from the file's extension)",
        "docx, xlsx, csv, md hoặc json (mặc định: theo đuôi tệp)",
    ),
    (
        "The report period: 2025-Q2, 2025-H1, 2025-9M, 2025 or FROM..TO (default: as of today)",
        "Kỳ báo cáo: 2025-Q2, 2025-H1, 2025-9M, 2025 hoặc TỪ..ĐẾN (mặc định: tính đến hôm nay)",
    ),
    ("Write over an existing file", "Ghi đè tệp đã có"),
    (
        "A task board for a commune's PAPI improvement plan",
        "Bảng theo dõi kế hoạch nâng cao chỉ số PAPI của xã",
    ),
    (
        "A terminal task board for a commune's PAPI improvement plan.\n\nWithout a command it opens the board. On first use the board holds the\n2025 plan of Hòa Phong commune (Kế hoạch 05/KH-UBND) as an example.",
        "Bảng theo dõi kế hoạch nâng cao chỉ số PAPI của xã, trên màn hình dòng lệnh.\n\nKhông có lệnh thì mở bảng. Lần đầu dùng, bảng có sẵn kế hoạch năm 2025\ncủa xã Hòa Phong (Kế hoạch 05/KH-UBND) làm ví dụ.",
    ),
    (
        "Database directory (default: the platform data directory, e.g. ~/.local/share/papi-board/db)",
        "Thư mục cơ sở dữ liệu (mặc định: thư mục dữ liệu của hệ thống, vd. ~/.local/share/papi-board/db)",
    ),
    (
        "Take this date as today (YYYY-MM-DD) for every class and view",
        "Coi ngày này là hôm nay (YYYY-MM-DD) cho mọi phân loại và màn hình",
    ),
    (
        "Which plan: a year (2025) or a board id; default the newest plan",
        "Kế hoạch nào: một năm (2025) hoặc số bảng; mặc định kế hoạch mới nhất",
    ),
    (
        "Interface language: vi (default) or en",
        "Ngôn ngữ giao diện: vi (mặc định) hoặc en",
    ),
    (
        "Turn on the mouse (click to select, wheel to scroll); off by default so copy and paste work over SSH",
        "Bật chuột (bấm để chọn, cuộn để cuộn); mặc định tắt để sao chép, dán được qua SSH",
    ),
    (
        "Draw with ASCII only, for old consoles",
        "Chỉ vẽ bằng ký tự ASCII, cho màn hình cũ",
    ),
    (
        "Settings file (default: the platform config directory, e.g. ~/.config/papi-board/config.toml)",
        "Tệp cài đặt (mặc định: thư mục cấu hình của hệ thống, vd. ~/.config/papi-board/config.toml)",
    ),
    (
        "The morning check: the four report classes overall, per area and per unit; overdue and due-soon tasks",
        "Xem nhanh buổi sáng: bốn nhóm báo cáo, theo lĩnh vực và theo đơn vị; việc quá hạn và sắp đến hạn",
    ),
    (
        "The full tables by dimension and by unit, and every overdue task",
        "Bảng đầy đủ theo lĩnh vực và theo đơn vị, và mọi việc quá hạn",
    ),
    ("Only this area (0–8)", "Chỉ lĩnh vực này (0–8)"),
    (
        "Only tasks this unit leads or supports",
        "Chỉ việc đơn vị này chủ trì hoặc phối hợp",
    ),
    (
        "Over SSH: the whole board, not only your unit's work",
        "Qua SSH: cả bảng, không chỉ việc của đơn vị mình",
    ),
    ("List tasks", "Liệt kê nhiệm vụ"),
    (
        "todo, doing, blocked or done",
        "todo, doing, blocked hoặc done",
    ),
    ("Only overdue tasks", "Chỉ việc quá hạn"),
    (
        "Search like the board's `/`: words without accents, @unit #area status:… !overdue !week",
        "Tìm như `/` trên bảng: từ không dấu, @đơn-vị #lĩnh-vực status:… !overdue !week",
    ),
    (
        "Show one task with every field",
        "Xem một nhiệm vụ với mọi trường",
    ),
    (
        "Create the database; --empty gives a board without the sample plan",
        "Tạo cơ sở dữ liệu; --empty cho bảng trống, không có kế hoạch mẫu",
    ),
    (
        "Published PAPI scores per dimension and year (1–10), shown in the overview beside the tasks",
        "Điểm PAPI đã công bố theo lĩnh vực và năm (1–10), hiện ở màn hình tổng quan cạnh nhiệm vụ",
    ),
    (
        "Record a score: `scores set 2024 8 3,05` (dimension 1–8, score 1–10)",
        "Ghi một điểm: `scores set 2024 8 3,05` (lĩnh vực 1–8, điểm 1–10)",
    ),
    (
        "List the recorded scores, one row per year",
        "Liệt kê điểm đã ghi, mỗi năm một dòng",
    ),
    (
        "Remove a recorded score: `scores clear 2024 8`",
        "Xóa một điểm đã ghi: `scores clear 2024 8`",
    ),
    (
        "Add a task in the quick-add syntax: 'Title @lead +support #area !deadline'; prints the new id",
        "Thêm nhiệm vụ theo cú pháp thêm nhanh: 'Tên @chủ-trì +phối-hợp #lĩnh-vực !thời-hạn'; in số của nhiệm vụ mới",
    ),
    ("Print the new task as JSON", "In nhiệm vụ mới dạng JSON"),
    (
        "Status of the new task (default todo)",
        "Tình trạng của nhiệm vụ mới (mặc định todo)",
    ),
    (
        "Move a task to another column: todo, doing, blocked or done",
        "Chuyển nhiệm vụ sang cột khác: todo, doing, blocked hoặc done",
    ),
    (
        "With blocked: what holds the task up (khó khăn, vướng mắc)",
        "Với blocked: khó khăn, vướng mắc của nhiệm vụ",
    ),
    (
        "Add a progress note to a task (--result: a result, reported for its period)",
        "Thêm ghi chú tiến độ (--result: kết quả thực hiện, báo cáo theo kỳ của nó)",
    ),
    (
        "Mark the note as a result (kết quả thực hiện)",
        "Đánh dấu ghi chú là kết quả thực hiện",
    ),
    (
        "The day it happened (dd/mm/yyyy or YYYY-MM-DD; default now)",
        "Ngày diễn ra (dd/mm/yyyy hoặc YYYY-MM-DD; mặc định bây giờ)",
    ),
    ("Change fields of a task", "Sửa các trường của nhiệm vụ"),
    (
        "Deadline in any wording (\"Quý II/2025\", \"30/6/2025\", \"Thường xuyên\"); empty for none",
        "Thời hạn, viết kiểu nào cũng được (\"Quý II/2025\", \"30/6/2025\", \"Thường xuyên\"); để trống là không có",
    ),
    (
        "Lead unit code (or the start of its name)",
        "Mã đơn vị chủ trì (hoặc đầu tên đơn vị)",
    ),
    (
        "Supporting units, comma-separated (empty for none)",
        "Đơn vị phối hợp, cách nhau bằng dấu phẩy (để trống là không có)",
    ),
    ("Area 0–8", "Lĩnh vực 0–8"),
    ("Progress 0–100", "Tiến độ 0–100"),
    (
        "Evidence (minh chứng): a link or file reference; empty for none",
        "Minh chứng: đường dẫn hoặc tên tệp; để trống là không có",
    ),
    (
        "Add a result (kết quả thực hiện), dated now",
        "Thêm kết quả thực hiện, ghi ngày bây giờ",
    ),
    (
        "The difficulty (khó khăn, vướng mắc); empty closes it",
        "Khó khăn, vướng mắc; để trống là đã hết",
    ),
    (
        "The proposal (đề xuất, kiến nghị); empty for none",
        "Đề xuất, kiến nghị; để trống là không có",
    ),
    (
        "Delete a task (undo brings it back)",
        "Xóa nhiệm vụ (hoàn tác sẽ lấy lại)",
    ),
    (
        "Undo your last change",
        "Hoàn tác thay đổi gần nhất của bạn",
    ),
    (
        "Redo your last undone change",
        "Làm lại thay đổi vừa hoàn tác",
    ),
    (
        "Import a plan (.docx, .pdf, .doc, .txt, .md) or a task table (.csv, .xlsx, .xls, .ods); one undo step",
        "Nhập kế hoạch (.docx, .pdf, .doc, .txt, .md) hoặc bảng nhiệm vụ (.csv, .xlsx, .xls, .ods); hoàn tác một lần",
    ),
    (
        "Show what would be created and change nothing",
        "Cho xem sẽ tạo những gì, không thay đổi gì",
    ),
    (
        "Save the whole database (tasks, units, notes, history, scores…) as readable JSON lines; gzip-compressed if FILE ends in .gz",
        "Lưu cả cơ sở dữ liệu (nhiệm vụ, đơn vị, ghi chú, lịch sử, điểm…) thành các dòng JSON đọc được; nén gzip nếu FILE có đuôi .gz",
    ),
    (
        "Restore a backup into an empty database (--force moves a non-empty one aside first)",
        "Khôi phục bản sao lưu vào cơ sở dữ liệu trống (--force dời cơ sở dữ liệu đang có sang chỗ khác trước)",
    ),
    (
        "Serve the board over SSH: every connection gets its own board session, changes appear everywhere at once",
        "Mở bảng qua SSH: mỗi kết nối có phiên bảng riêng, thay đổi hiện ngay ở mọi nơi",
    ),
    (
        "Address to listen on; serving beyond this machine takes an explicit address",
        "Địa chỉ lắng nghe; muốn phục vụ ra ngoài máy này phải ghi rõ địa chỉ",
    ),
    (
        "At most this many SSH connections at once",
        "Tối đa bấy nhiêu kết nối SSH cùng lúc",
    ),
    (
        "Seconds of silence before a client is asked whether it is still there (3 missed answers drop it)",
        "Số giây im lặng trước khi hỏi máy khách còn không (3 lần không trả lời thì ngắt)",
    ),
    (
        "Seconds a connection has to log in before it is cut",
        "Số giây để đăng nhập trước khi kết nối bị cắt",
    ),
    (
        "The plans in this database, one board a year, with their counts",
        "Các kế hoạch trong cơ sở dữ liệu, mỗi năm một bảng, kèm số liệu",
    ),
    (
        "Start next year's plan from this one: ongoing and open tasks go along, done ones stay",
        "Lập kế hoạch năm sau từ kế hoạch này: việc thường xuyên và chưa xong chuyển theo, việc đã xong ở lại",
    ),
    ("The new plan's year", "Năm của kế hoạch mới"),
    (
        "Only say what would move",
        "Chỉ cho biết việc nào sẽ chuyển",
    ),
    (
        "Open a closed (read-only) plan for changes again",
        "Mở lại kế hoạch đã đóng (chỉ đọc) để sửa",
    ),
    ("Its year or id", "Năm hoặc số của nó"),
    (
        "The responsible units: list, add, rename, retire, merge, remove (tasks follow)",
        "Các đơn vị thực hiện: liệt kê, thêm, đổi tên, ngừng, gộp, xóa (nhiệm vụ đi theo)",
    ),
    (
        "List the units with how many tasks each leads and supports",
        "Liệt kê đơn vị với số việc chủ trì và phối hợp",
    ),
    (
        "Add a unit: a short code (lowercase, no accents) and its name",
        "Thêm đơn vị: mã ngắn (chữ thường, không dấu) và tên",
    ),
    (
        "Give a unit a new name (its tasks follow: they refer to the code)",
        "Đổi tên đơn vị (nhiệm vụ đi theo: chúng ghi theo mã)",
    ),
    (
        "Retire a unit: its tasks keep it, new tasks cannot choose it",
        "Ngừng một đơn vị: việc cũ giữ nguyên, việc mới không chọn được",
    ),
    ("Bring a retired unit back", "Dùng lại đơn vị đã ngừng"),
    (
        "Join a unit into another: every task moves, the first unit goes away (one undo step)",
        "Gộp đơn vị vào đơn vị khác: mọi việc chuyển sang, đơn vị đầu bị bỏ (hoàn tác một lần)",
    ),
    (
        "Delete a unit; if it still has tasks, say where they go with --to",
        "Xóa đơn vị; nếu còn việc, dùng --to để nói chuyển đi đâu",
    ),
    (
        "The plan's details: number, date, commune, year, title, target, who signs its reports",
        "Thông tin kế hoạch: số, ngày, xã, năm, tên, mục tiêu, người ký báo cáo",
    ),
    ("Show the plan's details", "Xem thông tin kế hoạch"),
    (
        "Change the plan's details (number, date, commune, year, title, target) and who signs its reports",
        "Sửa thông tin kế hoạch (số, ngày, xã, năm, tên, mục tiêu) và người ký báo cáo",
    ),
    ("e.g. 05/KH-UBND", "vd. 05/KH-UBND"),
    ("dd/mm/yyyy", "dd/mm/yyyy (ngày/tháng/năm)"),
    (
        "e.g. \"tăng bậc so với năm 2024\"",
        "vd. \"tăng bậc so với năm 2024\"",
    ),
    (
        "The issuing body, lines separated by ';' (default \"ỦY BAN NHÂN DÂN;XÃ <COMMUNE>\")",
        "Cơ quan ban hành, các dòng cách nhau bằng ';' (mặc định \"ỦY BAN NHÂN DÂN;XÃ <TÊN XÃ>\")",
    ),
    (
        "Who signs the reports (full name)",
        "Người ký báo cáo (họ và tên)",
    ),
    (
        "The authority above the signature, lines separated by ';' (e.g. \"TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH\")",
        "Thẩm quyền ký, các dòng cách nhau bằng ';' (vd. \"TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH\")",
    ),
    (
        "Nơi nhận, separated by ';' (e.g. \"UBND huyện Hòa Vang;Đảng ủy xã;Lưu: VT\")",
        "Nơi nhận, cách nhau bằng ';' (vd. \"UBND huyện Hòa Vang;Đảng ủy xã;Lưu: VT\")",
    ),
    (
        "Verify the database without changing it; --salvage NEW copies every readable record into a new database",
        "Kiểm tra cơ sở dữ liệu mà không thay đổi; --salvage MỚI chép mọi bản ghi đọc được sang cơ sở dữ liệu mới",
    ),
    (
        "A new database directory to copy the readable records into",
        "Thư mục cơ sở dữ liệu mới để chép các bản ghi đọc được vào",
    ),
    (
        "Who may connect over SSH: add, list, remove users (public keys and roles)",
        "Ai được kết nối qua SSH: thêm, liệt kê, xóa người dùng (khóa công khai và vai trò)",
    ),
    (
        "Add a user who may connect over SSH (or replace the user of that name)",
        "Thêm người dùng được kết nối qua SSH (hoặc thay người cùng tên)",
    ),
    (
        "The SSH login name: lowercase letters, digits, . _ -",
        "Tên đăng nhập SSH: chữ thường, chữ số, . _ -",
    ),
    (
        "The OpenSSH public key line ('ssh-ed25519 AAAA… comment'), or a .pub file",
        "Dòng khóa công khai OpenSSH ('ssh-ed25519 AAAA… ghi chú'), hoặc tệp .pub",
    ),
    (
        "admin, editor or viewer",
        "admin (quản trị), editor (sửa) hoặc viewer (xem)",
    ),
    (
        "The unit an editor works for (its code)",
        "Đơn vị của người sửa (mã đơn vị)",
    ),
    ("List the users", "Liệt kê người dùng"),
    (
        "Remove a user (their sessions can change nothing from then on)",
        "Xóa người dùng (từ đó các phiên của họ không sửa được gì)",
    ),
    (
        "The audit trail: every change with who made it and when",
        "Nhật ký thay đổi: mọi thay đổi, ai làm và khi nào",
    ),
    ("Only changes of this task", "Chỉ thay đổi của nhiệm vụ này"),
    ("Only changes by this user", "Chỉ thay đổi của người này"),
    (
        "Only changes on or after this day (YYYY-MM-DD)",
        "Chỉ thay đổi từ ngày này trở đi (YYYY-MM-DD)",
    ),
    (
        "The settings file: write a commented default (init), where it is read from (path), check it (check)",
        "Tệp cài đặt: viết tệp mặc định có chú thích (init), đọc từ đâu (path), kiểm tra (check)",
    ),
    (
        "Write a commented default settings file (refuses to overwrite one without --force)",
        "Viết tệp cài đặt mặc định có chú thích (không ghi đè nếu thiếu --force)",
    ),
    (
        "Print where the settings file is read from",
        "In nơi đọc tệp cài đặt",
    ),
    (
        "Check the settings file: every problem with its line",
        "Kiểm tra tệp cài đặt: mọi lỗi kèm dòng của nó",
    ),
    (
        "Print the key reference from the key table (with the config file's remaps; --markdown: the default table, as in docs/keys.md)",
        "In bảng phím từ bảng phím (có các phím đã đổi trong tệp cài đặt; --markdown: bảng mặc định, như docs/keys.md)",
    ),
    (
        "Fill a NEW database with N synthetic tasks, for benchmarks and for trying the board at scale",
        "Điền vào cơ sở dữ liệu MỚI N nhiệm vụ giả, để đo tốc độ và thử bảng lớn",
    ),
    (
        "Write the manual pages and the bash completion into DIR, for packaging",
        "Viết trang hướng dẫn (man) và gợi ý lệnh bash vào DIR, để đóng gói",
    ),
    (
        "The program that holds the database for every window, started by papi-board itself",
        "Chương trình giữ cơ sở dữ liệu cho mọi cửa sổ, do chính papi-board khởi động",
    ),
    (
        "The database directory did not exist before",
        "Thư mục cơ sở dữ liệu trước đó chưa có",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of every command and argument.
    fn texts(cmd: &Command, out: &mut Vec<String>) {
        out.extend(cmd.get_about().map(|a| a.to_string()));
        out.extend(cmd.get_long_about().map(|a| a.to_string()));
        for a in cmd.get_arguments() {
            out.extend(a.get_help().map(|h| h.to_string()));
        }
        for s in cmd.get_subcommands() {
            texts(s, out);
        }
    }

    /// A new option or command cannot be added without its Vietnamese.
    #[test]
    fn every_text_has_its_vietnamese() {
        let mut all = Vec::new();
        texts(&Cli::command(), &mut all);
        let missing: Vec<&String> = all.iter().filter(|t| vi(t).is_none()).collect();
        let stale: Vec<&str> = VI
            .iter()
            .map(|(en, _)| *en)
            .filter(|en| !all.iter().any(|t| t == en))
            .collect();
        assert!(stale.is_empty(), "texts no command has any more: {stale:?}");
        assert!(
            missing.is_empty(),
            "{}",
            missing
                .iter()
                .map(|m| format!("(\"{m}\", \"\"),"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args("papi-board --lang en --help")), Lang::En);
        assert_eq!(lang_of(&args("papi-board status --lang=en")), Lang::En);
    }
}
