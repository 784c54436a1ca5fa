//! Rustdoc text from spec descriptions.

use crate::ir::{NamedKind, Schema, Service, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// `#![doc]` attributes (module documentation) for `text`, escaped like [`doc`].
pub fn inner_doc(text: &str) -> TokenStream {
    Doc::default().para(text).inner_tokens()
}

/// `#[doc]` attributes for `text`, one per line, escaped so that rustdoc
/// reads the vendor's prose as prose: `[x]` is not a link, `<x>` is not HTML,
/// and indentation does not make a code block.
pub fn doc(text: &str) -> TokenStream {
    Doc::default().para(text).tokens()
}

/// Like [`doc`], with `fallback` where the spec gives no description, so
/// that every public item is documented (`missing_docs` stays quiet).
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    Doc::default().para_or(text, fallback).tokens()
}

/// Rustdoc built from paragraphs (escaped prose) and code blocks (verbatim).
#[derive(Debug, Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// Adds a paragraph, separated from what came before by a blank line.
    pub fn para(&mut self, text: &str) -> &mut Self {
        // A blank description (`""`) is no paragraph.
        if text.trim().is_empty() {
            return self;
        }
        self.separate();
        self.lines.extend(prose_lines(text));
        self
    }

    /// Adds `text` as a paragraph or, where it says nothing (absent, blank,
    /// or only markup), `fallback`.
    pub fn para_or(&mut self, text: Option<&str>, fallback: &str) -> &mut Self {
        let before = self.lines.len();
        if let Some(text) = text {
            self.para(text);
        }
        if self.lines[before..].iter().all(|l| l.trim().is_empty()) {
            self.lines.truncate(before);
            self.para(fallback);
        }
        self
    }

    /// Adds an optional paragraph.
    pub fn para_opt(&mut self, text: Option<&str>) -> &mut Self {
        if let Some(text) = text {
            self.para(text);
        }
        self
    }

    /// Adds a `# heading`.
    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.separate();
        self.lines.push(format!(" # {}", escape(text)));
        self
    }

    /// Adds one list item per entry.
    pub fn list(&mut self, items: &[String]) -> &mut Self {
        if items.is_empty() {
            return self;
        }
        self.separate();
        self.lines
            .extend(items.iter().map(|item| format!(" - {}", escape(item))));
        self
    }

    /// Adds a fenced code block in `language`, left as written.
    pub fn code(&mut self, language: &str, text: &str) -> &mut Self {
        self.separate();
        self.lines.push(format!(" ```{language}"));
        self.lines.extend(text.lines().map(|l| format!(" {l}")));
        self.lines.push(" ```".to_owned());
        self
    }

    fn separate(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    pub fn tokens(&self) -> TokenStream {
        let lines = &self.lines;
        quote! { #( #[doc = #lines] )* }
    }

    /// As `//!` documentation of the enclosing file.
    pub fn inner_tokens(&self) -> TokenStream {
        let lines = &self.lines;
        quote! { #( #![doc = #lines] )* }
    }
}

fn prose_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = escape(line.trim());
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// Escapes what rustdoc would misread, outside `code spans` (where
/// markdown shows every character as it is). A line with an odd number of
/// backticks has no reliable spans and is escaped throughout.
fn escape(line: &str) -> String {
    let spans_are_balanced = line.matches('`').count() % 2 == 0;
    let mut in_code = false;
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '`' if spans_are_balanced => {
                in_code = !in_code;
                out.push(c);
            }
            _ if in_code => out.push(c),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The documented rules on a value, in words: `1 to 64 characters`,
/// ``matches `^[a-z]+$` ``, ``one of `Harbor`, `Jfrog` ``.
pub fn constraints(schema: &Schema, service: &Service) -> Vec<String> {
    let mut out = Vec::new();
    let range = |min: Option<String>, max: Option<String>, unit: &str| match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("exactly {min}{unit}")),
        (Some(min), Some(max)) => Some(format!("{min} to {max}{unit}")),
        (Some(min), None) => Some(format!("at least {min}{unit}")),
        (None, Some(max)) => Some(format!("at most {max}{unit}")),
        (None, None) => None,
    };
    let s = |n: &Option<u64>| n.map(|n| n.to_string());
    match &schema.ty {
        Type::String(t) => {
            out.extend(range(s(&t.min_length), s(&t.max_length), " characters"));
            if let Some(pattern) = &t.pattern {
                out.push(format!("matches `{pattern}`"));
            }
        }
        Type::Integer(t) => {
            let i = |n: &Option<i64>| n.map(|n| n.to_string());
            out.extend(range(i(&t.minimum), i(&t.maximum), ""));
            if let Some(m) = t.multiple_of {
                out.push(format!("a multiple of {m}"));
            }
        }
        Type::Number(t) => {
            if let Some(b) = t.minimum {
                let op = if b.exclusive { "more than" } else { "at least" };
                out.push(format!("{op} {}", b.value));
            }
            if let Some(b) = t.maximum {
                let op = if b.exclusive { "less than" } else { "at most" };
                out.push(format!("{op} {}", b.value));
            }
            if let Some(m) = t.multiple_of {
                out.push(format!("a multiple of {m}"));
            }
        }
        Type::Array(a) => {
            out.extend(range(s(&a.min_items), s(&a.max_items), " items"));
            if a.unique_items {
                out.push("no repeated items".to_owned());
            }
            out.extend(
                constraints(&a.items, service)
                    .into_iter()
                    .map(|c| format!("each item: {c}")),
            );
        }
        Type::Map(m) => {
            out.extend(range(
                s(&m.min_properties),
                s(&m.max_properties),
                " entries",
            ));
        }
        Type::Named(name) => match service.type_by_name(name).map(|t| &t.kind) {
            Some(NamedKind::StringEnum(values)) => {
                let values: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
                out.push(format!("one of {}", values.join(", ")));
            }
            Some(NamedKind::IntegerEnum { values, .. }) => {
                let values: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
                out.push(format!("one of {}", values.join(", ")));
            }
            _ => {}
        },
        Type::Boolean | Type::Any | Type::Binary | Type::File => {}
    }
    if let Some(default) = &schema.default {
        out.push(format!("the service's default: `{default}`"));
    }
    if schema.secret {
        out.push("secret: never shown by `Debug`".to_owned());
    }
    out
}

/// The section of a service's docs that lists the operations of its spec
/// that were not generated, and why.
pub fn left_out(left_out: &[crate::ir::LeftOut]) -> String {
    let mut text = format!(
        "\n\n# Not generated\n\n{} operation(s) of the spec could not be generated and are left out:\n",
        left_out.len()
    );
    for op in left_out {
        // Reasons quote the spec in backticks; keep them readable as code.
        text.push_str(&format!(
            "\n- `{}` ({} `{}`): {}",
            op.id, op.method, op.path, op.reason
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            escape("see [Array element] <YOUR REGION>"),
            "see \\[Array element\\] &lt;YOUR REGION&gt;"
        );
        assert_eq!(
            escape("matches `^[a-z]<$` [x]"),
            "matches `^[a-z]<$` \\[x\\]"
        );
        assert_eq!(escape("odd ` [x]"), "odd ` \\[x\\]");
        assert_eq!(
            doc("a\n   b").to_string(),
            quote! { #[doc = " a"] #[doc = " b"] }.to_string()
        );
    }

    #[test]
    fn code_blocks_are_verbatim() {
        let tokens = Doc::default()
            .para("Body:")
            .code("json", "[1, <2>]")
            .tokens();
        assert_eq!(
            tokens.to_string(),
            quote! { #[doc = " Body:"] #[doc = ""] #[doc = " ```json"] #[doc = " [1, <2>]"] #[doc = " ```"] }
                .to_string()
        );
    }
}
