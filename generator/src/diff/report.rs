//! The two forms of a [`Report`]: text for people, JSON for tools.
//!
//! Both list the changes in the report's order (breaking first, then by
//! location), so the same two specs always print the same bytes.

use super::{Bump, Change, Report, Severity, Version};
use serde_json::{json, Value};

/// Longest value printed in the text form; the JSON form has them whole.
const MAX_VALUE_CHARS: usize = 60;

/// The bump and the versions around it, for printing.
struct Outcome {
    bump: Bump,
    current: Option<Version>,
    /// `None` without a current version.
    next: Option<Version>,
}

fn outcome(report: &Report, current: Option<&Version>) -> Outcome {
    let bump = report.bump(current);
    Outcome {
        bump,
        current: current.copied(),
        next: current.map(|v| v.bumped(bump)),
    }
}

/// One line per change under `breaking (N):` and `compatible (N):`, then
/// `bump: minor (0.1.0 -> 0.2.0)`; without a current version, the bump
/// alone (`bump: major`).
pub fn text(report: &Report, current: Option<&Version>) -> String {
    let mut out = String::new();
    if report.changes.is_empty() {
        out.push_str("no changes\n");
    }
    for severity in [Severity::Breaking, Severity::Compatible] {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.severity() == severity)
            .collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("{} ({}):\n", severity.as_str(), changes.len()));
        for change in changes {
            out.push_str(&format!("  {}\n", line(change)));
        }
    }
    let Outcome {
        bump,
        current,
        next,
    } = outcome(report, current);
    out.push_str(&match (current, next) {
        (Some(current), Some(next)) if bump != Bump::None => {
            format!("bump: {bump} ({current} -> {next})\n")
        }
        (Some(current), _) => format!("bump: {bump} (stays {current})\n"),
        _ => format!("bump: {bump}\n"),
    });
    out
}

/// `location: kind (old -> new): reason`.
fn line(change: &Change) -> String {
    let values = match (&change.old, &change.new) {
        (Some(old), Some(new)) => format!(" ({} -> {})", short(old), short(new)),
        (Some(old), None) => format!(" (was {})", short(old)),
        (None, Some(new)) => format!(" ({})", short(new)),
        (None, None) => String::new(),
    };
    format!(
        "{}: {}{values}: {}",
        change.location, change.kind, change.reason
    )
}

/// The first line of `value`, at most [`MAX_VALUE_CHARS`] characters.
fn short(value: &str) -> String {
    let first_line = value.lines().next().unwrap_or("");
    let mut chars = first_line.chars();
    let head: String = chars.by_ref().take(MAX_VALUE_CHARS).collect();
    if chars.next().is_some() || first_line.len() < value.trim_end().len() {
        format!("{head}…")
    } else {
        head
    }
}

/// The JSON document: `{"changes": [{"location", "kind", "severity",
/// "level", "old", "new", "reason"}], "bump", "current_version",
/// "next_version"}`, keys in that order; a missing value or version is
/// `null`. `severity` is `breaking` or `compatible`; `level` refines it
/// (`breaking`, `addition`, `fix`, `spec-only`) and decides the bump.
pub fn json(report: &Report, current: Option<&Version>) -> Value {
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|c| {
            json!({
                "location": c.location,
                "kind": c.kind.as_str(),
                "severity": c.severity().as_str(),
                "level": c.level.as_str(),
                "old": c.old,
                "new": c.new,
                "reason": c.reason,
            })
        })
        .collect();
    let Outcome {
        bump,
        current,
        next,
    } = outcome(report, current);
    json!({
        "changes": changes,
        "bump": bump.as_str(),
        "current_version": current.map(|v| v.to_string()),
        "next_version": next.map(|v| v.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_multiline_values_are_cut_in_text() {
        assert_eq!(short("abc"), "abc");
        assert_eq!(short("line one\nline two"), "line one…");
        let long = "x".repeat(61);
        assert_eq!(short(&long), format!("{}…", "x".repeat(60)));
        assert_eq!(short(&"é".repeat(60)), "é".repeat(60));
    }
}
