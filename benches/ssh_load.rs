//! SSH load benchmark: `cargo bench --bench ssh_load`.
//!
//! The server runs in this process on a real sled database in a temporary
//! directory; 50 in-process russh clients (80×24 pseudo-terminals, their
//! output fed to `vt100` screens) connect as 50 editors, each of a unit
//! that leads one task.
//!
//! 1. Load: every session filters the board to its unit and makes 100
//!    moves of its task (LLLHHH…), each sent once its screen shows the
//!    previous one. All 50 run at once. Then the final state is checked
//!    against the sum of the commands: every task where its 100 moves put
//!    it, exactly 100 stored moves per user, 5000 in all (no lost update).
//! 2. Propagation: the sessions show the whole board; 100 times, one session
//!    moves its task and the time until each of the 49 others shows the new
//!    column count is taken (4,900 samples).
//!
//! Prints medians and 99th percentiles. Not a test: nothing is asserted
//! about time, only about the data.

use std::sync::Arc;
use std::time::{Duration, Instant};

use papi_board::domain::Lang;
use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::task::{Status, Task};
use papi_board::domain::unit::Unit;
use papi_board::domain::user::{Role, User};
use papi_board::store::Store;
use papi_board::term::hub::{Actor, Settings, Shared};
use papi_board::term::ssh::{Limits, server};
use russh::ChannelMsg;
use russh::client;
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use tokio::sync::{Mutex, watch};

const SESSIONS: usize = 50;
const MOVES: usize = 100;
const PROBES: usize = 100;
const TIMEOUT: Duration = Duration::from_secs(60);

struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One connected board session and what its screen shows.
struct Client {
    writer: Mutex<russh::ChannelWriteHalf<client::Msg>>,
    screen: Arc<std::sync::Mutex<vt100::Parser>>,
    frames: watch::Receiver<u64>,
    _handle: client::Handle<Trusting>,
}

impl Client {
    async fn connect(port: u16, name: &str, key: PrivateKey) -> Client {
        let config = Arc::new(client::Config {
            nodelay: true,
            ..client::Config::default()
        });
        let mut handle = client::connect(config, ("127.0.0.1", port), Trusting)
            .await
            .expect("connect");
        let auth = handle
            .authenticate_publickey(name, PrivateKeyWithHashAlg::new(Arc::new(key), None))
            .await
            .expect("auth");
        assert!(auth.success(), "{name} is let in");
        let channel = handle.channel_open_session().await.expect("session");
        channel
            .request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(false).await.unwrap();
        let (mut read, writer) = channel.split();
        let screen = Arc::new(std::sync::Mutex::new(vt100::Parser::new(24, 80, 0)));
        let (tx, frames) = watch::channel(0u64);
        let s = screen.clone();
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                if let ChannelMsg::Data { data } = msg {
                    s.lock().unwrap().process(&data);
                    tx.send_modify(|n| *n += 1);
                }
            }
        });
        Client {
            writer: Mutex::new(writer),
            screen,
            frames,
            _handle: handle,
        }
    }

    async fn send(&self, bytes: &[u8]) {
        self.writer
            .lock()
            .await
            .data_bytes(bytes.to_vec())
            .await
            .expect("send");
    }

    /// Wait until the screen shows `needle`; the moment it was seen.
    async fn wait_for(&self, needle: &str) -> Instant {
        let mut frames = self.frames.clone();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            frames.borrow_and_update();
            if self
                .screen
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(needle)
            {
                return Instant::now();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if tokio::time::timeout(left, frames.changed()).await.is_err() {
                let text = self.screen.lock().unwrap().screen().contents();
                panic!("timed out waiting for {needle:?}; screen:\n{text}");
            }
        }
    }
}

fn column(s: Status) -> &'static str {
    match s {
        Status::Todo => "Chưa thực hiện",
        Status::Doing => "Đang thực hiện",
        Status::Blocked => "Vướng mắc",
        Status::Done => "Hoàn thành",
    }
}

/// The i-th move of the pattern LLLHHH…: right or left.
fn right(i: usize) -> bool {
    i % 6 < 3
}

fn percentile(v: &mut [Duration], p: usize) -> f64 {
    v.sort();
    let i = (v.len() * p / 100).min(v.len() - 1);
    v[i].as_secs_f64() * 1000.0
}

