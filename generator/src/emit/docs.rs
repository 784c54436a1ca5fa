//! Rustdoc text from spec descriptions.

use proc_macro2::TokenStream;
use quote::quote;

/// `#![doc]` attributes (module documentation) for `text`, escaped like [`doc`].
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// `#[doc]` attributes for `text`, one per line, escaped so that rustdoc
/// reads the vendor's prose as prose: `[x]` is not a link, `<x>` is not HTML,
/// and indentation does not make a code block.
pub fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

fn doc_lines(text: &str) -> Vec<String> {
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

/// Like [`doc`], for an optional description.
pub fn doc_opt(text: Option<&str>) -> TokenStream {
    text.map(doc).unwrap_or_default()
}

fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
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
            doc("a\n   b").to_string(),
            quote! { #[doc = " a"] #[doc = " b"] }.to_string()
        );
    }
}
