//! No command line from an SSH client ever opens a file of the server.
//!
//! Command lines are made from the program's own clap definition (every
//! command and subcommand, every flag, positional values, `--flag=value`
//! forms) with values that name server files: FIFOs — opening one, to
//! read or to write, waits for ever, so any open shows as a command that
//! does not return — a regular file holding a valid key, and paths that do
//! not exist yet. Each line is run as the server runs it (`serve::remote`)
//! for an admin, an editor or a viewer, and then:
//! - it returned (nothing was opened);
//! - no file appeared or changed among the server's files;
//! - the key in the file never became a user's key (it was not read);
//! - a refusal reads the same whether the path exists or not (it tells
//!   nothing about the server's files).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use papi_board::cli::serve::{Defaults, remote};
use papi_board::domain::Lang;
use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::unit::plan_preset;
use papi_board::domain::user::{Role, User};
use papi_board::store::Store;
use papi_board::term::hub::{Actor, Settings, Shared};
use proptest::prelude::*;

const KEY_LAN: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPDF/rSl84RWejlo970wXXR9ZOcFvBHEfmkwa7ZWEZUj lan";
const KEY_DUNG: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOH8t8Pmgk8F5pVUxM1FKC9Vx8c6A2i3jzfzQyjrPbzl dung";
const KEY_MINH: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAJmj8BDo+JpF/MUv5lyn2r3MXjEX9QatWWQfiiy/f+u minh";
/// The key held in a file on the server: never to become anyone's key.
const KEY_IN_FILE: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBGn3bk0lSUwUSJbKjYBcoRhbUANYB6gxiLW9wgbi2LW tep";

/// Server files a command line may name: `{B}` is the bait folder. The
/// first two are FIFOs, the third a regular file holding `KEY_IN_FILE`,
/// the rest do not exist.
const BAIT: [&str; 7] = [
    "{B}/khoa.pub",
    "{B}/ke-hoach.txt",
    "{B}/tep.pub",
    "{B}/moi/bao-cao.csv",
    "{B}/db2",
    "{B}/sao-luu.json",
    "{B}/cau-hinh.toml",
];
/// The counterpart of each bait that does not exist, of the same length.
const MISSING: [&str; 7] = [
    "{B}/khoz.pub",
    "{B}/ke-hoaz.txt",
    "{B}/tez.pub",
    "{B}/moz/bao-cao.csv",
    "{B}/dz2",
    "{B}/sao-luz.json",
    "{B}/cau-hinz.toml",
];

/// Other values a command line may hold.
const VALUES: [&str; 18] = [
    "-",
    "x",
    "khach",
    "1",
    "2",
    "dc",
    "vp",
    "viewer",
    "editor",
    "admin",
    "json",
    "md",
    "csv",
    "xlsx",
    "2025-07-01",
    "3",
    "--",
    KEY_DUNG,
];

/// One command of the program as clap defines it: its words, its flags
/// that take a value (long name, required), its other flags and how many
/// positionals it has.
#[derive(Debug)]
struct Shape {
    path: Vec<String>,
    flags: Vec<(String, bool)>,
    switches: Vec<String>,
    positionals: usize,
}

fn collect(cmd: &clap::Command, path: Vec<String>, into: &mut Vec<Shape>) {
    let mut shape = Shape {
        path: path.clone(),
        flags: Vec::new(),
        switches: Vec::new(),
        positionals: 0,
    };
    for a in cmd.get_arguments() {
        match a.get_long() {
            _ if a.is_positional() => shape.positionals += 1,
            Some("help") | None => {}
            Some(long) if a.get_action().takes_values() => {
                shape.flags.push((long.to_string(), a.is_required_set()))
            }
            Some(long) => shape.switches.push(long.to_string()),
        }
    }
    into.push(shape);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut p = path.clone();
        p.push(sub.get_name().to_string());
        collect(sub, p, into);
    }
}

/// Every command of the program, with the global flags on each.
fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        use clap::CommandFactory;
        let mut cmd = papi_board::cli::Cli::command();
        cmd.build();
        let mut all = Vec::new();
        collect(&cmd, Vec::new(), &mut all);
        all
    })
}

/// Where a value goes in a command line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Positional(usize),
    Flag(usize),
}

/// A command line that parses: `shape`'s words, its positionals (`1`)
/// and required flags (`viewer`), with `value` in `slot`.
fn line(s: &Shape, slot: Slot, value: &str) -> Vec<String> {
    let mut w = s.path.clone();
    for i in 0..s.positionals {
        let v = if slot == Slot::Positional(i) {
            value
        } else {
            "1"
        };
        w.push(v.to_string());
    }
    for (i, (long, required)) in s.flags.iter().enumerate() {
        if slot == Slot::Flag(i) {
            w.push(format!("--{long}={value}"));
        } else if *required {
            w.extend([format!("--{long}"), "viewer".to_string()]);
        }
    }
    w
}

