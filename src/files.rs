//! Folders pc-inbox makes for itself: its own private (0700), and any missing parent readable
//! by others (0755), as if the umask were 022, whatever it is.

use std::fs::{self, Permissions};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Creates `dir` if needed and makes it 0700; parents it had to create become 0755. Folders
/// that existed keep their modes, except `dir` itself.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|at| !at.as_os_str().is_empty() && !at.exists())
        .collect();
    for at in missing.iter().rev() {
        match fs::create_dir(at) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ if *at != dir => fs::set_permissions(at, Permissions::from_mode(0o755))?,
            _ => {}
        }
    }
    fs::set_permissions(dir, Permissions::from_mode(0o700))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn missing_parents_are_0755_and_the_folder_itself_0700() {
        let home = tempfile::tempdir().unwrap();
        fs::set_permissions(home.path(), Permissions::from_mode(0o711)).unwrap();
        let dir = home.path().join("share/pc-inbox/logs");
        private_dir(&dir).unwrap();
        assert_eq!(mode(&home.path().join("share")), 0o755);
        assert_eq!(mode(&home.path().join("share/pc-inbox")), 0o755);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(home.path()), 0o711, "what existed is left alone");
        fs::set_permissions(&dir, Permissions::from_mode(0o755)).unwrap();
        private_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700, "made private again");
    }
}
