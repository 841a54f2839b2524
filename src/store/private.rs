//! The database is its owner's only: its directory, its backups' directory
//! and the server's files in it are made 0700 (directories) and 0600
//! (files). A database made by an older build (0755 and 0644) is tightened
//! when it is next opened, and again when it is closed (sled makes new
//! files as it goes, with the process's umask; the 0700 directory keeps
//! them from others meanwhile).

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Make `path` (and any missing parent) a directory only its owner can
/// enter, or tighten it if it exists.
pub fn dir(path: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return DirBuilder::new().recursive(true).mode(0o700).create(path);
    }
    set_mode(path, 0o700);
    Ok(())
}

/// Every file in `dir`, and in the directories inside it, readable by its
/// owner only; the directories 0700. Best effort: a file that cannot be
/// changed (not ours) is left as it is.
pub fn tighten(dir: &Path) {
    set_mode(dir, 0o700);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        match e.file_type() {
            Ok(t) if t.is_dir() => tighten(&e.path()),
            Ok(t) if t.is_file() => set_mode(&e.path(), 0o600),
            _ => {}
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    if let Ok(m) = std::fs::metadata(path)
        && m.permissions().mode() & 0o777 != mode
    {
        let _ = std::fs::set_permissions(path, Permissions::from_mode(mode));
    }
}

/// Create (or empty) `path` as a file only its owner can read.
pub fn create(path: &Path) -> std::io::Result<File> {
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // An existing file keeps its mode through `open`: set it.
    f.set_permissions(Permissions::from_mode(0o600))?;
    Ok(f)
}

/// Write `bytes` to `path`, readable by its owner only.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    create(path)?.write_all(bytes.as_ref())
}

/// Write `bytes` to `path` whole or not at all (a private temporary file
/// beside it, then renamed over it).
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or("backup".into(), |n| n.to_string_lossy().into_owned());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_and_old_places_end_private() {
        let base = tempfile::tempdir().unwrap();
        let db = base.path().join("a/b/db");
        dir(&db).unwrap();
        assert_eq!(mode(&db), 0o700);
        let f = db.join("conf");
        write(&f, "x").unwrap();
        assert_eq!(mode(&f), 0o600);
        // As an older build left them.
        std::fs::set_permissions(&db, Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&f, Permissions::from_mode(0o644)).unwrap();
        std::fs::create_dir(db.join("blobs")).unwrap();
        std::fs::write(db.join("blobs/1"), "y").unwrap();
        write(&f, "z").unwrap();
        assert_eq!(mode(&f), 0o600, "rewritten private");
        std::fs::set_permissions(&f, Permissions::from_mode(0o644)).unwrap();
        tighten(&db);
        assert_eq!(
            [
                mode(&db),
                mode(&f),
                mode(&db.join("blobs")),
                mode(&db.join("blobs/1"))
            ],
            [0o700, 0o600, 0o700, 0o600]
        );
    }
}
