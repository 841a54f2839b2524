//! Hostile text: titles, notes, units, plan details and imported cells
//! holding terminal escape sequences, C0 and C1 controls, bidirectional
//! overrides, zero-width characters and 10,000-character strings are kept
//! as text and drawn harmlessly. The real `ui::draw` writes through a
//! crossterm backend into a byte buffer, and the bytes are checked: the
//! only escape sequences in them are the backend's own styling and cursor
//! moves, never one that came from task text.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Event};
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, BoardMeta, Ctx};
use papi_board::domain::command::{ChecklistOp, Command};
use papi_board::domain::task::{Note, Status, Task};
use papi_board::domain::unit::{Unit, plan_preset};
use papi_board::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Each carries a marker word so its raw form can be looked for.
const HOSTILE: &[&str] = &[
    "\x1b[31mDOCHU\x1b[0m",                     // CSI: colour
    "\x1b]52;c;SGFja2Vk\x07CLIPBOARD",          // OSC 52: write the clipboard
    "\x1b]0;TITLEBAR\x1b\\",                    // OSC 0: window title, ST-terminated
    "\x1b[2J\x1b[HXOAMANHINH",                  // clear the screen
    "\u{9b}31mCSIMOT",                          // C1 CSI
    "\u{9d}0;C1OSC\u{9c}",                      // C1 OSC … ST
    "\x07\x08\x0b\x0c\x0eCZERO\x7f",            // BEL, BS, VT, FF, SO, DEL
    "abc\u{202e}NGUOC\u{202c}def",              // right-to-left override
    "vo\u{200b}hinh\u{200d}\u{2060}\u{feff}ZW", // zero-width characters
    "\x1bPq#DCS\x1b\\",                         // DCS (sixel)
];

/// Raw byte strings that must never reach the terminal.
const RAW: &[&[u8]] = &[
    b"\x1b[31mDOCHU",
    b"\x1b]",
    b"\x1bP",
    b"\x07",
    b"\x1b[2J\x1b[HXOAMANHINH",
    "\u{9b}".as_bytes(),
    "\u{9d}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{feff}".as_bytes(),
];

fn ctx() -> Ctx {
    Ctx {
        now: common::screen::NOW,
        author: "\x1b[31mtac\u{202e}gia".into(),
    }
}

/// A board where every text a user can type is hostile.
fn hostile_board() -> Board {
    let long: String = "Dài\u{202e}\x1b[1m".repeat(1250); // 10,000 chars
    assert_eq!(long.chars().count(), 10_000);
    let mut units = plan_preset();
    units.push(Unit::new("xx", "\x1b]52;c;SGFja2Vk\x07Đơn vị\u{9b}2J lạ"));
    let meta = BoardMeta {
        number: "\x1b[31mDOCHU".into(),
        date: "06/01/2025".into(),
        commune: "Hòa\u{202e} Phong\u{9b}31m".into(),
        year: 2025,
        title: "\x1b]0;TITLEBAR\x07Kế hoạch".into(),
        target: "\u{200b}".into(),
        signing: Default::default(),
    };
    let mut board = Board::new(meta, units);
    for (i, h) in HOSTILE.iter().enumerate() {
        let mut t = Task::new(
            &format!("{h} nhiệm vụ {i}"),
            (i % 9) as u8,
            if i % 2 == 0 { "xx" } else { "vp" },
        );
        t.description = format!("{h}\n{long}");
        t.output = (*h).to_string();
        t.evidence = Some(format!("https://x/{h}"));
        t.sub = Some((*h).to_string());
        t.status = Status::ALL[i % 4];
        t.due.text = Some((*h).to_string());
        board.apply(Command::AddTask(t), &ctx()).unwrap();
        let id = i as u64 + 1;
        board
            .apply(
                Command::AddNote {
                    id,
                    note: Note {
                        at: 0,
                        author: "\x1b[31m".into(),
                        text: format!("{h} {long}"),
                        result: false,
                    },
                },
                &ctx(),
            )
            .unwrap();
        board
            .apply(
                Command::Checklist {
                    id,
                    op: ChecklistOp::Add((*h).to_string()),
                },
                &ctx(),
            )
            .unwrap();
    }
    board
        .apply(
            Command::AddTask(Task::new(
                &long[..long.char_indices().nth(499).unwrap().0],
                1,
                "xx",
            )),
            &ctx(),
        )
        .unwrap();
    board
}

fn key(app: &mut App, repo: &mut MemRepo, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), repo);
}

fn typed(app: &mut App, repo: &mut MemRepo, text: &str) {
    for c in text.chars() {
        key(app, repo, KeyCode::Char(c));
    }
}

