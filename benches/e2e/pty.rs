//! A program in a pseudo-terminal of a given size, watched as a person
//! would: every byte it writes is timestamped by a reader thread, counted
//! and fed to a `vt100` screen; keys are written to the pty's master side.
//! Also the figures the kernel keeps about the process: CPU time and peak
//! resident memory (from /proc).

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// A running program in its own pty, and the screen it has drawn so far.
pub struct Session {
    master: File,
    child: Child,
    rx: Receiver<(Instant, Vec<u8>)>,
    pub parser: vt100::Parser,
    /// Bytes the program has written to the terminal since the start.
    pub bytes: u64,
    pub started: Instant,
    /// `bytes` when the screen last changed in `wait_until`: what a key's
    /// redraw cost, without the bytes of a timer redraw that came after it.
    pub bytes_at_change: u64,
    /// The last `wait_until` ended at its timeout, the screen still
    /// changing.
    pub timed_out: bool,
    exited: bool,
    /// E2E_TRACE: print every key sent and every chunk read, when, and
    /// whether it changed the screen.
    trace: bool,
}

fn cloexec(fd: i32) {
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC);
    }
}

impl Session {
    /// Start `cmd` in a new pty of `cols`×`rows` as its controlling terminal.
    pub fn spawn(mut cmd: Command, cols: u16, rows: u16) -> std::io::Result<Session> {
        let (mut m, mut s) = (-1, -1);
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        if unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) }
            != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        cloexec(m);
        cloexec(s);
        let master = unsafe { File::from_raw_fd(m) };
        let slave = unsafe { OwnedFd::from_raw_fd(s) };
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        // A session of its own with the pty as controlling terminal, as a
        // terminal emulator does (so SIGWINCH, job control and /dev/tty work).
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let started = Instant::now();
        let child = cmd.spawn()?;
        drop(cmd); // closes our copies of the slave side
        let mut reader = master.try_clone()?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break, // EIO once the child is gone
                    Ok(n) => {
                        if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Ok(Session {
            master,
            child,
            rx,
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: 0,
            started,
            bytes_at_change: 0,
            timed_out: false,
            exited: false,
            trace: std::env::var_os("E2E_TRACE").is_some(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The screen's text and attributes, to tell whether anything changed.
    pub fn snapshot(&self) -> Vec<u8> {
        self.parser.screen().contents_formatted()
    }

    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Write a key (raw bytes, as a terminal sends them); returns when. A
    /// program that has exited gets nothing (see `exit_status`).
    pub fn send(&mut self, key: &[u8]) -> Instant {
        let at = Instant::now();
        if self.trace {
            eprintln!(
                "    trace {:>10.3} ms key {}",
                (at - self.started).as_secs_f64() * 1000.0,
                String::from_utf8_lossy(key).escape_debug()
            );
        }
        let _ = self.master.write_all(key);
        at
    }

    fn take(&mut self, at: Instant, data: &[u8]) {
        self.bytes += data.len() as u64;
        let before = self.trace.then(|| (self.snapshot(), self.text()));
        self.parser.process(data);
        if let Some((before, text)) = before {
            if std::env::var_os("E2E_TRACE_SCREENS").is_some() && self.text() != text {
                eprintln!("{}", self.text());
            }
            eprintln!(
                "    trace {:>10.3} ms {:>6} B{} {}",
                (at - self.started).as_secs_f64() * 1000.0,
                data.len(),
                if self.text() != text {
                    " changed text"
                } else if self.snapshot() != before {
                    " changed"
                } else {
                    ""
                },
                if data.len() <= 120 {
                    String::from_utf8_lossy(data).escape_debug().to_string()
                } else {
                    String::new()
                }
            );
        }
        // Answer the queries a real terminal answers, or a program waiting
        // for the reply would hang: cursor position and device attributes.
        if memchr_seq(data, b"\x1b[6n") {
            let (r, c) = self.parser.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", r + 1, c + 1);
            let _ = self.master.write_all(reply.as_bytes());
        }
        if memchr_seq(data, b"\x1b[c") || memchr_seq(data, b"\x1b[0c") {
            let _ = self.master.write_all(b"\x1b[?62;22c");
        }
    }

    /// Read until `done(screen)` holds and the screen has then not changed
    /// for `quiet`; returns the arrival time of the last byte that changed
    /// it, or None if `done` did not hold within `timeout`. Output that
    /// changes nothing on screen (a program redrawing on a timer writes a
    /// few reset bytes each time) does not extend the wait. `timed_out`
    /// tells whether it ended at `timeout`, the screen still changing.
    pub fn wait_until(
        &mut self,
        done: &mut dyn FnMut(&Session) -> bool,
        quiet: Duration,
        timeout: Duration,
    ) -> Option<Instant> {
        let start = Instant::now();
        let deadline = start + timeout;
        let mut met = done(self);
        let mut snap = self.snapshot();
        let mut last_change = start;
        self.bytes_at_change = self.bytes;
        self.timed_out = false;
        loop {
            let now = Instant::now();
            if met && now >= last_change + quiet {
                return Some(last_change);
            }
            if now >= deadline {
                self.timed_out = met;
                return met.then_some(last_change);
            }
            let until = if met { last_change + quiet } else { deadline };
            match self.rx.recv_timeout(until.min(deadline) - now) {
                Ok((at, data)) => {
                    self.take(at, &data);
                    let now_snap = self.snapshot();
                    if now_snap != snap {
                        snap = now_snap;
                        last_change = at;
                        self.bytes_at_change = self.bytes;
                    }
                    // Looked at again each time: a screen that stops
                    // meeting it (a pane back to "loading") is waited for.
                    let was = met;
                    met = done(self);
                    if met && !was {
                        last_change = at;
                        self.bytes_at_change = self.bytes;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return met.then_some(last_change),
            }
        }
    }

    /// Read whatever comes until `settled(screen)` holds and the screen
    /// has not changed for `quiet` (at most `limit` in all); returns the
    /// bytes read.
    pub fn drain(
        &mut self,
        settled: &mut dyn FnMut(&Session) -> bool,
        quiet: Duration,
        limit: Duration,
    ) -> u64 {
        let before = self.bytes;
        self.wait_until(settled, quiet, limit);
        self.bytes - before
    }

    /// Keep reading for exactly `span` (the program left alone).
    pub fn idle(&mut self, span: Duration) -> u64 {
        let before = self.bytes;
        let end = Instant::now() + span;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            if let Ok((at, data)) = self.rx.recv_timeout(left) {
                self.take(at, &data);
            }
        }
        self.bytes - before
    }

    /// How the program ended, if it has (it should not before `q`).
    pub fn exit_status(&mut self) -> Option<std::process::ExitStatus> {
        let status = self.child.try_wait().ok().flatten();
        self.exited |= status.is_some();
        status
    }

    /// Wait for the program to exit; the time it took from `since`.
    pub fn wait_exit(&mut self, since: Instant, timeout: Duration) -> Option<Duration> {
        let deadline = since + timeout;
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                self.exited = true;
                return Some(since.elapsed());
            }
            if Instant::now() > deadline {
                return None;
            }
            // Keep the pty drained so the program is never blocked writing.
            while let Ok((at, data)) = self.rx.try_recv() {
                self.take(at, &data);
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Kill the program and every process it started (it leads its own
    /// session and process group: `setsid` above), and wait until they are
    /// all gone. taskwarrior-tui's `task` helpers outlive it otherwise and
    /// keep a core busy for seconds, which the next program measured would
    /// pay for.
    pub fn kill(&mut self) {
        let group = self.child.id() as i32;
        // SAFETY: signals to the process group this session created.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(30);
        // SAFETY: signal 0 only asks whether any process of the group is left.
        while unsafe { libc::kill(-group, 0) } == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Even after a clean exit: helpers it started may still be running.
        self.kill();
    }
}

fn memchr_seq(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// CPU seconds from /proc/PID/stat: the process's own user + system time
/// (includes finished threads; clock-tick resolution), and that of the
/// helper processes it has run and waited for.
pub fn cpu_seconds(pid: u32) -> (f64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, a)| a).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let n = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    ((n(11) + n(12)) / tick, (n(13) + n(14)) / tick)
}

/// Nanoseconds on a CPU of every live thread of the process
/// (/proc/PID/task/*/schedstat): finer than clock ticks.
pub fn cpu_ns(pid: u32) -> u64 {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    dir.flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Peak resident memory of the process itself so far, in KiB (VmHWM from
/// /proc/PID/status). Not wait4's ru_maxrss: Linux carries the spawning
/// process's high-water mark across fork and exec, so that would report
/// this harness's own memory.
pub fn peak_rss_kib(pid: u32) -> u64 {
    status_field(pid, "VmHWM:")
}

/// Private resident memory of the process now, in KiB (RssAnon): its
/// pages no other process shares, unlike the binary's file pages, which
/// the database's owner maps too (VmHWM counts those in each process).
pub fn rss_anon_kib(pid: u32) -> u64 {
    status_field(pid, "RssAnon:")
}

fn status_field(pid: u32, name: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}
