//! Turns a [`PageModel`] into an OpenAPI operation and the schemas it uses.

use super::page::{Body, Example, Field, Location, Note, PageModel};
use super::report::{FindingKind, PageReport};
use super::types::PageType;
use indexmap::IndexMap;
use serde_json::{json, Map, Value};

/// One page's operation, ready to go into a document.
#[derive(Debug)]
pub(crate) struct PageOperation {
    /// (`HSS`, `v5`).
    pub service: (String, String),
    pub operation_id: String,
    /// Lower case, as OpenAPI keys it.
    pub method: String,
    pub path: String,
    pub operation: Value,
    /// Named schemas the operation refers to.
    pub schemas: IndexMap<String, Value>,
    pub uses_token: bool,
    pub uses_signature: bool,
}

pub(crate) fn operation(model: &PageModel, report: &mut PageReport) -> Option<PageOperation> {
    let Some((method, path, _)) = model.uri.clone() else {
        report.add(
            0,
            FindingKind::Unreadable,
            None,
            "no URI line (`METHOD /path`): the page is not imported",
        );
        return None;
    };
    let operation_id = match &model.sdk.operation_id {
        Some(id) => id.clone(),
        None => {
            let id = fallback_id(model.title.as_deref().unwrap_or("Imported"));
            report.add(0, FindingKind::Unreadable, None, format!("the SDK samples do not name the operation; it is called {id} after the page title"));
            id
        }
    };
    let service = match &model.sdk.service {
        Some((name, version)) => (name.to_uppercase(), version.clone()),
        None => {
            report.add(
                0,
                FindingKind::Unreadable,
                None,
                "the SDK samples do not name the service; it is called IMPORTED",
            );
            ("IMPORTED".to_owned(), "v1".to_owned())
        }
    };
    let mut builder = Builder {
        model,
        op: &operation_id,
        report,
        schemas: IndexMap::new(),
        noted_objects: Default::default(),
    };
    for (name, fields) in &model.objects {
        let schema = builder.object(fields, None);
        builder.schemas.insert(name.clone(), schema);
    }
    let mut op = Map::new();
    op.insert("operationId".into(), json!(operation_id));
    op.insert(
        "summary".into(),
        json!(model.title.clone().unwrap_or_else(|| operation_id.clone())),
    );
    let description = model.function.join(" ");
    op.insert(
        "description".into(),
        json!(if description.is_empty() {
            operation_id.clone()
        } else {
            description
        }),
    );
    op.insert("tags".into(), json!([service.0]));
    let mut uses_token = false;
    let parameters: Vec<Value> = model
        .params
        .iter()
        .filter_map(|param| {
            uses_token |= is_token_header(param.location, &param.field.name);
            builder.parameter(param.location, &param.field)
        })
        .collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = &model.body {
        let body_type = model
            .sdk
            .body_type
            .clone()
            .unwrap_or_else(|| format!("{operation_id}RequestBody"));
        let schema = builder.body(body, &body_type);
        let mut media = json!({"schema": schema});
        add_example(&mut media, model.request_example.as_ref());
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": media}}),
        );
    }
    let mut responses = Map::new();
    for (code, response) in &model.responses {
        let description = response.description.clone().unwrap_or_else(|| {
            builder.report.add(
                response.line,
                FindingKind::Lost,
                Some(&format!("{operation_id} {code}")),
                "the response has no description",
            );
            format!("Status {code}")
        });
        let mut entry = json!({"description": description});
        if let Some(fields) = &response.body {
            let name = if (200..300).contains(code) {
                format!("{operation_id}ResponseBody")
            } else {
                format!("{operation_id}Response{code}Body")
            };
            let subject = format!("{operation_id} {code} body");
            let schema = builder.object(fields, Some(&subject));
            let name = builder.named(name, schema);
            let mut media = json!({"schema": {"$ref": format!("#/components/schemas/{name}")}});
            add_example(&mut media, model.response_examples.get(code));
            entry["content"] = json!({"application/json": media});
        }
        responses.insert(code.to_string(), entry);
    }
    if responses.is_empty() {
        builder.report.add(
            0,
            FindingKind::Lost,
            Some(&operation_id),
            "the page lists no status codes",
        );
        responses.insert("200".into(), json!({"description": "Success."}));
    }
    op.insert("responses".into(), Value::Object(responses));
    let schemas = builder.schemas;
    Some(PageOperation {
        service,
        operation_id,
        method: method.to_lowercase(),
        path,
        operation: Value::Object(op),
        schemas,
        uses_token,
        uses_signature: model.sdk.signs_with_aksk,
    })
}