/// Bytes written to the backend, kept where the test can read them.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draw one frame into bytes, as the terminal would receive them.
fn frame(app: &mut App, repo: &mut MemRepo, w: u16, h: u16) -> Vec<u8> {
    app.update(Event::Resize(w, h), repo);
    let sink = Sink::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    term.draw(|f| papi_board::ui::draw(f, app, &repo.board, &Theme::default()))
        .unwrap();
    drop(term);
    sink.0.borrow().clone()
}

/// The escape sequences crossterm writes for ratatui: CSI with digits and
/// `;` then a final letter (colours, attributes, cursor moves, erase), and
/// `ESC[?25l`/`h`. Anything else is a failure.
fn check_bytes(bytes: &[u8], screen: &str) {
    for raw in RAW {
        assert!(
            !bytes.windows(raw.len()).any(|w| w == *raw),
            "{screen}: the frame holds the raw sequence {:?}",
            String::from_utf8_lossy(raw)
        );
    }
    let text = String::from_utf8(bytes.to_vec()).expect("the frame is UTF-8");
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "{screen}: a C1 control in the frame"
    );
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => {
                assert_eq!(
                    bytes.get(i + 1),
                    Some(&b'['),
                    "{screen}: ESC not followed by [ at {i}"
                );
                let mut j = i + 2;
                if bytes.get(j) == Some(&b'?') {
                    j += 1;
                }
                while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                    j += 1;
                }
                let fin = bytes.get(j).copied().unwrap_or(0);
                assert!(
                    b"mHJKlhABCDG".contains(&fin),
                    "{screen}: unexpected sequence {:?}",
                    String::from_utf8_lossy(&bytes[i..(j + 1).min(bytes.len())])
                );
                i = j + 1;
            }
            b @ (0x00..=0x1f | 0x7f) => {
                assert!(
                    b == b'\r' || b == b'\n',
                    "{screen}: control byte {b:#04x} at {i}"
                );
                i += 1;
            }
            _ => i += 1,
        }
    }
}

#[test]
fn hostile_text_is_drawn_visibly_and_never_reaches_the_terminal_raw() {
    let mut repo = MemRepo::new(hostile_board());
    let mut app = common::screen::app(Lang::Vi);
    let mut seen_visible = false;
    let mut screens: Vec<(&str, Vec<u8>)> = Vec::new();
    for (w, h) in [(80, 24), (160, 48), (40, 12)] {
        screens.push(("board", frame(&mut app, &mut repo, w, h)));
    }
    key(&mut app, &mut repo, KeyCode::Char('g'));
    screens.push(("board by unit", frame(&mut app, &mut repo, 160, 48)));
    key(&mut app, &mut repo, KeyCode::Enter);
    screens.push(("details", frame(&mut app, &mut repo, 120, 40)));
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Char('e'));
    screens.push(("form", frame(&mut app, &mut repo, 120, 40)));
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Char('c'));
    screens.push(("checklist", frame(&mut app, &mut repo, 120, 40)));
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Char('/'));
    typed(&mut app, &mut repo, "\x1b[31m\u{202e}\u{9b}DOCHU");
    screens.push(("search", frame(&mut app, &mut repo, 120, 40)));
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Char('a'));
    app.update(Event::Paste("\x1b]52;c;SGFja2Vk\x07 @xx".into()), &mut repo);
    screens.push(("quick add", frame(&mut app, &mut repo, 120, 40)));
    key(&mut app, &mut repo, KeyCode::Esc);
    key(&mut app, &mut repo, KeyCode::Esc);
    for (name, k) in [("overview", '2'), ("matrix", '3'), ("deadlines", '4')] {
        key(&mut app, &mut repo, KeyCode::Char(k));
        screens.push((name, frame(&mut app, &mut repo, 160, 48)));
    }
    key(&mut app, &mut repo, KeyCode::Char('1'));
    key(&mut app, &mut repo, KeyCode::Char('?'));
    screens.push(("help", frame(&mut app, &mut repo, 120, 40)));
    for (name, bytes) in &screens {
        check_bytes(bytes, name);
        let text = String::from_utf8_lossy(bytes);
        seen_visible |= text.contains("␛[31mDOCHU");
    }
    assert!(
        seen_visible,
        "the escape is shown as ␛, not dropped silently"
    );
    assert!(screens.len() >= 13);
}

