//! Serving the board over SSH: one process owns the database and every SSH
//! connection gets its own sessions inside it (the session core is
//! `term::hub`, shared with any other transport).
//!
//! - `server`: the listener, authentication (public keys of the board's
//!   users), the budgets (login deadline, connections still logging in, in
//!   all and per address, sessions, channels per connection, idle
//!   connections), revocation, keepalive, shutdown.
//! - `channel`: one SSH channel — the request that chooses it (a board, one
//!   command; a subsystem is refused), and the channel as a `hub` transport.
//! - `pending`: connections still logging in, and how room is made among
//!   them (silent sockets give way).
//! - `hostkey`: the persistent host key.

pub mod channel;
pub mod hostkey;
pub mod pending;
pub mod server;

pub use server::Limits;

/// The OpenSSH line of a public key, without its comment.
pub fn openssh_line(key: &russh::keys::PublicKey) -> String {
    let mut k = key.clone();
    k.set_comment("");
    k.to_openssh().unwrap_or_default()
}
