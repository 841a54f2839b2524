//! Driving the real binary in a real terminal: tmux on a private socket.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server with one `w`×`h` window running a plain shell.
    pub fn start(w: u16, h: u16) -> Tmux {
        let socket = format!("papi-test-{}-{}", std::process::id(), rand_suffix());
        let t = Tmux { socket };
        let ok = t
            .cmd(&["new-session", "-d", "-x", &w.to_string(), "-y", &h.to_string(), "-s", "main", "env -i TERM=xterm-256color PATH=/usr/bin:/bin HOME=/tmp PS1='$ ' bash --norc --noprofile"])
            .status()
            .expect("tmux must be installed to run the terminal tests (.ci/run installs it)");
        assert!(ok.success(), "tmux could not start");
        t
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    /// Type text literally, then press the named keys (e.g. "Enter").
    pub fn type_line(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text])
            .status()
            .unwrap();
        self.cmd(&["send-keys", "-t", "main", "Enter"])
            .status()
            .unwrap();
    }

    /// Type text literally, without pressing Enter.
    pub fn type_text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text])
            .status()
            .unwrap();
    }

    /// Type text literally, without Enter (as an input method sends it).
    pub fn literal(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text])
            .status()
            .unwrap();
    }

    /// Send keys one at a time, as a person types them.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "main", k]).status().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// What a person sees.
    pub fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// What a person sees, with its colours as escape sequences.
    pub fn styled(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-e", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, f: &str) -> String {
        let out = self
            .cmd(&["display-message", "-p", "-t", "main", f])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Wait until the screen satisfies `ok` (up to 10 s); panics with the screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen holds `needle` (up to 10 s); panics with the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_within(needle, Duration::from_secs(10))
    }

    /// `wait_for`, for work that takes longer (a program working through a
    /// hundred typed changes while others make theirs).
    pub fn wait_for_within(&self, needle: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {needle:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn resize(&self, w: u16, h: u16) {
        self.cmd(&[
            "resize-window",
            "-t",
            "main",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ])
        .status()
        .unwrap();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed) * 1000
        + (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u64
            % 1000)
}
