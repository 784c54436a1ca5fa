//! Rust names for spec names.
//!
//! Spec names are whatever the vendor wrote (`registry_type`, `X-Auth-Token`,
//! `swr-pro-internal`, `7`); these functions turn them into identifiers that
//! compile, read naturally, and never collide with keywords or with the
//! prelude names generated code relies on. The wire name is always kept
//! beside the Rust name (serde renames), so nothing here changes what is sent.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

/// Keywords of every edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Type names generated code uses unqualified (the prelude's, and the
/// runtime's it imports); a spec type must not shadow them.
const PRELUDE_TYPES: &[&str] = &[
    "Box", "Err", "Error", "None", "Ok", "Option", "Result", "Self", "Some", "String", "Vec",
];

/// The runtime items generated files may name unqualified, imported by
/// `emit/imports.rs` where a file uses them. No type or variant of a spec
/// may be named like one of the types.
pub const RUNTIME_IMPORTS: &[&str] = &[
    "check",
    "decode",
    "http",
    "path_segment",
    "replace_all",
    "DecodeError",
    "EncodeContext",
    "EncodeError",
    "Path",
    "Pattern",
    "RequestBuilder",
    "RequestError",
    "Validate",
    "Violations",
];

/// Whether `name` is one of the runtime's types that generated files import.
fn is_runtime_type(name: &str) -> bool {
    name.starts_with(char::is_uppercase) && RUNTIME_IMPORTS.contains(&name)
}

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// A struct or enum name: `registry_info` -> `RegistryInfo`.
pub fn type_name(raw: &str) -> String {
    let name = camel(raw, "T");
    if PRELUDE_TYPES.contains(&name.as_str()) || is_runtime_type(&name) {
        format!("{name}Model")
    } else {
        name
    }
}

/// An enum variant name: `swr-pro-internal` -> `SwrProInternal`, `7` -> `V7`,
/// `self` -> `SelfValue` (`Self` is a keyword).
pub fn variant_name(raw: &str) -> String {
    let name = camel(raw, "V");
    if is_keyword(&name) || is_runtime_type(&name) {
        format!("{name}Value")
    } else {
        name
    }
}

/// A field, parameter or method name: `registryType` -> `registry_type`,
/// `type` -> `r#type`, `X-Auth-Token` -> `x_auth_token`.
pub fn field_name(raw: &str) -> String {
    let snake = snake(raw);
    if is_keyword(&snake) {
        if NOT_RAW.contains(&snake.as_str()) {
            format!("{snake}_")
        } else {
            format!("r#{snake}")
        }
    } else {
        snake
    }
}

/// A module or file name: like [`field_name`], but never a raw identifier.
pub fn module_name(raw: &str) -> String {
    let snake = snake(raw);
    if is_keyword(&snake) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// A command-line name (subcommand or flag), kebab case:
/// `UpdateUserRepositoryAuth` -> `update-user-repository-auth`,
/// `X-Auth-Token` -> `x-auth-token`. Keywords need no escape on a command line.
pub fn command_name(raw: &str) -> String {
    let snake = snake(raw);
    snake.trim_start_matches('_').replace('_', "-")
}

/// The variant of an operation's answer or error enum for an HTTP status:
/// `200` -> `Ok`, `404` -> `NotFound`, an unnamed code `299` -> `Status299`.
pub fn status_variant_name(code: u16) -> String {
    let name = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "NoContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    name.to_owned()
}

/// Makes `names` unique, in order, by appending `2`, `3`, … to later
/// duplicates; names in `reserved` are treated as already taken.
pub fn dedupe(names: Vec<String>, reserved: &[&str]) -> Vec<String> {
    let mut taken: HashSet<String> = reserved.iter().map(|s| s.to_string()).collect();
    names
        .into_iter()
        .map(|name| {
            let name = unique(&name, |candidate| taken.contains(candidate));
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// `name`, or the first of `name2`, `name3`, … that is not `taken`.
pub fn unique(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = name.to_owned();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    candidate
}

fn camel(raw: &str, digit_prefix: &str) -> String {
    let camel = words(raw).to_upper_camel_case();
    match camel.chars().next() {
        None => format!("{digit_prefix}Empty"),
        Some(c) if c.is_ascii_digit() => format!("{digit_prefix}{camel}"),
        Some(_) => camel,
    }
}

fn snake(raw: &str) -> String {
    let snake = words(raw).to_snake_case();
    match snake.chars().next() {
        None => "field".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{snake}"),
        Some(_) => snake,
    }
}

/// Keeps ASCII letters and digits; everything else separates words. (heck
/// would keep non-ASCII letters, which make poor identifiers.)
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        let cases = [
            ("RegistryInfo", "RegistryInfo"),
            ("registry_info", "RegistryInfo"),
            ("ListRegistryResponseBody", "ListRegistryResponseBody"),
            ("2fa-config", "T2faConfig"),
            ("Result", "ResultModel"),
            ("option", "OptionModel"),
            ("self", "SelfModel"),
            ("", "TEmpty"),
            ("镜像", "TEmpty"),
            ("dns.conf", "DnsConf"),
        ];
        for (raw, want) in cases {
            assert_eq!(type_name(raw), want, "type_name({raw:?})");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("swr-pro-internal", "SwrProInternal"),
            ("huawei-SWR", "HuaweiSwr"),
            ("CREATE_JOB_FAILED", "CreateJobFailed"),
            ("V1", "V1"),
            ("7", "V7"),
            (
                "application/json;charset=utf-8",
                "ApplicationJsonCharsetUtf8",
            ),
            ("http", "Http"),
            ("", "VEmpty"),
            ("self", "SelfValue"),
            ("path", "PathValue"),
        ];
        for (raw, want) in cases {
            assert_eq!(variant_name(raw), want, "variant_name({raw:?})");
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("registry_type", "registry_type"),
            ("registryType", "registry_type"),
            ("X-Auth-Token", "x_auth_token"),
            ("type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("async", "r#async"),
            ("1st", "_1st"),
            ("", "field"),
            ("$ref", "r#ref"),
            ("a.b", "a_b"),
        ];
        for (raw, want) in cases {
            assert_eq!(field_name(raw), want, "field_name({raw:?})");
        }
    }

    #[test]
    fn command_names() {
        let cases = [
            ("ListRegistry", "list-registry"),
            ("UpdateUserRepositoryAuth", "update-user-repository-auth"),
            ("create-thing", "create-thing"),
            ("X-Auth-Token", "x-auth-token"),
            ("registry_type", "registry-type"),
            ("type", "type"),
            ("1st", "1st"),
        ];
        for (raw, want) in cases {
            assert_eq!(command_name(raw), want, "command_name({raw:?})");
        }
    }

    #[test]
    fn module_names_are_never_raw() {
        assert_eq!(module_name("HSS"), "hss");
        assert_eq!(module_name("type"), "type_");
        assert_eq!(module_name("image-registry"), "image_registry");
    }

    #[test]
    fn status_variants() {
        let cases = [
            (200, "Ok"),
            (201, "Created"),
            (404, "NotFound"),
            (418, "Status418"),
        ];
        for (code, want) in cases {
            assert_eq!(
                status_variant_name(code),
                want,
                "status_variant_name({code})"
            );
        }
    }

    #[test]
    fn dedupe_appends_numbers_in_order() {
        let names = vec!["AB".to_string(), "AB".into(), "Unknown".into(), "AB".into()];
        assert_eq!(
            dedupe(names, &["Unknown"]),
            ["AB", "AB2", "Unknown2", "AB3"]
        );
    }
}
