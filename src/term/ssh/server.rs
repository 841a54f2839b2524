//! The SSH listener. Every connection spends from budgets, so neither a
//! stranger nor a user can lock the others out or make the server hold
//! memory without bound:
//!
//! - a connection still logging in holds a *pending* place: at most
//!   [`Limits::max_pending`] in all and [`Limits::max_pending_per_ip`] from one
//!   address; a new one beyond that cuts the oldest silent or stale one, or
//!   is closed (`pending`);
//! - it must be logged in within [`Limits::login_deadline`], or it is cut;
//! - only then does it take a session slot (`--max-sessions`): silent
//!   sockets cannot take the slots of the users;
//! - a logged-in connection opens at most [`Limits::max_channels`] channels, and
//!   one left without a channel for [`Limits::idle_without_channel`] is closed;
//! - keepalive drops clients that stopped answering;
//! - a connection carries the user *and the key* it logged in with: when
//!   the user is removed or the key replaced, its sessions say so and the
//!   connection is closed within a second.
//!
//! Logins read the users from a copy kept beside the store, so they never
//! wait for the store or block the runtime.

use std::future::Future;
use std::net::Shutdown;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::{Auth, Config, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Disconnect, MethodKind, MethodSet};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot, watch};
use tokio::task::JoinSet;

use super::openssh_line;
use super::pending::{Noting, Pending, Ticket};
use crate::i18n::S;
use crate::term::hub::{Actor, Shared};

/// How long sessions get to say goodbye when the server stops.
const GOODBYE: Duration = Duration::from_secs(3);
/// How long a revoked user's sessions get to say why before the
/// connection is cut.
const REVOKE_GRACE: Duration = Duration::from_millis(300);
/// How often a logged-in connection looks whether it still has a channel.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// The server's budgets.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Logged-in connections at once (`--max-sessions`).
    pub max_sessions: usize,
    /// Silence before a client is asked whether it is there (3 unanswered
    /// asks drop it).
    pub keepalive: Duration,
    /// How long a refused key waits for its answer.
    pub reject_delay: Duration,
    /// From connecting to logged in (`--login-timeout`).
    pub login_deadline: Duration,
    /// Connections still logging in, in all…
    pub max_pending: usize,
    /// …and from one address.
    pub max_pending_per_ip: usize,
    /// Channels (boards, commands) open at once on one connection.
    pub max_channels: usize,
    /// A logged-in connection without any channel for this long is closed.
    pub idle_without_channel: Duration,
}

impl Limits {
    pub fn new(max_sessions: usize, keepalive: Duration, login_deadline: Duration) -> Limits {
        Limits {
            max_sessions: max_sessions.max(1),
            keepalive,
            reject_delay: Duration::from_secs(1),
            login_deadline,
            max_pending: 64,
            max_pending_per_ip: 16,
            max_channels: 4,
            idle_without_channel: Duration::from_secs(60),
        }
    }
}

/// One connection: who it is once logged in, and what it may still take.
struct Conn {
    shared: Arc<Shared>,
    slots: Arc<Semaphore>,
    channels: Arc<Semaphore>,
    actor: Option<Actor>,
    /// The session slot, held from login to the end of the connection.
    slot: Option<OwnedSemaphorePermit>,
    logged_in: Option<oneshot::Sender<Actor>>,
    /// Set once the connection has ended, for its channels to stop at once.
    gone: Arc<AtomicBool>,
    shutdown: watch::Receiver<bool>,
}

impl Conn {
    /// The actor for `name` logging in with `key`, if the board lets them in.
    fn admit(&self, name: &str, key: &russh::keys::PublicKey) -> Option<Actor> {
        let actor = Actor::User {
            name: name.to_string(),
            key: openssh_line(key),
        };
        self.shared.admits(&actor).then_some(actor)
    }
}

