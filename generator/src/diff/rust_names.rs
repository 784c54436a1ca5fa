//! The Rust names the plan gave what both versions have (`crate::plan`),
//! and fields' boxing. A spec change can leave every spec name in place and
//! still rename generated items: the plan resolves collisions in the IR's
//! order, so an added schema `ListRegistryRequest` moves operation
//! `ListRegistry`'s request type aside; and a field that closes a cycle of
//! types boxes the fields of that cycle. Code naming the old item stops
//! compiling, so each such change is reported, and breaking.

use super::compare::{param_location, some, status_text, Differ};
use super::ChangeKind;
use crate::ir::usage::Usage;
use crate::ir::{Answers, Field, Operation, Param, Response};

impl Differ<'_> {
    /// The client and mock types, and the builder of every struct in both.
    pub(super) fn service_names(&mut self) {
        let (old, new) = (&self.old.names, &self.new.names);
        self.renamed("service client type", &old.client, &new.client);
        self.renamed("service command", &old.command, &new.command);
        self.renamed("service mock type", &old.mock, &new.mock);
        for (ty, before) in &old.all_builders {
            if let Some(after) = new.all_builders.get(ty) {
                self.renamed(&format!("schema {ty} builder"), before, after);
            }
        }
    }

    /// The operation's types, client method, mock rule, command, the
    /// request field of each parameter in both, and the variants of its
    /// answer and error enums where both versions have them.
    pub(super) fn operation_names(&mut self, old: &Operation, new: &Operation) {
        let id = &old.id;
        let (o, n) = (&old.names, &new.names);
        for (what, before, after) in [
            ("request type", &o.request, &n.request),
            ("request builder", &o.builder, &n.builder),
            ("client method", &o.method, &n.method),
            ("mock rule", &o.mock_rule, &n.mock_rule),
            ("command", &o.command, &n.command),
        ] {
            self.renamed(&format!("{id} {what}"), before, after);
        }
        for (i, param) in old.params.iter().enumerate() {
            let same = |p: &&Param| p.location == param.location && p.name == param.name;
            let Some((j, other)) = new.params.iter().enumerate().find(|(_, p)| same(p)) else {
                continue;
            };
            let at = param_location(id, param);
            if let (Some(before), Some(after)) = (old.param_field(param), new.param_field(other)) {
                self.renamed(&format!("{at} field"), before, after);
            }
            if let (Some(before), Some(after)) = (o.param_flags.get(i), n.param_flags.get(j)) {
                if !before.is_empty() && !after.is_empty() {
                    self.renamed(&format!("{at} flag"), before, after);
                }
            }
        }
        if let (Answers::Several(_), Answers::Several(_)) = (old.answers(), new.answers()) {
            self.renamed(&format!("{id} answer type"), &o.response, &n.response);
            for response in &old.responses {
                let variant = |op: &Operation| {
                    let same = op.responses.iter().find(|r| r.status == response.status)?;
                    op.answer_variant(same).map(str::to_owned)
                };
                if let (Some(before), Some(after)) = (variant(old), variant(new)) {
                    let location = format!("{id} answer {} variant", status_text(response.status));
                    self.renamed(&location, &before, &after);
                }
            }
        }
        if let (Some(before), Some(after)) = (old.typed_errors(), new.typed_errors()) {
            self.renamed(&format!("{id} error type"), &o.error, &n.error);
            let variants = |errors: Vec<&Response>, names: &[String]| {
                errors
                    .into_iter()
                    .map(|r| r.status)
                    .zip(names.iter().cloned())
                    .collect::<Vec<_>>()
            };
            let after = variants(after, &n.error_variants);
            for (status, variant) in variants(before, &o.error_variants) {
                if let Some((_, other)) = after.iter().find(|(s, _)| *s == status) {
                    let location = format!("{id} error {} variant", status_text(status));
                    self.renamed(&location, &variant, other);
                }
            }
        }
    }

    /// A struct field's Rust name and boxing.
    pub(super) fn field_names(&mut self, location: &str, old: &Field, new: &Field, usage: Usage) {
        if old.rust_name != new.rust_name {
            let kind = ChangeKind::RustNameChanged;
            let (o, n) = (some(&old.rust_name), some(&new.rust_name));
            self.push(&format!("{location} Rust name"), kind, o, n, usage);
        }
        if old.boxed != new.boxed {
            let boxed = |f: &Field| some(if f.boxed { "boxed" } else { "not boxed" });
            let kind = ChangeKind::BoxingChanged;
            self.push(location, kind, boxed(old), boxed(new), usage);
        }
    }

    fn renamed(&mut self, location: &str, old: &str, new: &str) {
        if old != new {
            let kind = ChangeKind::RustNameChanged;
            self.push(location, kind, some(old), some(new), Usage::default());
        }
    }
}
