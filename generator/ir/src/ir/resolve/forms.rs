//! `multipart/form-data` bodies: an object whose fields each become one
//! part. Text fields are written as text; a `format: binary` field is a
//! file, so its type becomes [`Type::File`] (bytes with a file name and a
//! media type) in the named type the body uses. That type is the form's
//! own: a type also sent or received as JSON is refused, since its files
//! would change there too.

use super::Resolver;
use crate::ir::{BodyEncoding, NamedKind, Operation, Schema, Type};
use std::collections::BTreeSet;

impl Resolver<'_> {
    /// Checks every form body of `operations` and makes the binary fields
    /// of their types files.
    pub(super) fn forms(&mut self, operations: &[Operation]) {
        let as_json = self.reached_as_json(operations);
        for op in operations {
            let Some(body) = op
                .body
                .as_ref()
                .filter(|b| b.encoding == BodyEncoding::Form)
            else {
                continue;
            };
            let name = match &body.schema.ty {
                Type::Named(name) if self.struct_fields(name).is_some() => name,
                _ => {
                    self.d.error_at(
                        &body.schema.origin,
                        format!(
                            "the `{}` body of {} must be an object: each of its fields is one part",
                            body.content_type, op.id
                        ),
                    );
                    continue;
                }
            };
            if as_json.contains(name.as_str()) {
                self.d.error_at(
                    &body.schema.origin,
                    format!(
                        "`{name}` is the form body of {} and is also sent or received as JSON: give the form a schema of its own (its binary fields are files)",
                        op.id
                    ),
                );
                continue;
            }
            let fields = self.struct_fields(name).unwrap_or_default();
            for (field, ty, origin) in fields {
                match ty {
                    Type::Binary | Type::File => self.make_file(name, &field),
                    ty if self.is_text(&ty) => {}
                    _ => self.d.error_at(
                        &origin,
                        format!(
                            "field `{field}` of the form body of {}: a form field is text (a string, number, boolean or enum) or a file (`format: binary`)",
                            op.id
                        ),
                    ),
                }
            }
        }
    }

    /// The named types a JSON body or any response reaches, directly or
    /// through fields, items and map values.
    fn reached_as_json(&self, operations: &[Operation]) -> BTreeSet<String> {
        let mut pending: Vec<&Schema> = Vec::new();
        for op in operations {
            if let Some(body) = op
                .body
                .as_ref()
                .filter(|b| b.encoding != BodyEncoding::Form)
            {
                pending.push(&body.schema);
            }
            for response in &op.responses {
                pending.extend(response.body.as_ref().map(|b| &b.schema));
            }
        }
        let mut reached = BTreeSet::new();
        while let Some(schema) = pending.pop() {
            match &schema.ty {
                Type::Array(a) => pending.push(&a.items),
                Type::Map(m) => pending.push(&m.values),
                Type::Named(name) if reached.insert(name.clone()) => {
                    if let Some(NamedKind::Struct(s)) = self.types.get(name).map(|t| &t.kind) {
                        pending.extend(s.fields.iter().map(|f| &f.schema));
                    }
                }
                _ => {}
            }
        }
        reached
    }

    /// The name, type and origin of each field of struct `name`.
    fn struct_fields(&self, name: &str) -> Option<Vec<(String, Type, String)>> {
        match &self.types.get(name)?.kind {
            NamedKind::Struct(s) => Some(
                s.fields
                    .iter()
                    .map(|f| (f.name.clone(), f.schema.ty.clone(), f.schema.origin.clone()))
                    .collect(),
            ),
            _ => None,
        }
    }

    fn make_file(&mut self, owner: &str, field: &str) {
        if let Some(NamedKind::Struct(s)) = self.types.get_mut(owner).map(|t| &mut t.kind) {
            for f in s.fields.iter_mut().filter(|f| f.name == field) {
                f.schema.ty = Type::File;
            }
        }
    }

    /// Whether a form writes a value of `ty` as text: a scalar, or an enum.
    fn is_text(&self, ty: &Type) -> bool {
        match ty {
            Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean => true,
            Type::Named(name) => matches!(
                self.types.get(name).map(|t| &t.kind),
                Some(NamedKind::StringEnum(_) | NamedKind::IntegerEnum { .. })
            ),
            _ => false,
        }
    }
}
