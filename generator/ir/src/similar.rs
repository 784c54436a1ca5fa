//! Names close to a misspelt one, for "did you mean" in messages.

/// Levenshtein distance, by characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Up to three of `candidates` close to `name`, closest first: within a
/// quarter of its length in edits (ignoring case), or containing it.
pub(crate) fn close_matches<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let wanted = name.to_lowercase();
    let limit = (wanted.chars().count() / 4).max(1);
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = edit_distance(&wanted, &lower);
            let contains = wanted.len() >= 3 && lower.contains(&wanted);
            (distance <= limit || contains).then_some((distance, candidate))
        })
        .collect();
    close.sort();
    close.dedup();
    close
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_matches() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        let ops = [
            "ListRegistry",
            "AddRegistry",
            "UpdateRegistry",
            "ListImages",
        ];
        assert_eq!(close_matches("ListRegistri", ops), ["ListRegistry"]);
        assert_eq!(close_matches("listregistry", ops), ["ListRegistry"]);
        assert_eq!(
            close_matches("Registry", ops),
            ["AddRegistry", "ListRegistry", "UpdateRegistry"]
        );
        assert!(close_matches("Nothing", ops).is_empty());
    }
}
