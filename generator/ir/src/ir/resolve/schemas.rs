//! Schemas: OpenAPI schema objects to IR [`Schema`]s and [`NamedType`]s.

use super::{component_ref, LooseExample, Resolver};
use crate::diagnostics::pointer;
use crate::ir::{
    ArrayType, Bound, EnumValue, Field, IntegerType, IntegerWidth, MapType, NamedKind, NamedType,
    NumberType, RequiredWhen, Schema, StringType, Struct, Type,
};
use crate::limits::MAX_SCHEMA_DEPTH;
use crate::names;
use crate::spec::extensions;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, SchemaKind, StringFormat,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A component schema's resolution state.
pub(super) enum ComponentState {
    /// Being resolved: seeing it again means a cycle of plain aliases.
    InProgress,
    Done(Box<Schema>),
}

use crate::spec::keywords;

impl Resolver<'_> {
    /// Gives every component schema that becomes a struct or an enum its
    /// Rust name, before anything is resolved.
    pub(super) fn reserve_component_names(&mut self) {
        let Some(components) = &self.doc.openapi.components else {
            return;
        };
        let keys: Vec<&String> = components
            .schemas
            .iter()
            .filter(|(_, s)| matches!(s, ReferenceOr::Item(s) if is_named(s)))
            .map(|(k, _)| k)
            .collect();
        let wanted: Vec<String> = keys.iter().map(|k| names::type_name(k)).collect();
        let unique = names::dedupe(wanted.clone(), &[]);
        for ((key, want), name) in keys.into_iter().zip(wanted).zip(unique) {
            if want != name {
                self.d.warning_at(
                    &pointer("/components/schemas", key),
                    format!("`{key}` has the same Rust name as another schema (`{want}`); it is named `{name}`"),
                );
            }
            self.reserved_names.insert(name.clone());
            self.component_names.insert(key.clone(), name);
        }
    }

    /// Resolves `#/components/schemas/{name}`.
    pub(super) fn component_schema(&mut self, name: &str, at: &str) -> Schema {
        match self.components.get(name) {
            Some(ComponentState::Done(schema)) => return (**schema).clone(),
            Some(ComponentState::InProgress) => {
                // A named type refers to itself through its fields: fine.
                if let Some(type_name) = self.component_names.get(name) {
                    return named(type_name.clone(), pointer("/components/schemas", name));
                }
                self.d.error_at(
                    at,
                    format!("`{name}` refers to itself without an object in between"),
                );
                return any(at);
            }
            None => {}
        }
        let origin = pointer("/components/schemas", name);
        let Some(schema) = self
            .doc
            .openapi
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
        else {
            self.d
                .error_at(at, format!("`#/components/schemas/{name}` does not exist"));
            return any(at);
        };
        self.components
            .insert(name.to_owned(), ComponentState::InProgress);
        let hint = self
            .component_names
            .get(name)
            .cloned()
            .unwrap_or_else(|| names::type_name(name));
        let Some(resolved) = self.deeper(at, |r| r.schema(schema, &origin, &hint)) else {
            self.components.remove(name);
            return any(at);
        };
        self.components.insert(
            name.to_owned(),
            ComponentState::Done(Box::new(resolved.clone())),
        );
        resolved
    }

    /// Resolves a schema or reference written at `at`. `hint` names an
    /// inline struct or enum found there.
    pub(super) fn schema(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        at: &str,
        hint: &str,
    ) -> Schema {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, at),
            ReferenceOr::Item(item) => self
                .deeper(at, |r| r.item(item, at, hint))
                .unwrap_or_else(|| any(at)),
        }
    }

    /// Runs `resolve` one schema deeper, or reports that the spec nests
    /// deeper than [`MAX_SCHEMA_DEPTH`] and returns `None`.
    fn deeper(&mut self, at: &str, resolve: impl FnOnce(&mut Self) -> Schema) -> Option<Schema> {
        if self.schema_depth >= MAX_SCHEMA_DEPTH {
            self.d.error_at(
                at,
                format!(
                    "schemas nest more than {MAX_SCHEMA_DEPTH} deep here (objects in objects, \
                     items, `$ref` chains): too deep to resolve"
                ),
            );
            return None;
        }
        self.schema_depth += 1;
        let schema = resolve(self);
        self.schema_depth -= 1;
        Some(schema)
    }

    pub(super) fn boxed_schema(
        &mut self,
        schema: &ReferenceOr<Box<openapiv3::Schema>>,
        at: &str,
        hint: &str,
    ) -> Schema {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, at),
            ReferenceOr::Item(item) => self
                .deeper(at, |r| r.item(item, at, hint))
                .unwrap_or_else(|| any(at)),
        }
    }

    fn reference(&mut self, reference: &str, at: &str) -> Schema {
        let Some(name) = component_ref(reference, "schemas") else {
            self.d.error_at(
                &pointer(at, "$ref"),
                format!("`{reference}` does not point at `#/components/schemas/…`"),
            );
            return any(at);
        };
        let mut schema = self.component_schema(&name, at);
        // OpenAPI 3.0 drops a description beside `$ref`, but the place that
        // refers says more about the value than the type does.
        if let Some(description) = self.raw_description(at) {
            schema.description = Some(description);
        }
        schema
    }

    fn item(&mut self, item: &openapiv3::Schema, at: &str, hint: &str) -> Schema {
        let data = &item.schema_data;
        let mut schema = Schema {
            ty: Type::Any,
            description: data.description.clone(),
            nullable: data.nullable,
            default: data.default.clone(),
            secret: false,
            origin: at.to_owned(),
        };
        schema.ty = match &item.schema_kind {
            SchemaKind::Type(openapiv3::Type::String(s)) => {
                if matches!(
                    s.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password)
                ) {
                    schema.secret = true;
                }
                if !s.enumeration.is_empty() {
                    schema.nullable |= s.enumeration.iter().any(Option::is_none);
                    let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                    self.string_enum(values, item, at, hint)
                } else if matches!(
                    s.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
                ) {
                    Type::Binary
                } else {
                    Type::String(StringType {
                        format: string_format(&s.format),
                        min_length: s.min_length.map(|n| n as u64),
                        max_length: s.max_length.map(|n| n as u64),
                        pattern: s.pattern.clone(),
                    })
                }
            }
            SchemaKind::Type(openapiv3::Type::Integer(i)) => {
                let width = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntegerWidth::I32,
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => IntegerWidth::I64,
                    VariantOrUnknownOrEmpty::Empty => IntegerWidth::I64,
                    VariantOrUnknownOrEmpty::Unknown(other) => {
                        self.d.error_at(
                            &pointer(at, "format"),
                            format!("integer format `{other}` is not supported (int32 or int64)"),
                        );
                        IntegerWidth::I64
                    }
                };
                if !i.enumeration.is_empty() {
                    schema.nullable |= i.enumeration.iter().any(Option::is_none);
                    let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                    self.integer_enum(values, width, item, at, hint)
                } else {
                    Type::Integer(IntegerType {
                        width,
                        minimum: i.minimum.map(|m| {
                            if i.exclusive_minimum {
                                m.saturating_add(1)
                            } else {
                                m
                            }
                        }),
                        maximum: i.maximum.map(|m| {
                            if i.exclusive_maximum {
                                m.saturating_sub(1)
                            } else {
                                m
                            }
                        }),
                        multiple_of: i.multiple_of,
                    })
                }
            }
            SchemaKind::Type(openapiv3::Type::Number(n)) => {
                if !n.enumeration.is_empty() {
                    self.d.error_at(
                        &pointer(at, "enum"),
                        "enums of non-integer numbers are not supported",
                    );
                }
                Type::Number(NumberType {
                    format: number_format(&n.format),
                    minimum: n.minimum.map(|value| Bound {
                        value,
                        exclusive: n.exclusive_minimum,
                    }),
                    maximum: n.maximum.map(|value| Bound {
                        value,
                        exclusive: n.exclusive_maximum,
                    }),
                    multiple_of: n.multiple_of,
                })
            }
            SchemaKind::Type(openapiv3::Type::Boolean(b)) => {
                if !b.enumeration.is_empty() {
                    self.d.error_at(
                        &pointer(at, "enum"),
                        "boolean enums are not supported; use a boolean",
                    );
                }
                Type::Boolean
            }
            SchemaKind::Type(openapiv3::Type::Array(a)) => match &a.items {
                Some(items) => {
                    let items =
                        self.boxed_schema(items, &pointer(at, "items"), &format!("{hint}Item"));
                    Type::Array(ArrayType {
                        items: Box::new(items),
                        min_items: a.min_items.map(|n| n as u64),
                        max_items: a.max_items.map(|n| n as u64),
                        unique_items: a.unique_items,
                    })
                }
                None => {
                    self.d.error_at(at, "an array schema needs `items`");
                    Type::Any
                }
            },
            SchemaKind::Type(openapiv3::Type::Object(o)) => {
                let additional = match &o.additional_properties {
                    Some(AdditionalProperties::Schema(s)) => Some(self.schema(
                        s,
                        &pointer(at, "additionalProperties"),
                        &format!("{hint}Value"),
                    )),
                    _ => None,
                };
                match (o.properties.is_empty(), additional) {
                    (true, Some(values)) => Type::Map(MapType {
                        values: Box::new(values),
                        min_properties: o.min_properties.map(|n| n as u64),
                        max_properties: o.max_properties.map(|n| n as u64),
                    }),
                    (true, None) => Type::Any,
                    (false, Some(_)) => {
                        self.d.error_at(
                            &pointer(at, "additionalProperties"),
                            "an object with both `properties` and an `additionalProperties` schema is not supported",
                        );
                        Type::Any
                    }
                    (false, None) => self.structure(o, item, at, hint),
                }
            }
            SchemaKind::Any(any_schema) => {
                self.untyped(any_schema, at);
                Type::Any
            }
            SchemaKind::OneOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::Not { .. } => {
                self.d.error_at(at, "schema composition is not supported");
                Type::Any
            }
        };
        if let Some(example) = &data.example {
            self.examples.push(LooseExample {
                origin: pointer(at, "example"),
                what: "the example of this schema".to_owned(),
                value: example.clone(),
                schema: schema.clone(),
            });
        }
        // OpenAPI 3.1's list (`openapiv3` models 3.0, which has none).
        let listed = self.raw(at).and_then(|raw| raw.get("examples"));
        for (i, example) in listed
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            self.examples.push(LooseExample {
                origin: pointer(&pointer(at, "examples"), i),
                what: format!("example {i} of this schema"),
                value: example.clone(),
                schema: schema.clone(),
            });
        }
        schema
    }

    /// Explains why openapiv3 could not type a schema: keywords that do not
    /// belong to its `type`, or keywords without a `type`.
    fn untyped(&mut self, any_schema: &openapiv3::AnySchema, at: &str) {
        let raw = self.raw(at).and_then(Value::as_object);
        let typed = keywords::typed_keywords();
        let present: Vec<&str> = raw
            .map(|o| {
                o.keys()
                    .map(String::as_str)
                    .filter(|k| typed.contains(k))
                    .collect()
            })
            .unwrap_or_default();
        match &any_schema.typ {
            Some(ty) => {
                let allowed = keywords::of_type(ty);
                let stray: Vec<String> = present
                    .iter()
                    .filter(|k| !allowed.contains(k))
                    .map(|k| format!("`{k}`"))
                    .collect();
                if stray.is_empty() {
                    self.d.error_at(
                        at,
                        format!("a value in this `{ty}` schema has the wrong JSON type (bounds of an integer must be integers, enum values must be of type `{ty}`)"),
                    );
                } else {
                    self.d.error_at(
                        at,
                        format!("{} cannot be used with `type: {ty}`", stray.join(", ")),
                    );
                }
            }
            None if !present.is_empty() => {
                let hint = if present.contains(&"properties") {
                    "add `type: object`"
                } else {
                    "add a `type`"
                };
                self.d.error_at(
                    at,
                    format!(
                        "this schema has {} but no `type`: {hint}",
                        present
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            None => {} // `{}`: any value.
        }
    }

    fn structure(
        &mut self,
        o: &openapiv3::ObjectType,
        item: &openapiv3::Schema,
        at: &str,
        hint: &str,
    ) -> Type {
        let props_at = pointer(at, "properties");
        for name in &o.required {
            if !o.properties.contains_key(name) {
                self.d.error_at(
                    &pointer(at, "required"),
                    format!("`{name}` is required but is not in `properties`"),
                );
            }
        }
        let mut fields = Vec::new();
        for (name, prop) in &o.properties {
            let prop_at = pointer(&props_at, name);
            let schema =
                self.boxed_schema(prop, &prop_at, &format!("{hint}{}", names::type_name(name)));
            let flags = match prop {
                ReferenceOr::Item(p) => (
                    p.schema_data.read_only,
                    p.schema_data.write_only,
                    p.schema_data.deprecated,
                ),
                // OpenAPI 3.1 lets the reference carry them (3.0 refuses them).
                ReferenceOr::Reference { .. } => {
                    let flag = |name: &str| {
                        self.raw(&prop_at)
                            .and_then(|raw| raw.get(name))
                            .and_then(Value::as_bool)
                            .unwrap_or(false)
                    };
                    (flag("readOnly"), flag("writeOnly"), flag("deprecated"))
                }
            };
            fields.push(Field {
                name: name.clone(),
                required: o.required.contains(name),
                schema,
                boxed: false,
                read_only: flags.0,
                write_only: flags.1,
                deprecated: flags.2,
                rust_name: String::new(),
            });
        }
        let ext = &item.schema_data.extensions;
        let required_when =
            extensions::read::<Vec<extensions::RequiredWhen>>(ext, "x-required-when", at, self.d)
                .unwrap_or_default()
                .into_iter()
                .map(|r| RequiredWhen {
                    property: r.property,
                    equals: r.equals,
                    required: r.required,
                })
                .collect();
        self.named(
            hint,
            item,
            at,
            NamedKind::Struct(Struct {
                fields,
                required_when,
                min_properties: o.min_properties.map(|n| n as u64),
                max_properties: o.max_properties.map(|n| n as u64),
            }),
        )
    }

    fn string_enum(
        &mut self,
        values: Vec<String>,
        item: &openapiv3::Schema,
        at: &str,
        hint: &str,
    ) -> Type {
        let names = self.varnames(item, at, values.len());
        let values = values
            .into_iter()
            .zip(names)
            .map(|(value, name)| EnumValue {
                value,
                name,
                rust_name: String::new(),
            })
            .collect();
        self.named(hint, item, at, NamedKind::StringEnum(values))
    }

    fn integer_enum(
        &mut self,
        values: Vec<i64>,
        width: IntegerWidth,
        item: &openapiv3::Schema,
        at: &str,
        hint: &str,
    ) -> Type {
        let names = self.varnames(item, at, values.len());
        let values = values
            .into_iter()
            .zip(names)
            .map(|(value, name)| EnumValue {
                value,
                name,
                rust_name: String::new(),
            })
            .collect();
        self.named(hint, item, at, NamedKind::IntegerEnum { width, values })
    }

    /// `x-enum-varnames`, checked against the number of values.
    fn varnames(
        &mut self,
        item: &openapiv3::Schema,
        at: &str,
        count: usize,
    ) -> Vec<Option<String>> {
        let ext = &item.schema_data.extensions;
        match extensions::read::<Vec<String>>(ext, "x-enum-varnames", at, self.d) {
            Some(names) if names.len() == count => names.into_iter().map(Some).collect(),
            Some(names) => {
                self.d.error_at(
                    &pointer(at, "x-enum-varnames"),
                    format!(
                        "`x-enum-varnames` has {} names for {count} enum values",
                        names.len()
                    ),
                );
                vec![None; count]
            }
            None => vec![None; count],
        }
    }

    /// Registers a struct or enum found at `at`, under the component's
    /// reserved name or a name made from `hint`.
    fn named(&mut self, hint: &str, item: &openapiv3::Schema, at: &str, kind: NamedKind) -> Type {
        let ty = NamedType {
            name: hint.to_owned(),
            description: item.schema_data.description.clone(),
            origin: at.to_owned(),
            kind,
        };
        let component = at
            .strip_prefix("/components/schemas/")
            .filter(|rest| !rest.contains('/'))
            .map(super::unescape);
        let name = match component.and_then(|c| self.component_names.get(&c).cloned()) {
            Some(reserved) => self.add_component_type(NamedType {
                name: reserved,
                ..ty
            }),
            None => self.add_inline_type(ty),
        };
        Type::Named(name)
    }
}

/// Whether a component schema becomes a named type (struct or enum) rather
/// than being copied into the places that use it.
fn is_named(schema: &openapiv3::Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(openapiv3::Type::Integer(i)) => !i.enumeration.is_empty(),
        SchemaKind::Type(openapiv3::Type::Object(o)) => !o.properties.is_empty(),
        _ => false,
    }
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    let known = |f: &StringFormat| match f {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    };
    format_name(format, known)
}

fn number_format(format: &VariantOrUnknownOrEmpty<NumberFormat>) -> Option<String> {
    let known = |f: &NumberFormat| match f {
        NumberFormat::Float => "float",
        NumberFormat::Double => "double",
    };
    format_name(format, known)
}

fn format_name<T>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn named(name: String, origin: String) -> Schema {
    Schema {
        ty: Type::Named(name),
        description: None,
        nullable: false,
        default: None,
        secret: false,
        origin,
    }
}

fn any(at: &str) -> Schema {
    Schema {
        ty: Type::Any,
        description: None,
        nullable: false,
        default: None,
        secret: false,
        origin: at.to_owned(),
    }
}
