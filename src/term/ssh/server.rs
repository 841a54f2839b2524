//! The SSH listener: accepts connections up to the session limit,
//! authenticates them by public key against the board's users, hands each
//! session channel to its own task, and on shutdown lets every session
//! restore its client's terminal before the process exits.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::{Auth, Config, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use super::{Shared, openssh_line};
use crate::domain::user::key_id;

/// How long sessions get to say goodbye when the server stops.
const GOODBYE: Duration = Duration::from_secs(3);

/// One connection: who it is once authenticated.
struct Conn {
    shared: Arc<Shared>,
    user: Option<String>,
    shutdown: watch::Receiver<bool>,
}

impl Conn {
    /// Is `key` the key of the user called `name`?
    fn known(&self, name: &str, key: &russh::keys::PublicKey) -> bool {
        let line = openssh_line(key);
        self.shared
            .user(name)
            .is_some_and(|u| key_id(&u.key).is_some() && key_id(&u.key) == key_id(&line))
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
        Ok(if self.known(user, offer.public_key) {
            Auth::Accept
        } else {
            reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.known(user, key.public_key) {
            self.user = Some(user.to_string());
            Ok(Auth::Accept)
        } else {
            Ok(reject())
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(user) = self.user.clone() else {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        };
        reply.accept().await;
        tokio::spawn(super::session::run(
            self.shared.clone(),
            user,
            channel,
            self.shutdown.clone(),
        ));
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
}

/// The russh configuration: public keys only, a delay before refusing,
/// keepalive so dead clients are dropped.
fn config(shared: &Shared, key: PrivateKey) -> Config {
    let s = &shared.settings;
    Config {
        keys: vec![key],
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: s.reject_delay,
        // OpenSSH first asks with "none" to learn the methods: answer at once.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keepalive_interval: Some(s.keepalive),
        keepalive_max: 3,
        // Idle viewers stay: keepalive decides who is gone.
        inactivity_timeout: None,
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
    stop: impl Future<Output = ()>,
) {
    let config = Arc::new(config(&shared, key));
    let slots = Arc::new(Semaphore::new(shared.settings.max_sessions));
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let mut sessions = JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else {
                    // Out of file descriptors and the like: breathe, go on.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let Ok(permit) = slots.clone().try_acquire_owned() else {
                    eprintln!(
                        "papi-board: {}",
                        crate::i18n::S::SrvBusy.t(shared.settings.lang)
                    );
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let conn = Conn {
                    shared: shared.clone(),
                    user: None,
                    shutdown: shutdown_rx.clone(),
                };
                let config = config.clone();
                sessions.spawn(async move {
                    let _permit = permit;
                    if let Ok(running) = russh::server::run_stream(config, stream, conn).await {
                        let _ = running.await;
                    }
                });
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
