//! Reads vendor API-reference pages (exported as text) into OpenAPI.
//!
//! A page documents one operation: title, URI line, parameter tables, body
//! and response tables, examples, status codes and SDK samples. The import
//! runs in stages, one module each:
//!
//! 1. `layout` — lines and tables, in either text layout of the pages;
//! 2. `page` — sections and tables into a model of the operation, with
//!    constraints read from the descriptions' prose (`prose`) and names from
//!    the SDK samples (`sdk`);
//! 3. `assemble` — the model into an OpenAPI operation and schemas;
//! 4. here — operations grouped by service into documents;
//! 5. [`merge`] — optionally, into an existing spec.
//!
//! Anything the importer cannot read is a [`Finding`] with the page line,
//! never dropped silently and never guessed.

mod assemble;
mod cut;
pub mod facts;
mod flattened;
mod layout;
pub mod merge;
mod page;
mod prose;
mod report;
mod sdk;
mod types;
mod vocabulary;

pub use report::{Finding, FindingKind, Report};
use serde_json::{json, Map, Value};

/// A page to import.
#[derive(Debug, Clone)]
pub struct Page {
    /// Names the page in the report (its file name, say).
    pub name: String,
    pub text: String,
}

/// The result of importing pages.
#[derive(Debug)]
pub struct Import {
    /// One per service, in the order the pages first name them.
    pub documents: Vec<ServiceDocument>,
    pub report: Report,
}

/// An OpenAPI document holding the imported operations of one service.
#[derive(Debug, Clone)]
pub struct ServiceDocument {
    /// `HSS`, `SWR`: the `info.x-service-id`.
    pub service: String,
    pub document: Value,
    /// Operation ids, in page order.
    pub operations: Vec<String>,
}

/// Imports every page; pages of the same service share a document.
pub fn import(pages: &[Page]) -> Import {
    let mut report = Report::default();
    let mut documents: Vec<ServiceDocument> = Vec::new();
    for page in pages {
        let mut page_report = report::PageReport::new(&page.name);
        let model = page::read(&page.text, &mut page_report);
        if let Some(operation) = assemble::operation(&model, &mut page_report) {
            let index = match documents
                .iter()
                .position(|d| d.service == operation.service.0)
            {
                Some(index) => index,
                None => {
                    documents.push(empty_document(&operation.service.0, &operation.service.1));
                    documents.len() - 1
                }
            };
            add_operation(&mut documents[index], operation, &mut page_report);
        }
        report.findings.extend(page_report.findings);
    }
    report.sort();
    Import { documents, report }
}

fn empty_document(service: &str, version: &str) -> ServiceDocument {
    ServiceDocument {
        service: service.to_owned(),
        document: json!({
            "openapi": "3.0.3",
            "info": {
                "title": format!("Huawei Cloud {service} API"),
                "version": version,
                "description": format!("{service} {version} operations imported from the API reference."),
                "x-service-id": service,
            },
            // The pages write requests to `https://{endpoint}/…` and never
            // say what the endpoint is; the import reports it.
            "servers": [{
                "url": "https://{endpoint}",
                "variables": {"endpoint": {
                    "default": "endpoint.invalid",
                    "description": "Host name of the service's endpoint in the chosen region.",
                }},
            }],
            "tags": [{"name": service, "description": format!("Operations of {service}.")}],
            "paths": {},
            "components": {"schemas": {}},
        }),
        operations: Vec::new(),
    }
}

fn add_operation(
    doc: &mut ServiceDocument,
    op: assemble::PageOperation,
    report: &mut report::PageReport,
) {
    let paths = object_at(&mut doc.document, "paths");
    let item = paths.entry(op.path.clone()).or_insert_with(|| json!({}));
    if item.get(&op.method).is_some() {
        report.add(
            0,
            FindingKind::Unreadable,
            Some(&op.operation_id),
            format!(
                "{} {} is already imported from another page; this page is left out",
                op.method.to_uppercase(),
                op.path
            ),
        );
        return;
    }
    item[&op.method] = op.operation;
    doc.operations.push(op.operation_id.clone());
    let schemas = object_at(&mut doc.document["components"], "schemas");
    for (name, schema) in op.schemas {
        match schemas.get(&name) {
            Some(existing) if *existing != schema => report.add(
                0,
                FindingKind::Hint,
                Some(&op.operation_id),
                format!("schema {name} is described differently by another page; the first description is kept"),
            ),
            Some(_) => {}
            None => {
                schemas.insert(name, schema);
            }
        }
    }
    if op.uses_token {
        add_scheme(
            &mut doc.document,
            "XAuthToken",
            json!({
                "type": "apiKey", "in": "header", "name": "X-Auth-Token",
                "description": "IAM user token sent in the X-Auth-Token header.",
            }),
        );
    }
    if op.uses_signature {
        add_scheme(
            &mut doc.document,
            "AkSkSignature",
            json!({
                "type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Request signed with an access key / secret key pair.",
                "x-huaweicloud-signing": {"algorithm": "SDK-HMAC-SHA256"},
            }),
        );
    }
}

fn add_scheme(doc: &mut Value, name: &str, scheme: Value) {
    let schemes = object_at(&mut doc["components"], "securitySchemes");
    if schemes.contains_key(name) {
        return;
    }
    schemes.insert(name.to_owned(), scheme);
    let security = doc
        .as_object_mut()
        .map(|d| d.entry("security").or_insert_with(|| json!([])));
    if let Some(Value::Array(list)) = security {
        list.push(json!({ name: [] }));
    }
}

/// The object under `key`, created if missing.
fn object_at<'a>(value: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !value.get(key).is_some_and(Value::is_object) {
        value[key] = json!({});
    }
    match &mut value[key] {
        Value::Object(map) => map,
        _ => unreachable!("just made an object"),
    }
}
