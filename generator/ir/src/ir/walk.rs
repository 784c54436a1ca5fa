//! Visiting every schema of a service, wherever it sits.

use super::{NamedKind, Schema, Service, Type};

/// Where a visited schema sits, for messages.
#[derive(Debug, Clone, Copy)]
pub enum Site<'a> {
    Param {
        operation: &'a str,
        name: &'a str,
    },
    RequestBody {
        operation: &'a str,
    },
    ResponseBody {
        operation: &'a str,
    },
    ResponseHeader {
        operation: &'a str,
        name: &'a str,
    },
    Field {
        type_name: &'a str,
        field: &'a str,
    },
    /// Items of an array, or values of a map, inside another site's schema.
    Nested,
}

/// Calls `f` on every schema in `service`, nested ones included (array
/// items, map values), each named type's fields once.
pub fn for_each_schema<'a>(service: &'a Service, mut f: impl FnMut(&'a Schema, Site<'a>)) {
    fn visit<'a>(schema: &'a Schema, site: Site<'a>, f: &mut impl FnMut(&'a Schema, Site<'a>)) {
        f(schema, site);
        match &schema.ty {
            Type::Array(a) => visit(&a.items, Site::Nested, f),
            Type::Map(m) => visit(&m.values, Site::Nested, f),
            _ => {}
        }
    }
    for op in &service.operations {
        for p in &op.params {
            visit(
                &p.schema,
                Site::Param {
                    operation: &op.id,
                    name: &p.name,
                },
                &mut f,
            );
        }
        if let Some(body) = &op.body {
            visit(
                &body.schema,
                Site::RequestBody { operation: &op.id },
                &mut f,
            );
        }
        for r in &op.responses {
            if let Some(body) = &r.body {
                visit(
                    &body.schema,
                    Site::ResponseBody { operation: &op.id },
                    &mut f,
                );
            }
            for h in &r.headers {
                visit(
                    &h.schema,
                    Site::ResponseHeader {
                        operation: &op.id,
                        name: &h.name,
                    },
                    &mut f,
                );
            }
        }
    }
    for ty in &service.types {
        if let NamedKind::Struct(s) = &ty.kind {
            for field in &s.fields {
                visit(
                    &field.schema,
                    Site::Field {
                        type_name: &ty.name,
                        field: &field.name,
                    },
                    &mut f,
                );
            }
        }
    }
}
