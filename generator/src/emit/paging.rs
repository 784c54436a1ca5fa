//! `next_page` for operations with `x-pagination`: the request for the page
//! after a given one, or `None` after the last. The runtime's paging stream
//! is built on it; the rule itself (which fields, where it stops) comes from
//! the spec.

use super::docs::doc;
use super::types::{ident, type_ident};
use crate::ir::{
    Answers, Field, IntegerWidth, NamedKind, Operation, Pagination, Param, ParamLocation, Service,
    Struct, Type,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The response that carries a page: the first success response, whose body
/// is a named struct.
pub struct PageResponse<'a> {
    /// Its index in `op.responses`.
    pub index: usize,
    pub body: &'a str,
    pub fields: &'a Struct,
}

pub fn page_response<'a>(op: &'a Operation, service: &'a Service) -> Option<PageResponse<'a>> {
    let index = op.responses.iter().position(|r| r.is_success())?;
    let body = op.responses[index].body.as_ref()?;
    let Type::Named(name) = &body.schema.ty else {
        return None;
    };
    match &service.type_by_name(name)?.kind {
        NamedKind::Struct(fields) => Some(PageResponse {
            index,
            body: name,
            fields,
        }),
        _ => None,
    }
}

/// What `Paginated` needs of a paged operation.
pub struct Page {
    /// The page's type, from the operation's file.
    pub ty: TokenStream,
    /// The body of `fn page(response: Self::Response) -> Option<Self::Page>`.
    pub extract: TokenStream,
}

/// Whether `op` pages (and `next_page` can be generated).
pub fn is_paged(op: &Operation, service: &Service) -> bool {
    walk(op, service).is_some()
}

/// The page of `op`, when it pages, its type named from `root` (the path
/// from the operation's file to the service's module).
pub fn page(op: &Operation, service: &Service, root: &TokenStream) -> Option<Page> {
    let page = walk(op, service)?.page;
    let body = type_ident(page.body);
    let response = &op.responses[page.index];
    let extract = match op.answers() {
        Answers::Single(_) => quote! { Some(response) },
        Answers::Several(_) => {
            let answers = type_ident(&op.names.response);
            let variant = type_ident(op.answer_variant(response)?);
            quote! {
                match response {
                    #answers::#variant(page) => Some(page),
                    _ => None,
                }
            }
        }
    };
    Some(Page {
        ty: quote! { #root::#body },
        extract,
    })
}

/// An operation's `x-pagination` resolved against its request and page
/// types: what `next_page` reads and writes.
struct Walk<'a> {
    paging: &'a Pagination,
    offset: &'a Param,
    offset_width: IntegerWidth,
    /// The request's field holding the offset.
    offset_field: Ident,
    page: PageResponse<'a>,
    /// The page's items field, and its total field if documented.
    items: (Ident, &'a Field),
    total: Option<(Ident, &'a Field)>,
}

/// The walk over `op`'s pages, or `None` when it does not page. The IR has
/// refused the shapes this cannot follow (a nullable items or total field,
/// an auto-filled or nullable offset), so the other `None`s are for an IR
/// that breaks its own contract.
fn walk<'a>(op: &'a Operation, service: &'a Service) -> Option<Walk<'a>> {
    let paging = op.pagination.as_ref()?;
    let offset = op
        .param(&paging.offset_param, ParamLocation::Query)
        .filter(|p| !p.auto_filled && !p.schema.nullable)?;
    let Type::Integer(offset_type) = &offset.schema.ty else {
        return None;
    };
    let offset_field = ident(op.param_field(offset)?);
    let page = page_response(op, service)?;
    let fields = page.fields;
    let field = |wire: &str| {
        let f = fields.fields.iter().find(|f| f.name == wire)?;
        (!f.schema.nullable).then(|| (ident(&f.rust_name), f))
    };
    let items = field(&paging.items_field)?;
    let total = paging.total_field.as_deref().and_then(field);
    Some(Walk {
        paging,
        offset,
        offset_width: offset_type.width,
        offset_field,
        page,
        items,
        total,
    })
}

/// `impl <Request> { pub fn next_page(..) }`, or nothing when the operation
/// does not page.
pub fn next_page(op: &Operation, service: &Service, root: &TokenStream) -> TokenStream {
    let request = &op.names.request;
    let Some(Walk {
        paging,
        offset,
        offset_width,
        offset_field,
        page,
        items: (items, items_field),
        total,
    }) = walk(op, service)
    else {
        return TokenStream::new();
    };
    let received = if items_field.required {
        quote! { page.#items.len() }
    } else {
        quote! { page.#items.as_ref().map_or(0, Vec::len) }
    };
    let widen = |width: IntegerWidth, value: TokenStream| match width {
        IntegerWidth::I32 => quote! { i64::from(#value) },
        IntegerWidth::I64 => value,
    };
    let current = if offset.required {
        widen(offset_width, quote! { self.#offset_field })
    } else {
        widen(offset_width, quote! { self.#offset_field.unwrap_or(0) })
    };
    let total_check = total.and_then(|(total, f)| {
        let Type::Integer(t) = &f.schema.ty else {
            return None;
        };
        let total_value = widen(t.width, quote! { total });
        Some(if f.required {
            quote! {
                let total = page.#total;
                if offset >= #total_value {
                    return None;
                }
            }
        } else {
            quote! {
                if page.#total.is_some_and(|total| offset >= #total_value) {
                    return None;
                }
            }
        })
    });
    let next_offset = match (offset.required, offset_width) {
        (true, IntegerWidth::I64) => quote! { offset },
        (true, IntegerWidth::I32) => quote! { i32::try_from(offset).ok()? },
        (false, IntegerWidth::I64) => quote! { Some(offset) },
        (false, IntegerWidth::I32) => quote! { Some(i32::try_from(offset).ok()?) },
    };
    let name = type_ident(request);
    let body = type_ident(page.body);
    let docs = doc(&format!(
        "The request for the page after `page`, or `None` after the last page: an empty \
         page{}. The `{}` offset only grows, so a walk never revisits a page.",
        paging
            .total_field
            .as_deref()
            .map(|t| format!(", or one that reaches `{t}`"))
            .unwrap_or_default(),
        paging.offset_param
    ));
    quote! {
        impl #name {
            #docs
            pub fn next_page(&self, page: &#root::#body) -> Option<Self> {
                let received = i64::try_from(#received).ok()?;
                if received == 0 {
                    return None;
                }
                let offset = #current.checked_add(received)?;
                #total_check
                let mut next = self.clone();
                next.#offset_field = #next_offset;
                Some(next)
            }
        }
    }
}