fn reject() -> Auth {
    Auth::Reject {
        proceed_with_methods: None,
        partial_success: false,
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(match self.admit(user, offer.public_key) {
            Some(_) => Auth::Accept,
            None => reject(),
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        self.actor = self.admit(user, key.public_key);
        Ok(match self.actor {
            Some(_) => Auth::Accept,
            None => reject(),
        })
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        let lang = self.shared.settings.lang;
        match self.slots.clone().try_acquire_owned() {
            Ok(slot) => {
                self.slot = Some(slot);
                if let (Some(tx), Some(actor)) = (self.logged_in.take(), self.actor.clone()) {
                    let _ = tx.send(actor);
                }
                Ok(())
            }
            Err(_) => {
                eprintln!("papi-board: {}", S::SrvBusy.t(lang));
                session.disconnect(Disconnect::TooManyConnections, S::SrvBusy.t(lang), "")
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let actor = self
            .actor
            .clone()
            .filter(|a| self.slot.is_some() && self.shared.admits(a));
        let permit = self.channels.clone().try_acquire_owned().ok();
        let (Some(actor), Some(permit)) = (actor, permit) else {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        };
        reply.accept().await;
        let (shared, shutdown, gone) = (
            self.shared.clone(),
            self.shutdown.clone(),
            self.gone.clone(),
        );
        tokio::spawn(async move {
            let _permit = permit;
            super::channel::run(shared, actor, channel, gone, shutdown).await;
        });
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _w: u32,
        _h: u32,
        _pw: u32,
        _ph: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    /// Accepted only to say, on the channel, that there is no such
    /// service here (a refusal alone leaves sftp with no word why).
    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }
}

/// The russh configuration: public keys only, a delay before refusing,
/// keepalive so dead clients are dropped.
fn config(limits: &Limits, key: PrivateKey) -> Config {
    Config {
        keys: vec![key],
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: limits.reject_delay,
        // OpenSSH first asks with "none" to learn the methods: answer at once.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keepalive_interval: Some(limits.keepalive),
        keepalive_max: 3,
        // A backstop: an answered keepalive counts as activity, so idle
        // viewers stay; a connection where nothing at all moves goes.
        inactivity_timeout: Some(limits.keepalive * 5),
        // Few messages wait per channel: a flooding client is held back by
        // its own connection's flow control, and its leaving is seen soon.
        channel_buffer_size: 16,
        nodelay: true,
        ..Config::default()
    }
}

/// Serve on `listener` until `stop` completes; then every session restores
/// its client's terminal and ends (at most a few seconds).
pub async fn serve(
    shared: Arc<Shared>,
    listener: TcpListener,
    key: PrivateKey,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let limits = Arc::new(limits);
    let config = Arc::new(config(&limits, key));
    let slots = Arc::new(Semaphore::new(limits.max_sessions));
    let pending = Arc::new(parking_lot::Mutex::new(Pending::default()));
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let mut sessions = JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors and the like: breathe, go on.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let Some(ticket) = Pending::take(&pending, peer.ip(), &limits) else {
                    drop(stream);
                    continue;
                };
                let conn = Conn {
                    shared: shared.clone(),
                    slots: slots.clone(),
                    channels: Arc::new(Semaphore::new(limits.max_channels)),
                    actor: None,
                    slot: None,
                    logged_in: None,
                    gone: Arc::new(AtomicBool::new(false)),
                    shutdown: shutdown_rx.clone(),
                };
                sessions.spawn(connection(
                    conn,
                    config.clone(),
                    limits.clone(),
                    stream,
                    ticket,
                ));
            }
        }
    }
    drop(listener);
    let _ = shutdown_tx.send(true);
    let _ = tokio::time::timeout(GOODBYE, async {
        while sessions.join_next().await.is_some() {}
    })
    .await;
    sessions.abort_all();
}

/// Close a connection: politely if the client listens, then for sure.
async fn cut(handle: &russh::server::Handle, socket: &std::net::TcpStream, why: &str) {
    let bye = handle.disconnect(Disconnect::ByApplication, why.to_string(), String::new());
    let _ = tokio::time::timeout(Duration::from_millis(500), bye).await;
    let _ = socket.shutdown(Shutdown::Both);
}

/// Sets its flag when dropped.
struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn socket_cut(socket: &std::net::TcpStream) {
    let _ = socket.shutdown(Shutdown::Both);
}

/// One connection, from its first byte to its end, within its budgets.
async fn connection(
    mut conn: Conn,
    config: Arc<Config>,
    limits: Arc<Limits>,
    stream: TcpStream,
    ticket: Ticket,
) {
    let Ticket {
        place,
        cut: evicted,
        spoke,
    } = ticket;
    let shared = conn.shared.clone();
    let channels = conn.channels.clone();
    let gone = conn.gone.clone();
    // However this ends, the channels learn at once that no one is there.
    let _gone = SetOnDrop(gone);
    let lang = shared.settings.lang;
    // A second handle on the socket, to cut it whatever state SSH is in.
    let Ok(std) = stream.into_std() else { return };
    let Ok(socket) = std.try_clone() else { return };
    let Ok(stream) = TcpStream::from_std(std) else {
        return;
    };
    let _ = stream.set_nodelay(true);
    let (tx, logged_in) = oneshot::channel();
    conn.logged_in = Some(tx);
    let deadline = tokio::time::Instant::now() + limits.login_deadline;
    tokio::pin!(evicted);
    let stream = Noting::new(stream, spoke);
    let started =
        tokio::time::timeout_at(deadline, russh::server::run_stream(config, stream, conn));
    let running = tokio::select! {
        started = started => started,
        _ = &mut evicted => return socket_cut(&socket),
    };
    let Ok(Ok(running)) = running else {
        return socket_cut(&socket);
    };
    let handle = running.handle();
    tokio::pin!(running);
    let actor = tokio::select! {
        _ = &mut running => return,
        _ = &mut evicted => return cut(&handle, &socket, S::SrvLoginTimeout.t(lang)).await,
        actor = tokio::time::timeout_at(deadline, logged_in) => match actor {
            Ok(Ok(actor)) => actor,
            _ => return cut(&handle, &socket, S::SrvLoginTimeout.t(lang)).await,
        },
    };
    drop(place);
    let mut users = shared.watch_users();
    let mut idle_since = None;
    loop {
        tokio::select! {
            _ = &mut running => return,
            _ = users.changed() => {
                if !shared.admits(&actor) {
                    tokio::time::sleep(REVOKE_GRACE).await;
                    return cut(&handle, &socket, S::SrvRevoked.t(lang)).await;
                }
            }
            _ = tokio::time::sleep(IDLE_CHECK) => {
                if channels.available_permits() < limits.max_channels {
                    idle_since = None;
                    continue;
                }
                let since = *idle_since.get_or_insert_with(tokio::time::Instant::now);
                if since.elapsed() >= limits.idle_without_channel {
                    return cut(&handle, &socket, S::SrvIdle.t(lang)).await;
                }
            }
        }
    }
}
