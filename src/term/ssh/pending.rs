//! Connections still logging in, and how room is made among them.
//!
//! At most `Limits::max_pending` in all and `Limits::max_pending_per_ip`
//! from one address. When a new connection finds no room, the oldest
//! socket that has not sent a single byte (not even the SSH version line
//! every client sends at once) is cut for it; failing that, the oldest one
//! stuck in its login for [`STALE`]; failing that, the newcomer is closed.
//! So silent sockets cannot keep the door shut, and a burst of real logins
//! (which speak within milliseconds) is never cut half-way.

use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

use super::server::Limits;

/// A login that has spoken but not finished in this long may give its
/// place to a newcomer.
pub const STALE: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct Pending {
    next: u64,
    places: Vec<Place>,
}

struct Place {
    id: u64,
    ip: IpAddr,
    since: Instant,
    spoke: Arc<AtomicBool>,
    cut: Option<oneshot::Sender<()>>,
}

/// A place among the pending connections, given back when dropped
/// (logged in, or gone).
pub struct PendingPlace {
    pending: Arc<Mutex<Pending>>,
    id: u64,
}

impl Drop for PendingPlace {
    fn drop(&mut self) {
        self.pending.lock().places.retain(|x| x.id != self.id);
    }
}

/// What a connection admitted to log in holds: its place, the signal that
/// cuts it to make room, and the flag its stream sets when it speaks.
pub struct Ticket {
    pub place: PendingPlace,
    pub cut: oneshot::Receiver<()>,
    pub spoke: Arc<AtomicBool>,
}

impl Pending {
    /// Room for a connection from `ip`, made if need be; `None`: close it.
    pub fn take(pending: &Arc<Mutex<Pending>>, ip: IpAddr, l: &Limits) -> Option<Ticket> {
        let mut p = pending.lock();
        let from_ip = p.places.iter().filter(|x| x.ip == ip).count();
        if from_ip >= l.max_pending_per_ip && !p.make_room(|x| x.ip == ip) {
            return None;
        }
        if p.places.len() >= l.max_pending && !p.make_room(|_| true) {
            return None;
        }
        let (tx, cut) = oneshot::channel();
        let spoke = Arc::new(AtomicBool::new(false));
        p.next += 1;
        let id = p.next;
        p.places.push(Place {
            id,
            ip,
            since: Instant::now(),
            spoke: spoke.clone(),
            cut: Some(tx),
        });
        let place = PendingPlace {
            pending: pending.clone(),
            id,
        };
        Some(Ticket { place, cut, spoke })
    }

    /// Cut one connection among those `among` selects: the oldest silent
    /// one, else the oldest stale one. False when none may go.
    fn make_room(&mut self, among: impl Fn(&Place) -> bool) -> bool {
        let silent = |x: &Place| among(x) && !x.spoke.load(Ordering::Relaxed);
        let stale = |x: &Place| among(x) && x.since.elapsed() >= STALE;
        let Some(i) = self
            .places
            .iter()
            .position(silent)
            .or_else(|| self.places.iter().position(stale))
        else {
            return false;
        };
        let mut old = self.places.remove(i);
        if let Some(cut) = old.cut.take() {
            let _ = cut.send(());
        }
        true
    }
}

/// The client's socket, noting when the client first sends something.
pub struct Noting {
    inner: TcpStream,
    spoke: Arc<AtomicBool>,
}

impl Noting {
    pub fn new(inner: TcpStream, spoke: Arc<AtomicBool>) -> Noting {
        Noting { inner, spoke }
    }
}

impl AsyncRead for Noting {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.spoke.store(true, Ordering::Relaxed);
        }
        polled
    }
}

impl AsyncWrite for Noting {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_sockets_give_way_and_speaking_ones_do_not() {
        let l = Limits::new(64, Duration::from_secs(30), Duration::from_secs(20));
        let pending = Arc::new(Mutex::new(Pending::default()));
        let ip: IpAddr = "127.0.0.2".parse().unwrap();
        let mut held: Vec<Ticket> = (0..l.max_pending_per_ip)
            .map(|_| Pending::take(&pending, ip, &l).unwrap())
            .collect();
        // One more silent one: the oldest silent gives way.
        let newest = Pending::take(&pending, ip, &l).expect("room made");
        assert_eq!(held[0].cut.try_recv(), Ok(()), "the oldest was cut");
        // When all have spoken (a burst of real logins), none is cut half-way:
        // the newcomer is closed instead.
        for t in held.iter().skip(1).chain([&newest]) {
            t.spoke.store(true, Ordering::Relaxed);
        }
        assert!(Pending::take(&pending, ip, &l).is_none());
        for t in held.iter_mut().skip(1) {
            assert!(t.cut.try_recv().is_err(), "not cut");
        }
        // Another address has its own room.
        assert!(Pending::take(&pending, "127.0.0.3".parse().unwrap(), &l).is_some());
    }
}
