//! `papi-board user add|list|remove`: who may connect over SSH. Users are
//! board data changed through `Command::PutUser` / `RemoveUser`, so each
//! change is in the audit trail. Locally the owner of the database files
//! acts; over SSH only admins may — listing included, since the list holds
//! every key — and that is decided before any argument is looked at. Over
//! SSH `--key` is the key's text only: a client never names a server file.

use std::io::Write;

use clap::Subcommand;
use russh::keys::{HashAlg, PublicKey};
use serde_json::json;

use crate::domain::access::{Forbidden, allowed};
use crate::domain::board::Refusal;
use crate::domain::command::Command;
use crate::domain::user::{Role, User};
use crate::i18n::S;
use crate::store::Store;

use super::{Env, Fail};

#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum UserCmd {
    /// Add a user who may connect over SSH (or replace the user of that name)
    Add {
        /// The SSH login name: lowercase letters, digits, . _ -
        name: String,
        /// The OpenSSH public key line ('ssh-ed25519 AAAA… comment'), or a .pub file
        #[arg(long, allow_hyphen_values = true)]
        key: String,
        /// admin, editor or viewer
        #[arg(long)]
        role: String,
        /// The unit an editor works for (its code)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
    },
    /// List the users
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a user (their sessions can change nothing from then on)
    Remove { name: String },
}

/// The key line from the argument: the line itself or, locally only, a
/// file holding it.
fn key_line(arg: &str, env: &Env, remote: bool) -> Result<String, Fail> {
    let text = if crate::domain::user::key_id(arg).is_some() {
        arg.to_string()
    } else if remote {
        return Err(Fail(S::SrvKeyTextOnly.t(env.lang).to_string()));
    } else {
        std::fs::read_to_string(arg.trim())
            .map_err(|e| Fail(format!("{}: {arg}: {e}", S::UserBadKeyFile.t(env.lang))))?
    };
    let line = text.trim();
    let key = PublicKey::from_openssh(line).map_err(|_| Fail(Refusal::BadKey.message(env.lang)))?;
    key.to_openssh()
        .map_err(|_| Fail(Refusal::BadKey.message(env.lang)))
}

/// `user add --key FILE` for a local user: the key file is read where the
/// user is (`files`), and the command goes on with the key's text.
pub fn key_from_file(
    env: &Env,
    cmd: UserCmd,
    files: &mut dyn crate::term::local::files::ClientFiles,
) -> Result<UserCmd, Fail> {
    match cmd {
        UserCmd::Add {
            name,
            key,
            role,
            unit,
        } if crate::domain::user::key_id(&key).is_none() => {
            let text = files
                .read(std::path::Path::new(key.trim()))
                .map_err(|e| Fail(format!("{}: {key}: {e}", S::UserBadKeyFile.t(env.lang))))?;
            Ok(UserCmd::Add {
                name,
                key: String::from_utf8_lossy(&text).into_owned(),
                role,
                unit,
            })
        }
        cmd => Ok(cmd),
    }
}

/// The SHA256 fingerprint of a stored key line.
fn fingerprint(line: &str) -> String {
    PublicKey::from_openssh(line)
        .map(|k| k.fingerprint(HashAlg::Sha256).to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Run a user command; `actor` is the SSH user when it comes over SSH.
pub fn run(
    env: &Env,
    cmd: UserCmd,
    store: &mut Store,
    actor: Option<&User>,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    if let Some(actor) = actor {
        admin_only(actor).map_err(|f| Fail(Refusal::Forbidden(f).message(env.lang)))?;
    }
    let change = match cmd {
        UserCmd::List { json } => {
            list(env, store, json, out);
            return Ok(());
        }
        UserCmd::Add {
            name,
            key,
            role,
            unit,
        } => {
            let role = Role::parse(&role)
                .ok_or_else(|| Fail(format!("{}: {role}", S::UserBadRole.t(env.lang))))?;
            Command::PutUser(User {
                name: name.trim().to_string(),
                key: key_line(&key, env, actor.is_some())?,
                role,
                unit: unit.map(|u| u.trim().into()),
            })
        }
        UserCmd::Remove { name } => Command::RemoveUser(name.trim().to_string()),
    };
    if let Some(actor) = actor {
        allowed(actor, &change, store.board()).map_err(|r| Fail(r.message(env.lang)))?;
    }
    let (said, name) = match &change {
        Command::PutUser(u) => (S::UserAdded, u.name.clone()),
        Command::RemoveUser(n) => (S::UserRemoved, n.clone()),
        _ => unreachable!("only user commands are built above"),
    };
    store
        .apply(change, &env.ctx())
        .map_err(|e| Fail(e.message(env.lang)))?;
    writeln!(out, "{}: {name}", said.t(env.lang)).ok();
    Ok(())
}

/// Users are for admins: a viewer is told they only view, an editor that
/// this is an admin's.
pub fn admin_only(user: &User) -> Result<(), Forbidden> {
    match user.role {
        Role::Admin => Ok(()),
        Role::Editor => Err(Forbidden::AdminOnly),
        Role::Viewer => Err(Forbidden::ReadOnly),
    }
}

fn list(env: &Env, store: &Store, json: bool, out: &mut dyn Write) {
    let users = store.board().users.values();
    if json {
        let v: Vec<_> = users
            .map(|u| {
                json!({
                    "name": u.name,
                    "role": u.role.code(),
                    "unit": u.unit,
                    "key": u.key,
                    "fingerprint": fingerprint(&u.key),
                })
            })
            .collect();
        super::output::print_json(out, &serde_json::Value::Array(v));
        return;
    }
    if store.board().users.is_empty() {
        writeln!(out, "{}", S::UserNone.t(env.lang)).ok();
    }
    for u in users {
        writeln!(
            out,
            "{:<16} {:<7} {:<6} {}",
            u.name,
            u.role.code(),
            u.unit.as_deref().unwrap_or("—"),
            fingerprint(&u.key)
        )
        .ok();
    }
}
