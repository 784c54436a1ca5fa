//! Media types, compared as HTTP compares them: without parameters
//! (`; charset=utf-8`) and without regard to case. Shared by the stages
//! that read specs and the IR.

/// `Application/JSON; charset=utf-8` → `application/json`.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// JSON: `application/json`, or a `+json` type such as
/// `application/problem+json`.
pub fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}
