//! The server's host key: made once, on the first start, kept in the
//! database directory with mode 0600 and reused on every later start, so
//! clients can trust it (its fingerprint is printed at every start). A key
//! file that others may read is made private again, with a warning.

use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// The host key's file name inside the database directory.
pub const FILE: &str = "ssh_host_ed25519_key";

pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Load the host key from `dir`, or make and save one. Returns a warning
/// when the key had been readable by others (it is made private again).
pub fn load_or_create(dir: &Path) -> std::io::Result<(PrivateKey, Option<PathBuf>)> {
    let path = path_in(dir);
    if path.exists() {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)?.permissions().mode();
        let exposed = mode & 0o077 != 0;
        if exposed {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        }
        return PrivateKey::read_openssh_file(&path)
            .map(|k| (k, exposed.then_some(path.clone())))
            .map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())));
    }
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    // Write next to it, then rename: a crash never leaves half a key.
    let tmp = dir.join(format!("{FILE}.tmp"));
    key.write_openssh_file(&tmp, LineEnding::LF)
        .map_err(|e| std::io::Error::other(format!("{}: {e}", tmp.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok((key, None))
}

/// "SHA256:…", as `ssh-keygen -l` and the OpenSSH client show it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = load_or_create(dir.path()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path_in(dir.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, warned) = load_or_create(dir.path()).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(warned.is_none());
        // Left readable by others: made private again, with a warning.
        use std::os::unix::fs::PermissionsExt;
        let path = path_in(dir.path());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (again, warned) = load_or_create(dir.path()).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert_eq!(warned, Some(path.clone()));
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(fingerprint(&first).starts_with("SHA256:"));
    }
}