fn unit_code(i: usize) -> String {
    format!("u{i:02}")
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let ctx = Ctx {
        now: chrono::Utc::now().timestamp_millis(),
        author: "bench".into(),
    };
    // 50 units, one task each, one editor each.
    let units: Vec<Unit> = (0..SESSIONS)
        .map(|i| Unit::new(&unit_code(i), &format!("Đơn vị {i}")))
        .collect();
    let tasks = (0..SESSIONS)
        .map(|i| Command::AddTask(Task::new(&format!("Nhiệm vụ {i}"), 1, &unit_code(i))))
        .collect();
    let mut store = Store::open(&db).unwrap();
    let meta = BoardMeta {
        year: 2025,
        commune: "Tải".into(),
        ..BoardMeta::default()
    };
    store.seed(meta, units, tasks, &ctx).unwrap();
    let mut keys = Vec::new();
    for i in 0..SESSIONS {
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let user = User {
            name: format!("e{i:02}"),
            key: key.public_key().to_openssh().unwrap(),
            role: Role::Editor,
            unit: Some(unit_code(i).into()),
        };
        store.apply(Command::PutUser(user), &ctx).unwrap();
        keys.push(key);
    }
    let history_before = store.history().unwrap().len();
    let settings = Settings {
        lang: Lang::Vi,
        today: None,
        ascii: false,
        prefs: Default::default(),
        exec: Arc::new(
            |_: &[String],
             _: &Actor,
             _: &Shared,
             _: &mut dyn std::io::Write,
             _: &mut dyn std::io::Write| 0,
        ),
    };
    let shared = Shared::new(store, settings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run(shared.clone(), keys));
    // The sum of all commands: each task where its moves put it.
    let mut expected = Status::Todo;
    for i in 0..MOVES {
        expected = if right(i) {
            expected.next().unwrap()
        } else {
            expected.prev().unwrap()
        };
    }
    shared.with(|store| {
        for (id, t) in &store.board().tasks {
            assert_eq!(t.status, expected, "task {id} after the load phase");
        }
        let history = store.history().unwrap();
        let moves: Vec<_> = history[history_before..]
            .iter()
            .filter(|e| e.cmd.kind() == "move")
            .collect();
        assert_eq!(moves.len(), SESSIONS * MOVES + PROBES, "every move stored");
        for i in 0..SESSIONS {
            let name = format!("e{i:02}");
            let n = moves.iter().filter(|e| e.author == name).count();
            assert_eq!(n, MOVES + PROBES / SESSIONS, "moves by {name}");
        }
    });
    println!(
        "final state checked: {} tasks in '{}', {} moves stored ({} per user), none lost",
        SESSIONS,
        column(expected),
        SESSIONS * MOVES + PROBES,
        MOVES + PROBES / SESSIONS
    );
}

async fn run(shared: Arc<Shared>, keys: Vec<PrivateKey>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let host = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
    let (stop_tx, mut stop_rx) = watch::channel(false);
    // All 50 log in at once from one address: room for them all.
    let limits = Limits {
        max_pending: SESSIONS,
        max_pending_per_ip: SESSIONS,
        ..Limits::new(64, Duration::from_secs(30), Duration::from_secs(20))
    };
    let server = tokio::spawn(server::serve(
        shared.clone(),
        listener,
        host,
        limits,
        async move {
            let _ = stop_rx.changed().await;
        },
    ));

    let start = Instant::now();
    let mut connecting = Vec::new();
    for (i, key) in keys.into_iter().enumerate() {
        connecting.push(tokio::spawn(async move {
            let c = Client::connect(port, &format!("e{i:02}"), key).await;
            c.wait_for("Chưa thực hiện (50)").await;
            Arc::new(c)
        }));
    }
    let mut clients = Vec::new();
    for c in connecting {
        clients.push(c.await.unwrap());
    }
    println!(
        "{SESSIONS} sessions connected and drawn in {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );

    // 1. Load: 50 × 100 moves at once, each session on its own task.
    let start = Instant::now();
    let mut movers = Vec::new();
    for (i, c) in clients.iter().enumerate() {
        let c = c.clone();
        movers.push(tokio::spawn(async move {
            c.send(format!("F{}\r", unit_code(i)).as_bytes()).await;
            c.wait_for(&format!("lọc {}", unit_code(i))).await;
            let mut status = Status::Todo;
            let mut rtts = Vec::with_capacity(MOVES);
            for m in 0..MOVES {
                let (key, next) = if right(m) {
                    (b"L", status.next().unwrap())
                } else {
                    (b"H", status.prev().unwrap())
                };
                let sent = Instant::now();
                c.send(key).await;
                let seen = c.wait_for(&format!("{} (1)", column(next))).await;
                rtts.push(seen - sent);
                status = next;
            }
            rtts
        }));
    }
    let mut rtts = Vec::new();
    for m in movers {
        rtts.extend(m.await.unwrap());
    }
    let took = start.elapsed().as_secs_f64();
    println!(
        "load: {} moves by {SESSIONS} sessions in {took:.1} s ({:.0} moves/s); key -> own screen: median {:.1} ms, p99 {:.1} ms",
        rtts.len(),
        rtts.len() as f64 / took,
        percentile(&mut rtts, 50),
        percentile(&mut rtts, 99)
    );

    // 2. Propagation: one session moves, the 49 others are timed.
    for c in &clients {
        c.send(b"\x1b").await;
    }
    for c in &clients {
        c.wait_for("Vướng mắc (50)").await;
    }
    let mut lags = Vec::with_capacity(PROBES * (SESSIONS - 1));
    for k in 0..PROBES {
        let w = k % SESSIONS;
        let (key, done) = if k < SESSIONS {
            (b"L", k + 1)
        } else {
            (b"H", 2 * SESSIONS - 1 - k)
        };
        let needle = format!("Hoàn thành ({done})");
        let sent = Instant::now();
        clients[w].send(key).await;
        let mut watchers = Vec::new();
        for (i, c) in clients.iter().enumerate() {
            if i == w {
                continue;
            }
            let c = c.clone();
            let needle = needle.clone();
            watchers.push(tokio::spawn(async move { c.wait_for(&needle).await }));
        }
        for seen in watchers {
            lags.push(seen.await.unwrap() - sent);
        }
        clients[w].wait_for(&needle).await;
    }
    println!(
        "propagation: {} samples (a move by one session until each of the {} others shows it): median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lags.len(),
        SESSIONS - 1,
        percentile(&mut lags, 50),
        percentile(&mut lags, 99),
        percentile(&mut lags, 100)
    );
    let _ = stop_tx.send(true);
    drop(clients);
    let _ = server.await;
}