/// A value: a bait path half the time.
fn value(pick: u8) -> String {
    if pick.is_multiple_of(2) {
        BAIT[(pick as usize / 2) % BAIT.len()].to_string()
    } else {
        VALUES[(pick as usize / 2) % VALUES.len()].to_string()
    }
}

/// A command line from the choices drawn: a command with its positionals
/// and required flags, a bait in one of them, then flags with values (as two words or
/// `--flag=value`), switches and stray words.
fn words(shape: usize, parts: &[(u8, u8, u8)]) -> Vec<String> {
    let s = &shapes()[shape % shapes().len()];
    // The first choice puts a bait in one positional or flag.
    let (which, pick) = parts
        .first()
        .map_or((0, 0), |p| (p.1 as usize, p.2 as usize));
    let slot = match which % (s.positionals + s.flags.len()).max(1) {
        i if i < s.positionals => Slot::Positional(i),
        i => Slot::Flag(i - s.positionals),
    };
    let mut w = line(s, slot, BAIT[pick % BAIT.len()]);
    for &(kind, which, pick) in parts.iter().skip(1) {
        match kind % 4 {
            0 | 1 if !s.flags.is_empty() => {
                let (long, _) = &s.flags[which as usize % s.flags.len()];
                if kind % 4 == 0 {
                    w.extend([format!("--{long}"), value(pick)]);
                } else {
                    w.push(format!("--{long}={}", value(pick)));
                }
            }
            2 if !s.switches.is_empty() => w.push(format!(
                "--{}",
                s.switches[which as usize % s.switches.len()]
            )),
            _ => w.push(value(pick)),
        }
    }
    w
}

/// The server's world: its database, a bait folder, the users.
struct World {
    dir: tempfile::TempDir,
    bait: PathBuf,
    shared: Arc<Shared>,
    defaults: Arc<Defaults>,
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path this function owns.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn user(name: &str, key: &str, role: Role, unit: Option<&str>) -> Command {
    Command::PutUser(User {
        name: name.into(),
        key: key.into(),
        role,
        unit: unit.map(Into::into),
    })
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let bait = dir.path().join("bait");
        std::fs::create_dir(&bait).unwrap();
        mkfifo(&bait.join("khoa.pub"));
        mkfifo(&bait.join("ke-hoach.txt"));
        std::fs::write(bait.join("tep.pub"), format!("{KEY_IN_FILE}\n")).unwrap();
        let mut store = Store::open(&dir.path().join("db")).unwrap();
        let ctx = Ctx {
            now: 1_750_000_000_000,
            author: "tester".into(),
        };
        store
            .seed(BoardMeta::default(), plan_preset(), Vec::new(), &ctx)
            .unwrap();
        for c in [
            user("lan", KEY_LAN, Role::Admin, None),
            user("dung", KEY_DUNG, Role::Editor, Some("dc")),
            user("minh", KEY_MINH, Role::Viewer, None),
        ] {
            store.apply(c, &ctx).unwrap();
        }
        let settings = Settings {
            lang: Lang::Vi,
            today: chrono::NaiveDate::from_ymd_opt(2025, 7, 1),
            ascii: false,
            prefs: papi_board::config::Prefs::default(),
            exec: Arc::new(|_, _, _, _, _| 0),
        };
        let defaults = Defaults {
            lang: Lang::Vi,
            today: settings.today,
            config: dir.path().join("config.toml"),
        };
        World {
            bait,
            shared: Shared::new(store, settings),
            defaults: Arc::new(defaults),
            dir,
        }
    }

    /// What is in the server's folder (the bait, the settings file's
    /// place; the database aside): each name with its size and kind.
    fn listing(&self) -> BTreeMap<String, (u64, bool)> {
        let mut all = walkdir(self.dir.path());
        let db = self.dir.path().join("db").display().to_string();
        all.retain(|name, _| !name.starts_with(&db));
        all
    }

