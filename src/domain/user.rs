//! The people who may connect to the board over SSH: a name, one OpenSSH
//! public key, a role, and for editors the unit whose tasks they change.
//! Users are data on the board, changed only through `Command::PutUser` and
//! `Command::RemoveUser`, so every change to them is audited like any other.

use serde::{Deserialize, Serialize};

/// What a user may do (see `access::allowed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Changes everything: tasks, units, plan details, scores and users.
    Admin,
    /// Changes the tasks their unit leads or supports, and adds notes to them.
    Editor,
    /// Reads only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

    /// The code used on the command line and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// A person allowed to connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The SSH login name: `ssh NAME@host`.
    pub name: String,
    /// One OpenSSH public key line: `ssh-ed25519 AAAA… comment`.
    pub key: String,
    pub role: Role,
    /// The unit an editor works for (a unit code of the board).
    pub unit: Option<crate::domain::unit::UnitCode>,
}

/// Longest user name.
pub const MAX_NAME: usize = 32;

/// A login name: 1–32 of lowercase ASCII letters, digits, `.`, `_`, `-`,
/// starting with a letter or digit (what `ssh NAME@host` passes intact).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// The two fields of a public key line that identify the key (type and
/// base64 body), without the comment: two lines with the same key compare
/// equal even when their comments differ.
pub fn key_id(line: &str) -> Option<(&str, &str)> {
    let mut parts = line.split_whitespace();
    let kind = parts.next()?;
    let body = parts.next()?;
    (kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-"))
        .then_some((kind, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_logins() {
        for ok in ["lan", "nguyen.van.a", "cb-dc_2", "7thon"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "Lan", "lan anh", "-x", "lân", &"a".repeat(33), "a@b"] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn roles_parse_from_their_codes() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse(" EDITOR "), Some(Role::Editor));
        assert_eq!(Role::parse("owner"), None);
    }

    #[test]
    fn key_identity_ignores_the_comment() {
        assert_eq!(
            key_id("ssh-ed25519 AAAAC3Nza lan@may1"),
            key_id("ssh-ed25519   AAAAC3Nza  other")
        );
        assert_eq!(key_id("AAAAC3Nza"), None);
        assert_eq!(key_id("rsa AAAA"), None);
    }
}
