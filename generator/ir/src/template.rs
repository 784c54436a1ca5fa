//! Path and URL templates (`/v5/{project_id}/image/registries/{id}`),
//! read one way by every stage: its placeholders, and the literal text
//! before each.

/// Each placeholder of `template` with the literal text before it, in
/// order, and the text after the last one. An unclosed `{` is literal
/// text.
pub fn pieces(template: &str) -> (Vec<(&str, &str)>, &str) {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        pieces.push((&rest[..open], &rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    (pieces, rest)
}

/// The `{name}` placeholders of `template`, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    pieces(template)
        .0
        .into_iter()
        .map(|(_, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_and_placeholders() {
        // (template, its placeholders with the text before each, the tail)
        type Case = (
            &'static str,
            &'static [(&'static str, &'static str)],
            &'static str,
        );
        let table: [Case; 5] = [
            (
                "/v5/{project_id}/image/{id}",
                &[("/v5/", "project_id"), ("/image/", "id")],
                "",
            ),
            ("/plain", &[], "/plain"),
            ("{a}{b}", &[("", "a"), ("", "b")], ""),
            ("/x/{open", &[], "/x/{open"),
            (
                "https://hss.{region}.example.com",
                &[("https://hss.", "region")],
                ".example.com",
            ),
        ];
        for (template, expected, tail) in table {
            assert_eq!(pieces(template), (expected.to_vec(), tail), "{template}");
            let names: Vec<&str> = expected.iter().map(|(_, n)| *n).collect();
            assert_eq!(placeholders(template), names, "{template}");
        }
    }
}
