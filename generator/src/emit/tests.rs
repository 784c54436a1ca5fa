//! Tests generated beside the client, from the same IR, so that a rule or
//! example added to the spec is tested without anyone writing a test:
//!
//! - `tests/<service>_constraints.rs`: every documented rule at its bound
//!   (valid) and one past it (invalid), on models and request parameters;
//! - `tests/<service>_examples.rs`: every documented request example
//!   encodes to its body (or, if the spec's own example breaks the spec, is
//!   refused), and every documented response example decodes.

use super::docs::Doc;
use super::features::{Gate, GateTokens, Gates};
use super::operations;
use super::samples::{Boundary, Samples};
use super::types::{ident, rust_type, type_ident};
use crate::ir::OperationNames;
use crate::ir::{
    conform, NamedKind, NamedType, Operation, Schema, Service, Status, Struct, ViolationKind,
};
use crate::plan;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// How many documented rules the boundary tests exercise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub covered: usize,
    /// `Type.field keyword: reason`, for each rule without a test.
    pub uncovered: Vec<String>,
}

impl Coverage {
    pub fn total(&self) -> usize {
        self.covered + self.uncovered.len()
    }

    pub fn add(&mut self, other: &Coverage) {
        self.covered += other.covered;
        self.uncovered.extend(other.uncovered.iter().cloned());
    }
}

/// A value whose fields the tests set one at a time.
struct Target<'a> {
    /// For test names and messages: `RegistryInfo`, `ListRegistryRequest`.
    name: String,
    /// An expression building a valid value, bound with `let mut value`.
    base: Option<TokenStream>,
    fields: Vec<TargetField<'a>>,
}

struct TargetField<'a> {
    ident: Ident,
    /// Where its violations are reported (`registry_name`, `query.limit`).
    label: String,
    required: bool,
    schema: &'a Schema,
}

/// The `#[test]` functions of one file, in the order they were found.
#[derive(Default)]
struct TestFns(Vec<TestFn>);

/// One test: named for what it checks, compiled where what it tests is.
struct TestFn {
    name: String,
    doc: TokenStream,
    body: TokenStream,
    gate: Gate,
}

