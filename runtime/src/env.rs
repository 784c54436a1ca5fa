//! The environment as every `from_env` reads it, and where the vendor
//! SDKs' files are.

use std::path::{Path, PathBuf};

/// A variable of the process's environment; one set to the empty string
/// counts as unset.
pub(crate) fn process_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `var` with a variable set to the empty string read as unset, as
/// [`process_var`] reads the process's: every `from_vars` goes through it,
/// so a test's or a command line's environment means what the process's
/// would (`HUAWEICLOUD_SDK_AK=` picks no key).
pub(crate) fn ignoring_empty(
    var: impl Fn(&str) -> Option<String>,
) -> impl Fn(&str) -> Option<String> {
    move |name| var(name).filter(|v| !v.is_empty())
}

/// The text of the file at `path`, `None` when there is no such file (an
/// SDK file is optional); any other failure to read it is an error.
pub(crate) fn read_if_exists(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// A file of the vendor SDKs: where the variable `env_name` points, else
/// `$HOME/.huaweicloud/<file_name>` (`USERPROFILE` on Windows), with the
/// variables read through `var`.
pub(crate) fn huaweicloud_file(
    var: &dyn Fn(&str) -> Option<String>,
    env_name: &str,
    file_name: &str,
) -> Option<PathBuf> {
    if let Some(path) = var(env_name) {
        return Some(PathBuf::from(path));
    }
    let home = var("HOME").or_else(|| var("USERPROFILE"))?;
    Some(Path::new(&home).join(".huaweicloud").join(file_name))
}

/// A fresh folder for a test, removed when dropped (also when the test
/// fails); the process id and a counter keep parallel tests apart.
#[cfg(test)]
pub(crate) mod scratch {
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Self {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "hwcloud-runtime-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
