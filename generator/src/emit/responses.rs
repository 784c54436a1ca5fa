//! What a call gives back: the success answer's type and its decoding, and
//! the typed error bodies an operation documents.
//!
//! How responses split into answers and errors is the IR's
//! ([`crate::ir::Answers`]), shared with `diff`. Here: several answers
//! become an enum, `#[non_exhaustive]` so that another documented success
//! is a compatible change; typed errors become an enum `<Operation>Error`
//! that reads them from the `Error`, non-exhaustive too.

use super::docs;
use super::types::{rust_type, type_ident};
use crate::ir::OperationNames;
use crate::ir::{Answers, Operation, Response, Status, Type};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The type a call's `Output` holds, as seen from the operation's file.
pub fn answer_type(op: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    match op.answers() {
        Answers::Single(response) => match &response.body {
            Some(body) => rust_type(&body.schema, root),
            None => quote! { () },
        },
        Answers::Several(_) => {
            let name = type_ident(&names.response);
            quote! { #name }
        }
    }
}

/// The body of `Operation::from_http_response(response)`: an enum decodes
/// itself; a single answer is decoded here.
pub fn decode_answer(op: &Operation, names: &OperationNames) -> TokenStream {
    let response = match op.answers() {
        Answers::Single(response) => response,
        Answers::Several(_) => {
            let name = type_ident(&names.response);
            return quote! { #name::from_http_response(response) };
        }
    };
    // The vendor's SDK accepts any 2xx, and the pages sometimes name 200
    // where the service sends 201: a documented 2xx reads any.
    let statuses = match response.status {
        Status::Code(code) if !(200..300).contains(&code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote! { #code }
        }
        _ => quote! { 200..=299 },
    };
    let value = match body_decoder(response) {
        Some(Decoder::Fallible(decoded)) => decoded,
        Some(Decoder::Plain(value)) => quote! { Ok(#value) },
        None => quote! { Ok(()) },
    };
    quote! {
        let status = response.status().as_u16();
        let body = response.body().as_slice();
        match status {
            #statuses => #value,
            _ => Err(DecodeError::undocumented_status(status, body)),
        }
    }
}

/// The body of `Mocked::answer(response)` (the `mock` feature): a decoded
/// answer back to its status and body, as the service would send it.
pub fn encode_answer(op: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    match op.answers() {
        Answers::Single(response) => {
            let status = match response.status {
                Status::Code(code) => proc_macro2::Literal::u16_unsuffixed(code),
                Status::Default => proc_macro2::Literal::u16_unsuffixed(200),
            };
            match body_encoder(response, &quote! { #status }) {
                Some(reply) => quote! { let body = response; #reply },
                None => quote! {
                    let () = response;
                    hwcloud_runtime::mock::Reply::status(#status)
                },
            }
        }
        Answers::Several(answers) => {
            let name = type_ident(&names.response);
            let arms = variants(&answers, &names.answer_variants, root)
                .into_iter()
                .map(|v| v.reply_arm(&name));
            quote! {
                match response {
                    #( #arms )*
                }
            }
        }
    }
}

/// How a body is written for the mock, given `status` as an expression:
/// `None` for a response without one.
fn body_encoder(response: &Response, status: &TokenStream) -> Option<TokenStream> {
    let body = response.body.as_ref()?;
    let content_type = &body.content_type;
    Some(match body.schema.ty {
        Type::Binary => quote! {
            hwcloud_runtime::mock::Reply::raw(#status, #content_type, body)
        },
        Type::String(_) if !crate::ir::is_json(content_type) => quote! {
            hwcloud_runtime::mock::Reply::raw(#status, #content_type, body.into_bytes())
        },
        _ => quote! { hwcloud_runtime::mock::Reply::json(#status, &body) },
    })
}

/// The answer enum, when the operation documents several answers.
pub fn answer_enum(op: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    let Answers::Several(answers) = op.answers() else {
        return TokenStream::new();
    };
    let name = type_ident(&names.response);
    let variants = variants(&answers, &names.answer_variants, root);
    let decodes = variants.iter().map(|v| v.decode_arm(false));
    let has_default = answers.iter().any(|r| r.status == Status::Default);
    let fallback = (!has_default).then(|| {
        quote! { _ => Err(DecodeError::undocumented_status(status, body)), }
    });
    let docs = docs::doc(&format!(
        "The documented answers of `{}` below status 400, one variant per status. \
         Non-exhaustive: the spec may document more.",
        op.id
    ));
    let declaration = status_enum(&docs, &name, &variants);
    quote! {
        #declaration

        impl #name {
            /// Decodes an answer by its status. A status the spec does not
            /// document, or a body that does not decode, is an error that
            /// keeps the status and the start of the body; documented limits
            /// are not enforced here (see `validate`).
            pub fn from_http_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<Self, DecodeError> {
                let status = response.status().as_u16();
                let body = response.body().as_ref();
                match status {
                    #( #decodes )*
                    #fallback
                }
            }
        }
    }
}

/// The typed error enum, when some documented error has a body.
pub fn error_enum(op: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    let Some(errors) = op.typed_errors() else {
        return TokenStream::new();
    };
    let name = type_ident(&names.error);
    let variants = variants(&errors, &names.error_variants, root);
    let decodes = variants.iter().map(|v| v.decode_arm(true));
    let has_default = errors.iter().any(|r| r.status == Status::Default);
    let fallback = (!has_default).then(|| quote! { _ => None, });
    // `default` alone: every error status is it, no match to make.
    let decode = match variants.as_slice() {
        [only] if has_default => only.value(true),
        _ => quote! { match status { #( #decodes )* #fallback } },
    };
    let docs = docs::doc(&format!(
        "The error answers `{}` documents, with their bodies decoded: read one \
         from a failed call with `from_error`. Non-exhaustive: the spec may document more.",
        op.id
    ));
    let declaration = status_enum(&docs, &name, &variants);
    quote! {
        #declaration

        impl #name {
            /// The documented error in a failed call: `None` when the call
            /// failed otherwise, with an undocumented status, or with a body
            /// that is not the documented one.
            pub fn from_error(error: &hwcloud_runtime::Error) -> Option<Self> {
                error.service_error().and_then(Self::from_service_error)
            }

            /// The documented error in the service's answer, as [`Self::from_error`].
            pub fn from_service_error(error: &hwcloud_runtime::ServiceError) -> Option<Self> {
                let status = error.status;
                let body = error.body();
                #decode
            }
        }
    }
}

/// A non-exhaustive enum of `variants` (one per documented status) and its
/// `status()`.
fn status_enum(docs: &TokenStream, name: &Ident, variants: &[Variant]) -> TokenStream {
    let declarations = variants.iter().map(Variant::declaration);
    let statuses = variants.iter().map(Variant::status_arm);
    quote! {
        #docs
        // A response is decoded, matched and dropped; boxing a large
        // variant would cost every caller a dereference for no gain.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #declarations )*
        }

        impl #name {
            /// The HTTP status the answer came with.
            pub fn status(&self) -> u16 {
                match self {
                    #( #statuses )*
                }
            }
        }
    }
}

/// The variants of `responses` (the answers or the typed errors), named
/// by the plan (`names`, in the same order).
fn variants<'a>(
    responses: &[&'a Response],
    names: &[String],
    root: &TokenStream,
) -> Vec<Variant<'a>> {
    responses
        .iter()
        .zip(names)
        .map(|(response, name)| Variant::new(response, name, root))
        .collect()
}

/// One variant of an answer or error enum.
struct Variant<'a> {
    response: &'a Response,
    ident: Ident,
    /// The body's Rust type, if the response documents one.
    body: Option<TokenStream>,
}

impl<'a> Variant<'a> {
    fn new(response: &'a Response, name: &str, root: &TokenStream) -> Self {
        Self {
            response,
            ident: type_ident(name),
            body: response.body.as_ref().map(|b| rust_type(&b.schema, root)),
        }
    }

    /// The status code as an unsuffixed literal (`200`, not `200u16`).
    fn code(&self) -> proc_macro2::Literal {
        match self.response.status {
            Status::Code(code) => proc_macro2::Literal::u16_unsuffixed(code),
            Status::Default => proc_macro2::Literal::u16_unsuffixed(0),
        }
    }

    fn declaration(&self) -> TokenStream {
        let ident = &self.ident;
        let label = match self.response.status {
            Status::Code(code) => format!("`{code}`"),
            Status::Default => "Any other status (`default`)".to_owned(),
        };
        let docs = docs::doc(&format!("{label}: {}", self.response.description));
        match (self.response.status, &self.body) {
            (Status::Code(_), None) => quote! { #docs #ident, },
            (Status::Code(_), Some(ty)) => quote! { #docs #ident(#ty), },
            (Status::Default, None) => quote! {
                #docs
                #ident {
                    /// The status the service sent.
                    status: u16,
                },
            },
            (Status::Default, Some(ty)) => quote! {
                #docs
                #ident {
                    /// The status the service sent.
                    status: u16,
                    /// The decoded body.
                    body: #ty,
                },
            },
        }
    }

    fn status_arm(&self) -> TokenStream {
        let ident = &self.ident;
        let code = self.code();
        match (self.response.status, &self.body) {
            (Status::Code(_), None) => quote! { Self::#ident => #code, },
            (Status::Code(_), Some(_)) => quote! { Self::#ident(_) => #code, },
            (Status::Default, _) => quote! { Self::#ident { status, .. } => *status, },
        }
    }

    /// One arm of [`encode_answer`]'s match over the answer enum `name`.
    fn reply_arm(&self, name: &Ident) -> TokenStream {
        let ident = &self.ident;
        let code = self.code();
        let status = match self.response.status {
            Status::Code(_) => quote! { #code },
            Status::Default => quote! { status },
        };
        let reply = body_encoder(self.response, &status).unwrap_or_else(|| {
            quote! { hwcloud_runtime::mock::Reply::status(#status) }
        });
        match (self.response.status, &self.body) {
            (Status::Code(_), None) => quote! { #name::#ident => #reply, },
            (Status::Code(_), Some(_)) => quote! { #name::#ident(body) => #reply, },
            (Status::Default, None) => quote! { #name::#ident { status } => #reply, },
            (Status::Default, Some(_)) => quote! { #name::#ident { status, body } => #reply, },
        }
    }

    /// One match arm: `Ok(..)` of the variant for an answer; `Some(..)`,
    /// or `None` when the body is not the documented one, for an error.
    fn decode_arm(&self, error: bool) -> TokenStream {
        let code = self.code();
        let pattern = match self.response.status {
            Status::Code(_) => quote! { #code },
            Status::Default => quote! { _ },
        };
        let value = self.value(error);
        quote! { #pattern => #value, }
    }

    /// The decoded variant: `Ok(Self::Variant(..))` for an answer,
    /// `Some(..)` for an error.
    fn value(&self, error: bool) -> TokenStream {
        let ident = &self.ident;
        let decoded = body_decoder(self.response).map(|decoder| match decoder {
            Decoder::Fallible(decoded) if error => quote! { #decoded.ok()? },
            Decoder::Fallible(decoded) => quote! { #decoded? },
            Decoder::Plain(value) => value,
        });
        let value = match (self.response.status, decoded) {
            (Status::Code(_), None) => quote! { Self::#ident },
            (Status::Code(_), Some(decoded)) => quote! { Self::#ident(#decoded) },
            (Status::Default, None) => quote! { Self::#ident { status } },
            (Status::Default, Some(decoded)) => {
                quote! { Self::#ident { status, body: #decoded } }
            }
        };
        if error {
            quote! { Some(#value) }
        } else {
            quote! { Ok(#value) }
        }
    }
}

/// How a body is read from `body` (with `status` bound).
enum Decoder {
    /// JSON: an expression of type `Result<T, DecodeError>`.
    Fallible(TokenStream),
    /// Bytes or text: the value itself.
    Plain(TokenStream),
}

fn body_decoder(response: &Response) -> Option<Decoder> {
    response.body.as_ref().map(|b| match b.schema.ty {
        Type::Binary => Decoder::Plain(quote! { body.to_vec() }),
        Type::String(_) if !crate::ir::is_json(&b.content_type) => {
            Decoder::Plain(quote! { String::from_utf8_lossy(body).into_owned() })
        }
        _ => Decoder::Fallible(quote! { decode::json(status, body) }),
    })
}
