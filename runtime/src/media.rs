//! Media types, compared as HTTP compares them: without parameters
//! (`; charset=utf-8`, `; boundary=…`) and without regard to case.

/// `Application/JSON; charset=utf-8` → `application/json`.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `application/json`, or a `+json` type such as `application/problem+json`.
pub fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// `multipart/form-data`, with or without its boundary.
pub fn is_form(content_type: &str) -> bool {
    essence(content_type) == "multipart/form-data"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_case_do_not_count() {
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("application/octet-stream"));
        assert!(is_form("Multipart/Form-Data; boundary=x"));
        assert_eq!(essence(" text/plain ;q=1"), "text/plain");
    }
}