#[test]
fn imported_cells_with_controls_are_stored_as_text_and_invalid_utf8_is_refused() {
    let db = common::TempDb::new();
    let dir = db.dir.path();
    let csv = dir.join("bang.csv");
    std::fs::write(
        &csv,
        "STT,Nội dung nhiệm vụ,Đơn vị chủ trì,Thời gian hoàn thành\n\
         1,\"\x1b[31mDOCHU \x1b]2\x07 \u{9b}2J Họp\u{202e} dân\",Văn phòng,30/9/2025\n",
    )
    .unwrap();
    let out = db.run(&["import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // The terminal output of the import itself holds no raw escape.
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let list = db.json(&["list", "--json"]);
    let t = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str().unwrap().contains("DOCHU"))
        .expect("imported");
    // Stored as text: JSON (for scripts) keeps the characters, escaped.
    let title = t["title"].as_str().unwrap();
    assert!(
        title.contains('\x1b') && title.contains('\u{202e}'),
        "{title:?}"
    );
    // The human-readable commands print them visibly.
    let shown = db.run(&["show", &t["id"].to_string()]);
    assert!(shown.status.success());
    assert!(!shown.stdout.contains(&0x1b), "show printed a raw ESC");
    assert!(String::from_utf8_lossy(&shown.stdout).contains("␛[31mDOCHU"));
    let listed = db.run(&["list"]);
    assert!(!listed.stdout.contains(&0x1b), "list printed a raw ESC");
    // Invalid UTF-8 is refused with a message, and changes nothing.
    let bad = dir.join("hong.csv");
    std::fs::write(&bad, b"STT,N\xff\xfei dung\n1,\xc3\x28x,VP,\n").unwrap();
    let before = db.json(&["list", "--json"]);
    let out = db.run(&["import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        common::stderr(&out).contains("UTF-8"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(db.json(&["list", "--json"]), before);
}

/// The byte check itself catches what it must: a raw OSC, a raw colour
/// from text, a C1 control, a bell.
#[test]
fn the_byte_check_catches_raw_sequences() {
    for bad in [
        &b"ok\x1b]52;c;SGFja2Vk\x07"[..],
        b"\x1b[31mDOCHU",
        "x\u{9b}2J".as_bytes(),
        b"ding\x07",
        b"\x1bPq",
    ] {
        let caught = std::panic::catch_unwind(|| check_bytes(bad, "probe")).is_err();
        assert!(
            caught,
            "{:?} passed the check",
            String::from_utf8_lossy(bad)
        );
    }
    check_bytes(b"\x1b[1;1H\x1b[38;5;9mchu\x1b[0m\x1b[?25l", "styling only");
}

/// A paste longer than `MAX_PASTE` (or one that never ends, from a broken
/// or hostile client) is cut at the limit: the server holds no more than
/// that, and the rest of the paste is dropped — never typed as keys on the
/// board (a pasted megabyte followed by `jdy` must not delete a task).
#[test]
fn a_paste_over_the_limit_is_cut_and_its_tail_is_never_typed() {
    use papi_board::term::input::{InputParser, MAX_PASTE};
    let keys = |events: &[Event]| -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    };
    let pastes = |events: &[Event]| -> Vec<usize> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Paste(s) => Some(s.len()),
                _ => None,
            })
            .collect()
    };
    // A megabyte of Vietnamese text, then what would delete a task.
    let mut p = InputParser::new();
    let mut events = p.feed(b"\x1b[200~");
    let line = "Họp dân thôn 3 về quy hoạch đất đai. ".as_bytes();
    let mut sent = 0;
    while sent <= MAX_PASTE + 4096 {
        events.extend(p.feed(line));
        sent += line.len();
    }
    events.extend(p.feed(b"jdy\x1b[201~x"));
    let cut = pastes(&events);
    assert_eq!(cut.len(), 1, "one paste");
    assert!(cut[0] <= MAX_PASTE && cut[0] > MAX_PASTE - 64, "{cut:?}");
    assert_eq!(
        keys(&events),
        vec![KeyCode::Char('x')],
        "only what follows the paste"
    );
    if let Some(Event::Paste(s)) = events.iter().find(|e| matches!(e, Event::Paste(_))) {
        assert!(
            s.starts_with("Họp dân") && !s.contains('\u{fffd}'),
            "cut between letters"
        );
    }

    // One that never ends: held at most up to the limit, whatever comes.
    let mut p = InputParser::new();
    let mut events = p.feed(b"\x1b[200~");
    let chunk = vec![b'j'; 64 * 1024];
    for _ in 0..(3 * MAX_PASTE / chunk.len()) {
        events.extend(p.feed(&chunk));
    }
    events.extend(p.flush());
    assert_eq!(pastes(&events), vec![MAX_PASTE]);
    assert!(keys(&events).is_empty(), "no key out of a paste");
    // Its end marker, split across reads, gives the keyboard back.
    events = p.feed(b"\x1b[20");
    events.extend(p.feed(b"1~\x1b[A"));
    assert_eq!(keys(&events), vec![KeyCode::Up]);
}