/// The header that carries an IAM token is the token security scheme's, and
/// the client fills it in.
pub(crate) fn is_token_header(location: Location, name: &str) -> bool {
    location == Location::Header && name.eq_ignore_ascii_case("X-Auth-Token")
}

fn add_example(media: &mut Value, example: Option<&Example>) {
    if let Some(example) = example {
        let mut entry = json!({"value": example.value});
        if let Some(summary) = &example.summary {
            entry["summary"] = json!(summary);
        }
        media["examples"] = json!({"page": entry});
    }
}

struct Builder<'a, 'r> {
    model: &'a PageModel,
    op: &'a str,
    report: &'a mut PageReport<'r>,
    schemas: IndexMap<String, Value>,
    /// Object types whose rows' notes are reported already.
    noted_objects: std::collections::HashSet<String>,
}

impl Builder<'_, '_> {
    fn parameter(&mut self, location: Location, field: &Field) -> Option<Value> {
        // Header names are case-insensitive; subjects write them in lower case.
        let name = match location {
            Location::Header => field.name.to_ascii_lowercase(),
            _ => field.name.clone(),
        };
        let subject = format!("{} {} {name}", self.op, location.as_str());
        let mut schema = self.schema(field, &subject, is_token_header(location, &field.name))?;
        // A query string that may hold several comma-separated values is an
        // array sent in OpenAPI's `form` style without explosion.
        let list = location == Location::Query
            && field.constraints.comma_separated
            && schema["type"] == "string";
        if list {
            let description = schema
                .as_object_mut()
                .and_then(|s| s.shift_remove("description"));
            schema = json!({"type": "array", "items": schema});
            if let Some(description) = description {
                schema["description"] = description;
            }
        }
        let required = location == Location::Path || field.required == Some(true);
        let mut param = json!({
            "name": field.name,
            "in": location.as_str(),
            "description": description(field),
            "required": required,
            "schema": schema,
        });
        let auto_filled = is_token_header(location, &field.name)
            || (location == Location::Path
                && field.name == "project_id"
                && self.model.sdk.project_id_from_credentials);
        if auto_filled {
            param["x-sdk-auto-filled"] = json!(true);
        }
        if list {
            param["style"] = json!("form");
            param["explode"] = json!(false);
        }
        if is_token_header(location, &field.name) {
            param["schema"]["format"] = json!("password");
        }
        Some(param)
    }

    fn body(&mut self, body: &Body, type_name: &str) -> Value {
        match body {
            Body::Array(element) => {
                let subject = format!("{} body", self.op);
                self.schema(element, &subject, false)
                    .unwrap_or_else(|| json!({"type": "array", "items": {}}))
            }
            Body::Object(fields) => {
                let subject = format!("{} body", self.op);
                let schema = self.object(fields, Some(&subject));
                let name = self.named(type_name.to_owned(), schema);
                json!({"$ref": format!("#/components/schemas/{name}")})
            }
        }
    }

    /// Puts `schema` into the components under `name`, or under the name of
    /// an identical schema already there.
    fn named(&mut self, name: String, schema: Value) -> String {
        if let Some((existing, _)) = self.schemas.iter().find(|(_, s)| **s == schema) {
            return existing.clone();
        }
        self.schemas.insert(name.clone(), schema);
        name
    }