impl TestFns {
    fn push(&mut self, name: String, doc: TokenStream, body: TokenStream, gate: &Gate) {
        self.0.push(TestFn {
            name,
            doc,
            body,
            gate: gate.clone(),
        });
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each test as a function, its name made unique in the file (the
    /// first taker keeps it).
    fn render(self) -> Vec<TokenStream> {
        let wanted = self.0.iter().map(|test| test.name.clone()).collect();
        let names = plan::unique_in_scope(wanted, &[]);
        self.0
            .into_iter()
            .zip(names)
            .map(|(test, name)| {
                let TestFn {
                    doc, body, gate, ..
                } = test;
                let name = ident(&name);
                let cfg = gate.cfg();
                quote! {
                    #doc
                    #cfg
                    #[test]
                    fn #name() {
                        #body
                    }
                }
            })
            .collect()
    }
}

/// The constraints test file of one service, and what it covers.
pub fn constraint_tests(
    service: &Service,
    gates: &Gates,
    krate: &Ident,
) -> (TokenStream, Coverage) {
    let module = ident(&service.names.module);
    let scope = quote! { #krate::#module };
    let samples = Samples::new(service);
    let mut coverage = Coverage::default();
    // Each test is compiled where the type or operation it tests is.
    let mut tests = TestFns::default();
    let mut targets = Vec::new();
    for ty in &service.types {
        if let NamedKind::Struct(s) = &ty.kind {
            let gate = gates.named_type(&ty.name);
            required_when_tests(ty, s, &samples, &scope, &gate, &mut tests, &mut coverage);
            targets.push((model_target(ty, s, &samples, &scope), gate));
        }
    }
    for op in &service.operations {
        targets.push((
            request_target(op, &op.names, &samples, &scope),
            gates.operation(op),
        ));
    }

    for (target, gate) in &targets {
        for field in &target.fields {
            let found = samples.boundaries(field.schema);
            for missing in &found.uncovered {
                coverage.uncovered.push(format!(
                    "`{}.{}` {}: {}",
                    target.name, field.label, missing.keyword, missing.reason
                ));
            }
            let Some(base) = &target.base else {
                for case in &found.covered {
                    coverage.uncovered.push(format!(
                        "`{}.{}` {}: no valid {} could be made to test it on",
                        target.name, field.label, case.keyword, target.name
                    ));
                }
                continue;
            };
            for case in &found.covered {
                coverage.covered += 1;
                let name =
                    plan::snake(&format!("{} {} {}", target.name, field.label, case.keyword));
                tests.push(
                    name,
                    TokenStream::new(),
                    boundary_test(base, field, case),
                    gate,
                );
            }
        }
    }

    let tests = tests.render();

    let mut about = Doc::default();
    about
        .para(&format!(
            "Boundary tests for `{}`: each documented rule, at its bound (valid) and one step past it (invalid).",
            service.id
        ))
        .para(&format!(
            "{} of {} rules covered.",
            coverage.covered,
            coverage.total()
        ));
    if !coverage.uncovered.is_empty() {
        about.para("Not covered:").list(&coverage.uncovered);
    }
    let about = about.inner_tokens();
    let allow = unused_with_some_features(gates);
    let tokens = skip_rustfmt(
        about,
        quote! {
            #allow
            use hwcloud_runtime::testing::{assert_broken, assert_valid, parse, repeat};
            #( #tests )*
        },
    );
    (tokens, coverage)
}

/// With tag features, which tests are compiled depends on them, and so
/// whether each helper is used.
fn unused_with_some_features(gates: &Gates) -> TokenStream {
    if gates.tags.is_empty() {
        TokenStream::new()
    } else {
        quote! { #![allow(unused_imports, dead_code)] }
    }
}

/// A test file whose items sit in a `#[rustfmt::skip]` module: the
/// generator formats its output itself, and `cargo fmt` on a workspace
/// holding the crate must not rewrite it into drift (a crate root cannot
/// carry `#![rustfmt::skip]` on stable Rust).
pub(super) fn skip_rustfmt(about: TokenStream, items: TokenStream) -> TokenStream {
    quote! {
        #about
        #[rustfmt::skip]
        mod cases {
            #items
        }
    }
}

fn model_target<'a>(
    ty: &NamedType,
    s: &'a Struct,
    samples: &Samples,
    scope: &TokenStream,
) -> Target<'a> {
    let name = type_ident(&ty.name);
    let base = samples.structure(s, 0).map(|json| {
        let json = raw(&json.to_string());
        quote! { parse::<#scope::#name>(#json) }
    });
    Target {
        name: ty.name.clone(),
        base,
        fields: s
            .fields
            .iter()
            .map(|f| TargetField {
                ident: ident(&f.rust_name),
                label: f.name.clone(),
                required: f.required,
                schema: &f.schema,
            })
            .collect(),
    }
}

fn request_target<'a>(
    op: &'a Operation,
    names: &OperationNames,
    samples: &Samples,
    scope: &TokenStream,
) -> Target<'a> {
    let fields = operations::request_field_info(op, names);
    let setters: Option<Vec<TokenStream>> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let ty = rust_type(f.schema, scope);
            let json = raw(&samples.valid(f.schema)?.to_string());
            let setter = &f.ident;
            Some(quote! { .#setter(parse::<#ty>(#json)) })
        })
        .collect();
    let name = type_ident(&names.request);
    Target {
        name: names.request.clone(),
        base: setters.map(|setters| quote! { #scope::#name::builder() #( #setters )* .build().expect("every required field is set") }),
        fields: fields
            .into_iter()
            .map(|f| TargetField {
                ident: f.ident,
                label: f.label,
                required: f.required,
                schema: f.schema,
            })
            .collect(),
    }
}

/// A test setting one field to the valid bound, then one past it.
fn boundary_test(base: &TokenStream, field: &TargetField, case: &Boundary) -> TokenStream {
    let ident = &field.ident;
    let set = |value: &Value| {
        let value = value_expr(value);
        if field.required {
            quote! { value.#ident = #value; }
        } else {
            quote! { value.#ident = Some(#value); }
        }
    };
    let (at, past) = (set(&case.at), set(&case.past));
    let path = format!("{}{}", field.label, case.suffix);
    let keyword = case.keyword;
    quote! {
        let mut value = #base;
        #at
        assert_valid(&value);
        #past
        assert_broken(&value, #path, #keyword);
    }
}

/// A raw string literal (`r#"{"a":1}"#`): JSON in test sources stays readable.
/// A raw string literal holding `text` (JSON reads best unescaped).
pub fn raw(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// A JSON value decoded into whatever type the context expects; long runs
/// of one character are written as `repeat('a', 65)`.
fn value_expr(value: &Value) -> TokenStream {
    if let Value::String(s) = value {
        let mut chars = s.chars();
        if let Some(first) = chars.next() {
            let count = s.chars().count();
            if count > 16 && chars.all(|c| c == first) {
                let count = Literal::usize_unsuffixed(count);
                return quote! { repeat(#first, #count) };
            }
        }
    }
    let json = raw(&value.to_string());
    quote! { parse(#json) }
}

/// For each `x-required-when` rule: with the trigger value and every field
/// it requires, valid; without one of them, broken at that field.
fn required_when_tests(
    ty: &NamedType,
    s: &Struct,
    samples: &Samples,
    scope: &TokenStream,
    gate: &Gate,
    tests: &mut TestFns,
    coverage: &mut Coverage,
) {
    let name = type_ident(&ty.name);
    for rule in &s.required_when {
        let full = samples.structure(s, 0).and_then(|mut object| {
            object[&rule.property] = rule.equals.clone();
            for required in &rule.required {
                object[required] = samples.valid(&s.field(required)?.schema)?;
            }
            Some(object)
        });
        for required in &rule.required {
            let Some(position) = s.fields.iter().position(|f| &f.name == required) else {
                continue;
            };
            if s.fields[position].required {
                continue; // enforced by the type, not by validation
            }
            let Some(full) = &full else {
                coverage.uncovered.push(format!(
                    "`{}.{required}` x-required-when: no valid value could be made",
                    ty.name
                ));
                continue;
            };
            coverage.covered += 1;
            let json = raw(&full.to_string());
            let field = ident(&s.fields[position].rust_name);
            let test = plan::snake(&format!(
                "{} {required} required when {}",
                ty.name, rule.property
            ));
            let body = quote! {
                let mut value = parse::<#scope::#name>(#json);
                assert_valid(&value);
                value.#field = None;
                assert_broken(&value, #required, "x-required-when");
            };
            tests.push(test, TokenStream::new(), body, gate);
        }
    }
}

/// The examples test file of one service; `None` when the spec has no examples.
pub fn example_tests(service: &Service, gates: &Gates, krate: &Ident) -> Option<TokenStream> {
    let module = ident(&service.names.module);
    let scope = quote! { #krate::#module };
    let samples = Samples::new(service);
    let mut tests = TestFns::default();
    for op in &service.operations {
        let gate = gates.operation(op);
        let names = &op.names;
        let fields = operations::request_field_info(op, names);
        if let Some(body) = &op.body {
            for example in &body.examples {
                let Some((doc, body)) =
                    request_example_test(names, &fields, &example.value, &samples, &scope, service)
                else {
                    continue;
                };
                let name = plan::snake(&format!("{} request example {}", op.id, example.name));
                tests.push(name, doc, body, &gate);
            }
        }
        for response in &op.responses {
            for example in &response.examples {
                let status = match response.status {
                    Status::Code(code) => code,
                    Status::Default => 599,
                };
                let Some(decode) = response_example_check(op, names, response, status, &scope)
                else {
                    continue;
                };
                let json = raw(&example.value.to_string());
                let code = Literal::u16_unsuffixed(status);
                let name = plan::snake(&format!(
                    "{} response {status} example {}",
                    op.id, example.name
                ));
                let body = quote! {
                    let (status, body): (u16, &str) = (#code, #json);
                    #decode
                };
                tests.push(name, TokenStream::new(), body, &gate);
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    let tests = tests.render();
    let mut about = Doc::default();
    about.para(&format!(
        "Example tests for `{}`: every documented request example encodes to its body, and every documented response example decodes.",
        service.id
    ));
    let about = about.inner_tokens();
    let text = quote! { #( #tests )* }.to_string();
    // Only what the tests use, so the file compiles without warnings.
    let helpers: Vec<Ident> = ["assert_reported", "parse"]
        .into_iter()
        .filter(|h| text.contains(h))
        .map(ident)
        .collect();
    let helpers =
        (!helpers.is_empty()).then(|| quote! { use hwcloud_runtime::testing::{#( #helpers ),*}; });
    let context = text.contains("context ()").then(|| {
        quote! {
            /// Where examples are encoded for: any valid endpoint and project will do.
            fn context() -> EncodeContext<'static> {
                EncodeContext::new("https://example.com").with_project_id("0123456789abcdef0123456789abcdef")
            }
        }
    });
    let imports = super::imports::runtime_use(&quote! { #( #tests )* #context });
    let allow = unused_with_some_features(gates);
    Some(skip_rustfmt(
        about,
        quote! {
            #allow
            #imports
            #helpers
            #( #tests )*
            #context
        },
    ))
}

/// Statements checking that a documented response example (`status`,
/// `body` bound) decodes: as the call's answer below 400, else as the
/// operation's typed error. `None` when neither reads it (an error without
/// a documented body).
fn response_example_check(
    op: &Operation,
    names: &OperationNames,
    response: &crate::ir::Response,
    status: u16,
    scope: &TokenStream,
) -> Option<TokenStream> {
    let request = type_ident(&names.request);
    if op.answers().includes(response.status) && status < 400 {
        return Some(quote! {
            let response = http::Response::builder()
                .status(status)
                .body(body.as_bytes().to_vec())
                .expect("a valid status");
            let decoded = <#scope::#request as hwcloud_runtime::Operation>::from_http_response(&response);
            assert!(decoded.is_ok(), "the documented example does not decode: {decoded:?}");
        });
    }
    op.typed_errors()?;
    response.body.as_ref()?;
    let error = type_ident(&names.error);
    Some(quote! {
        let answer = hwcloud_runtime::ServiceError::from_response(status, &http::HeaderMap::new(), body.as_bytes());
        let decoded = #scope::#error::from_service_error(&answer)
            .unwrap_or_else(|| panic!("the documented example does not decode: {body}"));
        assert_eq!(decoded.status(), status);
    })
}

fn request_example_test(
    names: &OperationNames,
    fields: &[operations::FieldInfo],
    example: &Value,
    samples: &Samples,
    scope: &TokenStream,
    service: &Service,
) -> Option<(TokenStream, TokenStream)> {
    let body_field = fields.iter().find(|f| f.label == "body")?;
    let body_ty = rust_type(body_field.schema, scope);
    let request = type_ident(&names.request);
    let json = raw(&example.to_string());
    // Required parameters get any valid value; the body is the example.
    let setters: Option<Vec<TokenStream>> = fields
        .iter()
        .filter(|f| f.required || f.label == "body")
        .map(|f| {
            let setter = &f.ident;
            if f.label == "body" {
                return Some(quote! { .#setter(body) });
            }
            let ty = rust_type(f.schema, scope);
            let json = raw(&samples.valid(f.schema)?.to_string());
            Some(quote! { .#setter(parse::<#ty>(#json)) })
        })
        .collect();
    let setters = setters?;
    let problems = conform(example, body_field.schema, service, "body");
    let has = |kind: ViolationKind| problems.iter().any(|p| p.kind == kind);
    let reasons: Vec<String> = problems
        .iter()
        .map(|p| format!("`{}` {}", p.path, p.message))
        .collect();
    let refused = |how: &str| {
        Doc::default()
            .para(&format!(
                "The documented example breaks the spec, so {how}:"
            ))
            .list(&reasons)
            .tokens()
    };

    if has(ViolationKind::Shape) {
        // Wrong types or missing fields: the generated types cannot hold it.
        return Some((
            refused("it must not decode"),
            quote! {
                let decoded = serde_json::from_str::<#body_ty>(#json);
                assert!(decoded.is_err(), "the example decoded: {decoded:?}");
            },
        ));
    }
    if has(ViolationKind::Rule) {
        let checks = problems
            .iter()
            .filter(|p| p.kind == ViolationKind::Rule)
            .map(|p| {
                let path = &p.path;
                quote! { assert_reported(&violations, #path); }
            });
        return Some((
            refused("validation must refuse it"),
            quote! {
                let body = parse::<#body_ty>(#json);
                let request = #scope::#request::builder() #( #setters )* .build().expect("every required field is set");
                let violations = match request.to_http_request(&context()) {
                    Err(RequestError::Invalid(violations)) => violations,
                    other => panic!("the example should be refused by validation, got {other:?}"),
                };
                #( #checks )*
            },
        ));
    }
    // Conforming, or with fields the schema does not know (which decoding
    // drops): it encodes, to the documented body minus those fields.
    let mut expected = example.clone();
    for extra in problems.iter().filter(|p| p.kind == ViolationKind::Extra) {
        remove_at(&mut expected, &extra.path);
    }
    let expected = raw(&expected.to_string());
    let doc = if problems.is_empty() {
        TokenStream::new()
    } else {
        refused("the fields it does not document are not sent")
    };
    Some((
        doc,
        quote! {
            let body = parse::<#body_ty>(#json);
            let request = #scope::#request::builder() #( #setters )* .build().expect("every required field is set");
            let encoded = request
                .to_http_request(&context())
                .unwrap_or_else(|err| panic!("the documented example is refused: {err}"));
            let sent: serde_json::Value = serde_json::from_slice(encoded.body()).expect("a JSON body");
            let documented: serde_json::Value = parse(#expected);
            assert_eq!(sent, documented);
        },
    ))
}

/// Removes the field at `path` (`body.a.b`, as `conform` reports it, below
/// the root `body`) from `value`. Paths through arrays are left alone.
fn remove_at(value: &mut Value, path: &str) {
    let mut parts: Vec<&str> = path.split('.').skip(1).collect();
    let Some(last) = parts.pop() else {
        return;
    };
    let mut here = value;
    for part in parts {
        match here.get_mut(part) {
            Some(next) => here = next,
            None => return,
        }
    }
    if let Some(object) = here.as_object_mut() {
        object.remove(last);
    }
}