    /// Run one command line as `who`; `None` if it did not return within
    /// 10 s (it waits on a FIFO: it opened a server file).
    fn run(&self, who: &str, words: &[String]) -> Option<(u32, String)> {
        let words: Vec<String> = words
            .iter()
            .map(|w| w.replace("{B}", &self.bait.display().to_string()))
            .collect();
        let key = match who {
            "lan" => KEY_LAN,
            "dung" => KEY_DUNG,
            _ => KEY_MINH,
        };
        let actor = Actor::User {
            name: who.into(),
            key: key.into(),
        };
        let (shared, defaults) = (self.shared.clone(), self.defaults.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = remote(&words, &actor, &shared, &mut out, &mut err, &defaults);
            out.extend(err);
            let _ = tx.send((code, String::from_utf8_lossy(&out).into_owned()));
        });
        if let Ok(done) = rx.recv_timeout(Duration::from_secs(10)) {
            return Some(done);
        }
        // Let the command go (it holds the store) before saying so.
        self.release_fifos();
        let _ = rx.recv_timeout(Duration::from_secs(10));
        None
    }

    /// Open each FIFO at both ends and close it again: whoever waits in
    /// opening it goes on (and reads an end, or cannot write).
    fn release_fifos(&self) {
        use std::os::unix::fs::OpenOptionsExt;
        for name in ["khoa.pub", "ke-hoach.txt"] {
            let open = |write: bool| {
                std::fs::OpenOptions::new()
                    .read(!write)
                    .write(write)
                    .custom_flags(libc::O_NONBLOCK)
                    .open(self.bait.join(name))
            };
            let r = open(false);
            let _w = open(true);
            drop(r);
        }
    }
}

fn walkdir(dir: &Path) -> BTreeMap<String, (u64, bool)> {
    let mut all = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = std::fs::symlink_metadata(e.path()).unwrap();
        let name = e.path().display().to_string();
        if meta.is_dir() {
            all.extend(walkdir(&e.path()));
        }
        all.insert(name, (meta.len(), meta.is_dir()));
    }
    all
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(World::new)
}

/// The same line with every bait replaced by a path that does not exist.
fn with_missing(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            BAIT.iter()
                .zip(MISSING)
                .fold(w.clone(), |w, (b, m)| w.replace(b, m))
        })
        .collect()
}

/// What was said, with the paths named in it made alike.
fn without_paths(text: &str) -> String {
    BAIT.iter()
        .chain(MISSING.iter())
        .fold(text.to_string(), |t, p| {
            t.replace(
                &p.replace("{B}", &world().bait.display().to_string()),
                "<P>",
            )
        })
}

fn check(who: &str, words: &[String]) {
    let w = world();
    let before = w.listing();
    let Some((code, said)) = w.run(who, words) else {
        panic!("{who}: {words:?} did not return: it opened a server file");
    };
    assert_eq!(w.listing(), before, "{who}: {words:?} changed server files");
    let key_used = w
        .shared
        .users()
        .values()
        .any(|u| u.key.contains(KEY_IN_FILE.split(' ').nth(1).unwrap()));
    assert!(
        !key_used,
        "{who}: {words:?} read the key from a server file"
    );
    if code != 0 && words.iter().any(|x| x.contains("{B}")) {
        let (code2, said2) = w
            .run(who, &with_missing(words))
            .expect("a missing path opens nothing");
        assert_eq!(code, code2, "{who}: {words:?}");
        assert_eq!(
            without_paths(&said),
            without_paths(&said2),
            "{who}: {words:?}: the answer tells whether a server file exists"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_client_command_line_opens_a_server_file(
        shape in 0usize..1000,
        parts in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..7),
        who in prop::sample::select(vec!["lan", "dung", "minh"]),
    ) {
        check(who, &words(shape, &parts));
    }
}

/// Every argument of every command, given a server file: a FIFO, a file
/// holding a valid key, a path in a folder that does not exist.
#[test]
fn every_argument_of_every_command_given_a_server_file() {
    let mut lines = 0;
    for s in shapes() {
        let slots = (0..s.positionals)
            .map(Slot::Positional)
            .chain((0..s.flags.len()).map(Slot::Flag));
        for slot in slots {
            for bait in [BAIT[0], BAIT[2], BAIT[3]] {
                for who in ["lan", "dung", "minh"] {
                    check(who, &line(s, slot, bait));
                    lines += 1;
                }
            }
        }
    }
    eprintln!("{} commands, {lines} command lines", shapes().len());
    assert!(shapes().len() > 30, "every command is tried");
}

/// The lines that opened files before, named outright, for every role.
#[test]
fn the_known_attacks_open_nothing() {
    for who in ["lan", "dung", "minh"] {
        for line in [
            "user add x --key {B}/khoa.pub --role viewer",
            "user add x --key={B}/tep.pub --role admin",
            "import {B}/ke-hoach.txt",
            "restore {B}/khoa.pub --force",
            "backup {B}/moi/bao-cao.csv",
            "export {B}/moi/bao-cao.csv",
            "export {B}/khoa.pub --format md",
            "status --config {B}/khoa.pub",
            "status --db {B}/db2",
            "check --salvage {B}/db2",
            "package-files {B}/moi",
            "config init",
            "edit 1 --description {B}/ke-hoach.txt",
        ] {
            let words: Vec<String> = line.split(' ').map(String::from).collect();
            check(who, &words);
        }
    }
}