    /// An object schema for a table's rows. With a `subject`, the rows'
    /// notes are reported under it (and under the objects they refer to).
    fn object(&mut self, fields: &[Field], subject: Option<&str>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut required_when: IndexMap<(String, String), Vec<String>> = IndexMap::new();
        for field in fields {
            let field_subject = subject.map(|s| format!("{s}.{}", field.name));
            let schema = match &field_subject {
                Some(s) => self.schema(field, s, false),
                None => schema_of(field),
            };
            let Some(schema) = schema else { continue };
            if field.required == Some(true) {
                required.push(json!(field.name));
            }
            for (property, value) in &field.constraints.required_when {
                required_when
                    .entry((property.clone(), value.clone()))
                    .or_default()
                    .push(field.name.clone());
            }
            properties.insert(field.name.clone(), schema);
        }
        let mut object = json!({"type": "object"});
        if !required.is_empty() {
            object["required"] = Value::Array(required);
        }
        object["properties"] = Value::Object(properties);
        if !required_when.is_empty() {
            let rules: Vec<Value> = required_when
                .into_iter()
                .map(|((property, value), names)| json!({"property": property, "equals": value, "required": names}))
                .collect();
            object["x-required-when"] = Value::Array(rules);
        }
        object
    }

    /// The schema of one field, reporting its notes under `subject` and
    /// walking into the object it refers to.
    /// `redacted`: the importer marks the field `format: password` itself.
    fn schema(&mut self, field: &Field, subject: &str, redacted: bool) -> Option<Value> {
        for note in &field.notes {
            // A hint to redact a field that already is redacted says nothing.
            if !(redacted && note.kind == FindingKind::Hint) {
                self.note(note, subject);
            }
        }
        self.nested_notes(field, subject, 0);
        if field.constraints.unread_character_rules {
            self.report.unread(
                field.line,
                subject,
                "pattern",
                "the description states rules about characters that were not turned into a pattern",
            );
        }
        let item_bounds_unused = field.constraints.item_length.is_some()
            && field
                .ty
                .as_ref()
                .is_some_and(|ty| matches!(ty, PageType::Array(_)) && value_kind(ty) != "string");
        if item_bounds_unused {
            self.report.add(
                field.line,
                FindingKind::Unreadable,
                Some(subject),
                "bound lines on a list of non-strings: neither its items' lengths nor its size; not taken",
            );
        }
        if field.constraints.pattern_in_part {
            self.report.unread(
                field.line,
                subject,
                "pattern",
                "the pattern holds only part of the description's character rules (which characters are allowed; not the rules on neighbours or on what may not come first or last)",
            );
        }
        if field.constraints.length_in_bytes {
            self.report.add(
                field.line,
                FindingKind::Hint,
                Some(subject),
                "the maximum length is stated in bytes and kept as characters: text of multi-byte characters may still be too long",
            );
        }
        let schema = schema_of(field);
        for (value, why) in invalid_values(field) {
            self.report.add(
                field.line,
                FindingKind::Unreadable,
                Some(subject),
                format!("{value:?} {why}; left out"),
            );
        }
        schema
    }
}

impl Builder<'_, '_> {
    fn note(&mut self, note: &Note, subject: &str) {
        match note.fact {
            Some(fact) => self
                .report
                .lost(note.line, subject, fact, note.message.clone()),
            None => self
                .report
                .add(note.line, note.kind, Some(subject), note.message.clone()),
        }
    }

    /// Reports the notes of the rows of the object `field` refers to, under
    /// the subjects they have at the first place the object is met
    /// (`… body.credential.type`): once per object type, so that types that
    /// refer to each other many times over cost no more than their rows.
    fn nested_notes(&mut self, field: &Field, subject: &str, depth: usize) {
        const MAX_DEPTH: usize = 8; // object types may refer to themselves
        let Some(name) = field.ty.as_ref().and_then(PageType::object_name) else {
            return;
        };
        let model = self.model;
        let Some(fields) = model.objects.get(name) else {
            return;
        };
        if depth >= MAX_DEPTH || !self.noted_objects.insert(name.to_owned()) {
            return;
        }
        let inner = match field.ty {
            Some(PageType::Array(_)) => format!("{subject}[]"),
            _ => subject.to_owned(),
        };
        for nested in fields {
            let nested_subject = format!("{inner}.{}", nested.name);
            for note in &nested.notes {
                self.note(note, &nested_subject);
            }
            self.nested_notes(nested, &nested_subject, depth + 1);
        }
    }
}

