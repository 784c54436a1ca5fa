//! The version bump a set of changes needs, by Cargo's semver rules.
//!
//! Cargo treats the left-most non-zero number as the "major" one: `1.2.3`
//! and `1.9.0` are compatible, `0.1.0` and `0.2.0` are not, and every
//! `0.0.z` is incompatible with every other. So the bump depends on the
//! current version as well as on the changes:
//!
//! | most serious change | `>= 1.0.0` | `0.y.z` (y > 0) | `0.0.z` |
//! |---|---|---|---|
//! | breaking | major | minor | patch |
//! | addition | minor | patch | patch |
//! | fix (docs, behaviour) | patch | patch | patch |
//! | spec only, or nothing | none | none | none |
//!
//! Without a current version the `>= 1.0.0` column is used.

use super::rules::Level;
use std::fmt;

/// Which number of the version to raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A release version, `MAJOR.MINOR.PATCH`. Pre-release and build suffixes
/// are refused: what "compatible" means for them is a choice the caller
/// makes, not one this tool should guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error(
        "`{0}` is not a version of the form MAJOR.MINOR.PATCH (pre-releases are not supported)"
    )]
    Malformed(String),
    #[error("{0} has no `version` in its [package] section")]
    NoPackageVersion(String),
    #[error("cannot read {0}")]
    Unreadable(String),
}

impl Version {
    pub fn parse(text: &str) -> Result<Version, VersionError> {
        let malformed = || VersionError::Malformed(text.to_owned());
        let numbers: Vec<u64> = text
            .trim()
            .split('.')
            .map(|part| {
                // `u64::from_str` takes a leading `+`; a version does not.
                if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(malformed());
                }
                part.parse().map_err(|_| malformed())
            })
            .collect::<Result<_, _>>()?;
        match numbers[..] {
            [major, minor, patch] => Ok(Version {
                major,
                minor,
                patch,
            }),
            _ => Err(malformed()),
        }
    }

    /// The `version` of the `[package]` section of a `Cargo.toml`'s text;
    /// `file` names it in the error. Only a plain `version = "x.y.z"` line
    /// is read (no inherited `version.workspace = true`), which is what
    /// `hwcloud-codegen generate` writes.
    pub fn from_cargo_toml(text: &str, file: &str) -> Result<Version, VersionError> {
        let mut in_package = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                in_package = line == "[package]";
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            if in_package && key.trim() == "version" {
                let value = value.trim();
                let quoted = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .ok_or_else(|| VersionError::Malformed(value.to_owned()))?;
                return Version::parse(quoted);
            }
        }
        Err(VersionError::NoPackageVersion(file.to_owned()))
    }

    /// The version after `bump`.
    pub fn bumped(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match bump {
            Bump::None => self,
            Bump::Patch => Version {
                major,
                minor,
                patch: patch + 1,
            },
            Bump::Minor => Version {
                major,
                minor: minor + 1,
                patch: 0,
            },
            Bump::Major => Version {
                major: major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The bump that changes at `level` (the most serious one; `None` for no
/// change) need from `current`, by the table in this module's docs.
pub fn bump(level: Option<Level>, current: Option<&Version>) -> Bump {
    let Some(level) = level.filter(|l| *l > Level::SpecOnly) else {
        return Bump::None;
    };
    match (current, level) {
        (Some(v), _) if v.major == 0 && v.minor == 0 => Bump::Patch,
        (Some(v), Level::Breaking) if v.major == 0 => Bump::Minor,
        (Some(v), _) if v.major == 0 => Bump::Patch,
        (_, Level::Breaking) => Bump::Major,
        (_, Level::Addition) => Bump::Minor,
        _ => Bump::Patch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn bumps_follow_cargo_semver() {
        let cases = [
            (Level::Breaking, "1.2.3", Bump::Major, "2.0.0"),
            (Level::Addition, "1.2.3", Bump::Minor, "1.3.0"),
            (Level::Fix, "1.2.3", Bump::Patch, "1.2.4"),
            (Level::SpecOnly, "1.2.3", Bump::None, "1.2.3"),
            (Level::Breaking, "0.1.0", Bump::Minor, "0.2.0"),
            (Level::Addition, "0.1.0", Bump::Patch, "0.1.1"),
            (Level::Fix, "0.1.0", Bump::Patch, "0.1.1"),
            (Level::Breaking, "0.0.4", Bump::Patch, "0.0.5"),
            (Level::Addition, "0.0.4", Bump::Patch, "0.0.5"),
        ];
        for (level, current, want, next) in cases {
            let current = v(current);
            let got = bump(Some(level), Some(&current));
            assert_eq!(got, want, "{level:?} from {current}");
            assert_eq!(current.bumped(got).to_string(), next);
        }
        assert_eq!(bump(None, Some(&v("0.1.0"))), Bump::None);
        assert_eq!(bump(Some(Level::Breaking), None), Bump::Major);
        assert_eq!(bump(Some(Level::Addition), None), Bump::Minor);
    }

    #[test]
    fn only_plain_versions_parse() {
        assert_eq!(v(" 10.0.7 ").to_string(), "10.0.7");
        for bad in [
            "1.2",
            "1.2.3.4",
            "1.2.3-rc.1",
            "1.2.x",
            "+1.2.3",
            "1..3",
            "",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_the_package_version_of_a_manifest() {
        let toml = "# header\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9.9.9\"\n";
        assert_eq!(Version::from_cargo_toml(toml, "Cargo.toml"), Ok(v("0.3.1")));
        let no_version = "[dependencies]\nversion = \"1.0.0\"\n";
        assert_eq!(
            Version::from_cargo_toml(no_version, "Cargo.toml"),
            Err(VersionError::NoPackageVersion("Cargo.toml".into()))
        );
        assert!(Version::from_cargo_toml("[package]\nversion.workspace = true\n", "C").is_err());
    }
}