fn description(field: &Field) -> String {
    if field.description.is_empty() {
        field.name.clone()
    } else {
        field.description.clone()
    }
}

/// Type, constraints and description of a field; `None` without a type.
fn schema_of(field: &Field) -> Option<Value> {
    let ty = field.ty.as_ref()?;
    let mut schema = ty.schema();
    let c = &field.constraints;
    let kind = ty.openapi_type();
    if let Some((min, max)) = c.length.filter(|_| kind == "string") {
        set(&mut schema, "minLength", min.map(Value::from));
        set(&mut schema, "maxLength", max.map(Value::from));
    }
    if let Some((min, max)) = c.value.filter(|_| kind == "integer" || kind == "number") {
        set(&mut schema, "minimum", min.map(Value::from));
        set(&mut schema, "maximum", max.map(Value::from));
    }
    if let Some((min, max)) = c.items.filter(|_| kind == "array") {
        set(&mut schema, "minItems", min.map(Value::from));
        set(&mut schema, "maxItems", max.map(Value::from));
    }
    if let Some((min, max)) = c.item_length.filter(|_| value_kind(ty) == "string") {
        set(&mut schema["items"], "minLength", min.map(Value::from));
        set(&mut schema["items"], "maxLength", max.map(Value::from));
    }
    if let Some(pattern) = c.pattern.as_ref().filter(|_| kind == "string") {
        schema["pattern"] = json!(pattern);
    }
    let values: Vec<Value> = c
        .values
        .iter()
        .filter_map(|v| typed(v, value_kind(ty)))
        .collect();
    // `true: on` / `false: off` explain a boolean; they do not limit it.
    let says_nothing =
        kind == "boolean" && values.contains(&json!(true)) && values.contains(&json!(false));
    if !values.is_empty() && !says_nothing && schema.get("$ref").is_none() {
        // A list of scalars: the allowed values are its items'.
        let place = if kind == "array" {
            &mut schema["items"]
        } else {
            &mut schema
        };
        place["enum"] = Value::Array(values);
    }
    if let Some(default) = c.default.as_ref().and_then(|d| typed(d, kind)) {
        if schema.get("$ref").is_none() {
            schema["default"] = default;
        }
    }
    schema["description"] = json!(description(field));
    Some(schema)
}

fn set(schema: &mut Value, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        schema[key] = value;
    }
}

/// A value written in the page, as JSON of the field's type.
fn typed(text: &str, kind: &str) -> Option<Value> {
    match kind {
        "string" => Some(json!(text)),
        "integer" => text.parse::<i64>().ok().map(Value::from),
        "number" => text.parse::<f64>().ok().map(Value::from),
        "boolean" => text.parse::<bool>().ok().map(Value::from),
        _ => None,
    }
}

/// The type of a field's allowed values: a list of scalars takes its
/// items' values.
fn value_kind(ty: &PageType) -> &'static str {
    match ty {
        PageType::Array(item) if matches!(**item, PageType::Scalar { .. }) => item.openapi_type(),
        other => other.openapi_type(),
    }
}

/// Allowed values and defaults that do not fit the field's type.
fn invalid_values(field: &Field) -> Vec<(String, &'static str)> {
    let Some(ty) = field.ty.as_ref() else {
        return Vec::new();
    };
    let mut invalid: Vec<(String, &'static str)> = field
        .constraints
        .values
        .iter()
        .filter(|v| typed(v, value_kind(ty)).is_none())
        .map(|v| (v.clone(), "is not a value of the field's type"))
        .collect();
    if let Some(default) = &field.constraints.default {
        if typed(default, ty.openapi_type()).is_none() {
            invalid.push((default.clone(), "is a default not of the field's type"));
        }
    }
    invalid
}

/// `Adding an Image Repository` → `AddingAnImageRepository`.
fn fallback_id(title: &str) -> String {
    let id: String = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect::<String>()
        })
        .collect();
    if id.is_empty() {
        "ImportedOperation".to_owned()
    } else {
        id
    }
}
