//! The vendor's own dialect of OpenAPI (its published per-service
//! documents), read into the form the rest of the pipeline reads.
//!
//! A document is in this dialect when its path items carry `x-url`: they are
//! keyed `/<OperationId>`, and the real request is in `x-url`
//! (`{endpoint}/v5/{project_id}/…`), `x-method` and `x-content-type`. The
//! resolver takes each operation's path from `x-url` ([`url_path`]), so
//! several operations may share one method and path (the vendor's "action"
//! APIs). What this module rewrites, all documented in spec/README.md
//! ("The vendor's own documents"):
//!
//! - `info.x-host` / `info.x-host_prefix` become `servers` when the document
//!   names no absolute server;
//! - header parameters the client sets itself are filled by it
//!   (`x-sdk-auto-filled`), so no request type has them: how it
//!   authenticates (`X-Auth-Token`, `Authorization`, `X-Sdk-Date`,
//!   `X-Security-Token`; the client signs), the body's media type
//!   (`Content-Type`) and the scope's id header. Nothing is removed from a
//!   list, so locations keep pointing into the file as written;
//! - the service is regional or global (`info.x-hwcloud-scope`), by the
//!   ids its paths name (`scope`); a global service named by its host
//!   prefix only is at `<prefix>.myhuaweicloud.com`, without a region;
//! - the scope's id path parameter (`project_id`, or `domain_id` for a
//!   global service) is filled by the client (`x-sdk-auto-filled`), as the
//!   vendor's SDKs do;
//! - a body documented as an object whose one property is
//!   `<Something>RequestBody` is that property (a repair: the SDKs send the
//!   list itself);
//! - a path placeholder no parameter declares is declared as a required
//!   string (a repair: reported, an error in strict mode);
//! - a parameter `$ref` that points nowhere is read by its name where that
//!   is clear (a repair; see [`reference`]);
//! - a list in the query is sent as repeated keys, as the SDKs send it,
//!   whatever `collectionFormat` says (a repair).

use super::extensions::NamedScope;
use super::repair::array_entry;
use crate::diagnostics::{pointer, unescape, Diagnostics};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The domain of the vendor's public endpoints, for a document that names
/// only its host prefix.
const PUBLIC_DOMAIN: &str = "myhuaweicloud.com";

/// Whether `doc` is written in the vendor's dialect.
pub(super) fn is_vendor_dialect(doc: &Value) -> bool {
    doc.get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.values().any(|item| item.get("x-url").is_some()))
}

/// The request path an `x-url` names: without the `{endpoint}` (or scheme
/// and host) in front and without a query string, always starting with `/`.
pub fn url_path(x_url: &str) -> String {
    let rest = x_url.trim();
    let rest = rest.strip_prefix("{endpoint}").unwrap_or(rest);
    let rest = match rest.split_once("://") {
        Some((_, after_scheme)) => after_scheme
            .find('/')
            .map_or("", |slash| &after_scheme[slash..]),
        None => rest,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    }
}

/// Rewrites a vendor-dialect document in place (see the module docs).
pub(super) fn read(doc: &mut Value, d: &mut Diagnostics) {
    if !is_vendor_dialect(doc) {
        return;
    }
    let scope_id = scope(doc, d);
    servers(doc, scope_id == "domain_id", d);
    fill_component_ids(doc, scope_id);
    unwrap_bodies(doc, d);
    // Lists in the query are repeated keys wherever a parameter is written:
    // components and path items here, operations below.
    if let Some(components) = doc
        .pointer_mut("/components/parameters")
        .and_then(Value::as_object_mut)
    {
        for (name, param) in components.iter_mut() {
            repeated_query_list(param, &pointer("/components/parameters", name), d);
        }
    }
    let parameters = Parameters::of(doc, scope_id);
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (key, item) in paths.iter_mut() {
        let item_at = pointer("/paths", key);
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        if let Some(shared) = item.get_mut("parameters").and_then(Value::as_array_mut) {
            let at = pointer(&item_at, "parameters");
            for (i, param) in shared.iter_mut().enumerate() {
                repeated_query_list(param, &pointer(&at, i), d);
            }
        }
        let path = match item.get("x-url") {
            Some(Value::String(url)) => url_path(url),
            Some(_) => {
                d.error_at(&pointer(&item_at, "x-url"), "`x-url` must be a string");
                continue;
            }
            None => key.clone(),
        };
        let item_id = item
            .get("x-operationId")
            .and_then(Value::as_str)
            .map_or_else(|| key.trim_matches('/').to_owned(), str::to_owned);
        let declared_method = item
            .get("x-method")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        for method in super::METHODS {
            let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let at = pointer(&item_at, method);
            if let Some(declared) = declared_method.as_deref().filter(|m| *m != method) {
                d.warning_at(
                    &pointer(&item_at, "x-method"),
                    format!("`x-method` says `{declared}` but the operation is written under `{method}`; `{method}` is used"),
                );
            }
            if !op.contains_key("operationId") {
                let id = item_id.clone();
                d.repaired_at(
                    &at,
                    format!("the operation has no `operationId`: read as `{id}` (its path item's)"),
                );
                op.insert("operationId".to_owned(), Value::String(id));
            }
            operation(op, &path, &at, &parameters, d);
        }
    }
}

/// `servers` from `info.x-host` (a host template such as
/// `hss.{region}.myhuaweicloud.com`, or a fixed global host) or, failing
/// that, `info.x-host_prefix`, unless the document names an absolute server.
fn servers(doc: &mut Value, global: bool, d: &mut Diagnostics) {
    let has_absolute_server = doc
        .get("servers")
        .and_then(Value::as_array)
        .is_some_and(|servers| {
            servers.iter().any(|s| {
                s.get("url")
                    .and_then(Value::as_str)
                    .is_some_and(|url| url.contains("://"))
            })
        });
    if has_absolute_server {
        return;
    }
    let info = doc.get("info");
    let text = |key: &str| {
        info.and_then(|i| i.get(key))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let host = match (text("x-host"), text("x-host_prefix")) {
        (Some(host), _) => host,
        (None, Some(prefix)) => {
            let (host, kind) = if global {
                (format!("{prefix}.{PUBLIC_DOMAIN}"), "global")
            } else {
                (format!("{prefix}.{{region}}.{PUBLIC_DOMAIN}"), "regional")
            };
            d.warning_at(
                "/info/x-host_prefix",
                format!("no `x-host`: the service is taken to be {kind}, at `{host}`"),
            );
            host
        }
        (None, None) => {
            d.warning_at(
                "/servers",
                "no absolute server and no `info.x-host`: the client must be given its endpoint",
            );
            return;
        }
    };
    let host = host
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let mut server = json!({ "url": format!("https://{}", host.trim_end_matches('/')) });
    if host.contains("{region}") {
        // No default: the vendor's SDKs need a region, and so does the client.
        server["variables"] = json!({ "region": {
            "default": "",
            "description": "The region of the endpoint."
        }});
    }
    if let Some(root) = doc.as_object_mut() {
        root.insert("servers".to_owned(), Value::Array(vec![server]));
    }
}

/// Whether the service is regional or global, written to
/// `info.x-hwcloud-scope` unless the document says; returns the path
/// parameter the client fills (`project_id` or `domain_id`).
///
/// The documents do not say it in so many words; their paths do. A
/// regional service's paths name `{project_id}`, a global one's
/// `{domain_id}`; where both appear (IAM manages projects and domains
/// alike), the one most paths name wins. Paths that name neither belong to
/// a global service (the vendor's SDKs sign Organizations, TMS and EPS as
/// global), unless the host names a region. Every guess is a warning.
fn scope(doc: &mut Value, d: &mut Diagnostics) -> &'static str {
    let declared = doc.pointer("/info/x-hwcloud-scope").and_then(Value::as_str);
    if let Some(declared) = declared {
        // Read as the IR stage reads it, which reports a word written for
        // a scope; one that names none is read as absent, as there.
        match super::extensions::scope_named(declared) {
            Some(value) if value.scope == NamedScope::Domain => return "domain_id",
            Some(_) => return "project_id",
            None => d.repaired_at(
                "/info/x-hwcloud-scope",
                format!("`{declared}` is not a scope (`project` or `domain`): the scope is taken from the paths, as without the extension"),
            ),
        }
    }
    let urls: Vec<&str> = doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, item)| item.get("x-url").and_then(Value::as_str))
        .collect();
    let count = |placeholder: &str| urls.iter().filter(|url| url.contains(placeholder)).count();
    let (projects, domains) = (count("{project_id}"), count("{domain_id}"));
    let host = doc.pointer("/info/x-host").and_then(Value::as_str);
    let regional_host = host.is_some_and(|h| h.contains("{region}"));
    let global = match (projects, domains) {
        (0, 0) if regional_host => false,
        (0, 0) => {
            d.warning_at(
                "/info",
                "no path names a project or domain id, and the host names no region: the service is taken to be global (domain-scoped)",
            );
            true
        }
        (_, 0) => false,
        (0, _) => true,
        (projects, domains) => {
            let global = domains > projects;
            d.warning_at(
                "/info",
                format!(
                    "{projects} paths name `{{project_id}}` and {domains} `{{domain_id}}`: the service is taken to be {}, as most paths are",
                    if global { "global (domain-scoped)" } else { "regional (project-scoped)" }
                ),
            );
            global
        }
    };
    let (scope, param) = if global {
        ("domain", "domain_id")
    } else {
        ("project", "project_id")
    };
    if let Some(info) = doc.get_mut("info").and_then(Value::as_object_mut) {
        info.insert("x-hwcloud-scope".to_owned(), Value::from(scope));
    }
    param
}

/// Marks the component path parameter that stands for the scope's id
/// (`project_id` or `domain_id`) as filled by the client, in place.
fn fill_component_ids(doc: &mut Value, scope_id: &str) {
    let Some(parameters) = doc
        .pointer_mut("/components/parameters")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for param in parameters.values_mut() {
        let is_id = param.get("in").and_then(Value::as_str) == Some("path")
            && param.get("name").and_then(Value::as_str) == Some(scope_id);
        if let (true, Some(param)) = (is_id, param.as_object_mut()) {
            param.insert("x-sdk-auto-filled".to_owned(), Value::Bool(true));
        }
    }
}

/// A request body documented as an object whose one property is named
/// `<Something>RequestBody` is that property: the documents wrap the
/// SDK's request body (a list, often) in an object named after its class,
/// and the SDKs send the list itself, which is what the service takes (a
/// repair). The wrapper is replaced where the operation names it; a
/// wrapper component is left in place for anything else that uses it.
fn unwrap_bodies(doc: &mut Value, d: &mut Diagnostics) {
    let mut unwrapped = Vec::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (key, item) in paths.into_iter().flatten() {
        for method in super::METHODS {
            let content = item
                .get(method)
                .and_then(|op| op.pointer("/requestBody/content"))
                .and_then(Value::as_object);
            for (media, body) in content.into_iter().flatten() {
                let Some(schema) = body.get("schema") else {
                    continue;
                };
                let wrapper = match schema.get("$ref").and_then(Value::as_str) {
                    Some(target) => target
                        .strip_prefix("#/")
                        .and_then(|t| doc.pointer(&format!("/{t}"))),
                    None => Some(schema),
                };
                let Some(properties) = wrapper
                    .and_then(|w| w.get("properties"))
                    .and_then(Value::as_object)
                else {
                    continue;
                };
                let [(name, inner)] = properties.iter().collect::<Vec<_>>()[..] else {
                    continue;
                };
                if !name.ends_with("RequestBody") || name.len() == "RequestBody".len() {
                    continue;
                }
                let at = pointer(
                    &pointer(
                        &pointer(&pointer(&pointer("/paths", key), method), "requestBody"),
                        "content",
                    ),
                    media,
                );
                unwrapped.push((pointer(&at, "schema"), name.clone(), inner.clone()));
            }
        }
    }
    for (at, name, inner) in unwrapped {
        d.repaired_at(
            &at,
            format!(
                "the body is documented as an object whose only property is `{name}`, a wrapper the vendor's SDKs do not send: read as that property's value"
            ),
        );
        if let Some(schema) = doc.pointer_mut(&at) {
            *schema = inner;
        }
    }
}

/// What a parameter reference can stand for: the document's component
/// parameters, and its inline parameters by their plain name.
struct Parameters {
    /// The id path parameter the client fills (`project_id`, `domain_id`).
    scope_id: &'static str,
    components: Value,
    /// Plain name ([`plain_name`]) → the one inline parameter of that name
    /// and location, with where it is; `None` when several differ.
    inline: HashMap<String, Option<(Value, String)>>,
}

impl Parameters {
    fn of(doc: &Value, scope_id: &'static str) -> Self {
        let components = doc
            .pointer("/components/parameters")
            .cloned()
            .unwrap_or(Value::Null);
        let mut inline: HashMap<String, Option<(Value, String)>> = HashMap::new();
        let paths = doc.get("paths").and_then(Value::as_object);
        for (key, item) in paths.into_iter().flatten() {
            for method in super::METHODS {
                let list = item.get(method).and_then(|op| op.get("parameters"));
                for (i, p) in list
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let Some(name) = p.get("name").and_then(Value::as_str) else {
                        continue;
                    };
                    let at = pointer(
                        &pointer(&pointer(&pointer("/paths", key), method), "parameters"),
                        i,
                    );
                    let same = |(q, _): &(Value, String)| {
                        q.get("name") == p.get("name") && q.get("in") == p.get("in")
                    };
                    inline
                        .entry(plain_name(name))
                        .and_modify(|seen| {
                            if !seen.as_ref().is_some_and(same) {
                                *seen = None;
                            }
                        })
                        .or_insert_with(|| Some((p.clone(), at)));
                }
            }
        }
        Parameters {
            scope_id,
            components,
            inline,
        }
    }
}

/// A name without case, punctuation and the location words the vendor's
/// component names carry (`QueryOffset`, `IegIdInPath`, `PathWorkspaceId`).
fn plain_name(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut rest = plain.as_str();
    for suffix in ["inpath", "inquery", "inheader"] {
        rest = rest.strip_suffix(suffix).unwrap_or(rest);
    }
    for prefix in ["pathby", "path", "query", "header"] {
        if let Some(stripped) = rest.strip_prefix(prefix).filter(|r| !r.is_empty()) {
            rest = stripped;
            break;
        }
    }
    rest.to_owned()
}

/// What becomes of a parameter. Nothing is removed from the list, so that
/// every later location still points into the file as written.
enum Fate {
    Keep,
    /// A header the client sends itself: marked `x-sdk-auto-filled`.
    FilledByClient,
    /// Stands for this parameter, written in its place.
    Replace(Value),
}

fn operation(
    op: &mut Map<String, Value>,
    path: &str,
    at: &str,
    parameters: &Parameters,
    d: &mut Diagnostics,
) {
    let params_at = pointer(at, "parameters");
    // A `parameters` that is not a list is the subset check's to report.
    let Some(params) = array_entry(op, "parameters") else {
        return;
    };
    // Placeholders a parameter already stands for.
    let mut taken: Vec<String> = params
        .iter()
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("path"))
        .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_owned))
        .collect();
    for (i, p) in params.iter_mut().enumerate() {
        repeated_query_list(p, &pointer(&params_at, i), d);
        let fate = match p.get("$ref").and_then(Value::as_str) {
            Some(target) => reference(
                target,
                parameters,
                path,
                &mut taken,
                &pointer(&params_at, i),
                d,
            ),
            None if is_client_header(p, parameters.scope_id) => Fate::FilledByClient,
            None => Fate::Keep,
        };
        match fate {
            Fate::Keep => {}
            Fate::Replace(param) => *p = param,
            Fate::FilledByClient => {
                if let Some(obj) = p.as_object_mut() {
                    obj.insert("x-sdk-auto-filled".to_owned(), Value::Bool(true));
                    obj.insert("required".to_owned(), Value::Bool(false));
                }
            }
        }
    }
    let mut declared: Vec<String> = Vec::new();
    for param in params.iter_mut() {
        // Path parameters by reference count as declared under their name.
        let target = param
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|t| t.strip_prefix("#/components/parameters/"))
            .and_then(|name| parameters.components.get(unescape(name)))
            .cloned();
        let Some(obj) = param.as_object_mut() else {
            continue;
        };
        let declared_as = target.as_ref().and_then(Value::as_object).unwrap_or(obj);
        if declared_as.get("in").and_then(Value::as_str) != Some("path") {
            continue;
        }
        let Some(name) = declared_as.get("name").and_then(Value::as_str) else {
            continue;
        };
        declared.push(name.to_owned());
        if name == parameters.scope_id && target.is_none() {
            obj.insert("x-sdk-auto-filled".to_owned(), Value::Bool(true));
        }
    }
    for name in super::placeholders(path) {
        if declared.iter().any(|n| n == name) {
            continue;
        }
        d.repaired_at(
            &params_at,
            format!(
                "path parameter `{name}` (in `{path}`) is not declared: read as a required string"
            ),
        );
        params.push(path_parameter(name, parameters.scope_id));
    }
    if params.is_empty() {
        op.remove("parameters");
    }
}

/// A list in the query is sent as repeated keys (`k=a&k=b`), as the
/// vendor's SDKs send it, whatever `collectionFormat` the document writes
/// (`csv` included): the SDK is what the service accepts.
fn repeated_query_list(p: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(obj) = p.as_object_mut() else {
        return;
    };
    if obj.get("in").and_then(Value::as_str) != Some("query") {
        return;
    }
    let format = obj.remove("collectionFormat").or_else(|| {
        obj.get_mut("schema")
            .and_then(Value::as_object_mut)
            .and_then(|s| s.remove("collectionFormat"))
    });
    let Some(format) = format else {
        return;
    };
    obj.insert("style".to_owned(), json!("form"));
    obj.insert("explode".to_owned(), json!(true));
    d.repaired_at(
        at,
        format!("Swagger 2.0 `collectionFormat: {}`: read as repeated keys (`k=a&k=b`), as the vendor's SDKs send every list in the query", format.as_str().unwrap_or("?")),
    );
}

/// A path parameter read from the path alone: a required string.
fn path_parameter(name: &str, scope_id: &str) -> Value {
    let mut param = json!({
        "name": name, "in": "path", "required": true, "schema": {"type": "string"}
    });
    if name == scope_id {
        param["x-sdk-auto-filled"] = Value::Bool(true);
    }
    param
}

/// What a parameter by reference is. One to a header the client sends
/// itself is marked so (in place). One that points nowhere is read by its
/// name when that is clear: a token or scope id header (`SecurityTokenHeader`,
/// `DomainId`) is such a header; a path placeholder's name (`IegIdInPath`
/// for `{ieg_id}`) is that path parameter; a name the document's own
/// operations declare one way only (`QueryOffset` for their `offset` query
/// parameter) is that parameter. Anything else stays, for the resolver to
/// report.
fn reference(
    target: &str,
    parameters: &Parameters,
    path: &str,
    taken: &mut Vec<String>,
    at: &str,
    d: &mut Diagnostics,
) -> Fate {
    let name = target.rsplit('/').next().unwrap_or(target);
    let name = unescape(name);
    let in_components = target.starts_with("#/components/parameters/");
    if let Some(param) = parameters.components.get(&name).filter(|_| in_components) {
        if !is_client_header(param, parameters.scope_id) {
            return Fate::Keep;
        }
        let mut inline = param.clone();
        inline["x-sdk-auto-filled"] = Value::Bool(true);
        inline["required"] = Value::Bool(false);
        return Fate::Replace(inline);
    }
    let plain = plain_name(&name);
    // A path placeholder's name first: `DomainIdInPath` for `{domain_id}`.
    let placeholder = super::placeholders(path)
        .into_iter()
        .find(|p| plain_name(p) == plain && !taken.iter().any(|t| t == p));
    if let Some(placeholder) = placeholder {
        taken.push(placeholder.to_owned());
        d.repaired_at(
            at,
            format!("`{target}` points nowhere; by its name it is the path's `{{{placeholder}}}`, a required string"),
        );
        return Fate::Replace(path_parameter(placeholder, parameters.scope_id));
    }
    let header = match plain.as_str() {
        "authtoken"
        | "xauthtoken"
        | "token"
        | "securitytoken"
        | "securitytokenheader"
        | "xauthtokeninheader"
        | "xsecuritytoken" => Some("X-Auth-Token"),
        "contenttype" => Some("Content-Type"),
        "domainid" | "xdomainid" => Some("X-Domain-Id"),
        "projectid" | "xprojectid" => Some("X-Project-Id"),
        _ => None,
    };
    if let Some(header) = header {
        d.repaired_at(
            at,
            format!("`{target}` points nowhere; by its name it is the `{header}` header, which the client sends itself"),
        );
        return Fate::Replace(json!({"name": header, "in": "header", "required": false,
            "schema": {"type": "string"}, "x-sdk-auto-filled": true}));
    }
    if let Some(Some((param, declared_at))) = parameters.inline.get(&plain) {
        if param.get("in").and_then(Value::as_str) != Some("path") {
            let shown = param
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            d.repaired_at(
                at,
                format!("`{target}` points nowhere; by its name it is the parameter `{shown}` other operations declare (at {declared_at})"),
            );
            return Fate::Replace(param.clone());
        }
    }
    Fate::Keep
}

/// Whether `param` is a header the client sets itself: how it
/// authenticates (`X-Auth-Token`, `Authorization`, `X-Sdk-Date`,
/// `X-Security-Token`), the body's media type, and the id header of the
/// service's scope (`X-Project-Id` for a regional service, `X-Domain-Id`
/// for a global one; the other is an ordinary parameter).
fn is_client_header(param: &Value, scope_id: &str) -> bool {
    if param.get("in").and_then(Value::as_str) != Some("header") {
        return false;
    }
    let name = param.get("name").and_then(Value::as_str).unwrap_or("");
    let scope_header = if scope_id == "domain_id" {
        "X-Domain-Id"
    } else {
        "X-Project-Id"
    };
    [
        "X-Auth-Token",
        "Content-Type",
        "Authorization",
        "X-Sdk-Date",
        "X-Security-Token",
        scope_header,
    ]
    .iter()
    .any(|header| name.eq_ignore_ascii_case(header))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_to_nothing_is_read_by_its_name() {
        let mut d = Diagnostics::new("t.json");
        let mut doc = json!({"info": {"x-host": "a.example.com"}, "paths": {
            "/A": {"x-url": "{endpoint}/v1/{domain_id}/things", "get": {"operationId": "A", "parameters": [
                {"$ref": "#/components/components/parameters/DomainIdInPath"},
                {"$ref": "#/components/components/parameters/DomainId"},
                {"$ref": "#/components/components/parameters/QueryOffset"},
                {"$ref": "#/components/components/parameters/PageToken"}]}},
            "/B": {"x-url": "{endpoint}/v1/things", "get": {"operationId": "B", "parameters": [
                {"name": "offset", "in": "query", "schema": {"type": "integer"}}]}}}});
        read(&mut doc, &mut d);
        let params = &doc["paths"]["/A"]["get"]["parameters"];
        assert_eq!(
            params[0]["in"], "path",
            "a placeholder's name: the path parameter"
        );
        assert_eq!(params[1]["name"], "X-Domain-Id");
        assert_eq!(
            params[2]["name"], "offset",
            "as the document's other operations declare it"
        );
        assert!(
            params[3].get("$ref").is_some(),
            "a page token is no auth token: left for the resolver"
        );
        assert_eq!(
            params.as_array().unwrap().len(),
            4,
            "nothing added: {params}"
        );
    }

    #[test]
    fn url_paths() {
        let table = [
            ("{endpoint}/v5/{project_id}/image", "/v5/{project_id}/image"),
            (
                "{endpoint}/v2/manage/namespaces?x=1",
                "/v2/manage/namespaces",
            ),
            ("https://iam.myhuaweicloud.com/v3/users", "/v3/users"),
            ("v1/things", "/v1/things"),
            ("{endpoint}", "/"),
        ];
        for (url, path) in table {
            assert_eq!(url_path(url), path, "{url}");
        }
    }

    #[test]
    fn hosts_become_servers() {
        let mut d = Diagnostics::new("t.json");
        let mut doc = json!({"info": {"x-host": "hss.{region}.myhuaweicloud.com"},
            "servers": [{"url": "/"}], "paths": {"/A": {"x-url": "{endpoint}/v1/a"}}});
        read(&mut doc, &mut d);
        assert_eq!(
            doc["servers"][0]["url"],
            "https://hss.{region}.myhuaweicloud.com"
        );
        // No default region: the client must be given one, as the SDKs must.
        assert_eq!(doc["servers"][0]["variables"]["region"]["default"], "");
        assert_eq!(doc["info"]["x-hwcloud-scope"], "project");

        let mut doc = json!({"info": {"x-host": "iam.myhuaweicloud.com"},
            "paths": {"/A": {"x-url": "{endpoint}/v3/a"}}});
        read(&mut doc, &mut d);
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://iam.myhuaweicloud.com"}])
        );
        assert_eq!(
            doc["info"]["x-hwcloud-scope"], "domain",
            "a host without a region"
        );

        let mut doc = json!({"info": {"x-host_prefix": "swr-api"},
            "paths": {"/A": {"x-url": "{endpoint}/v2/{project_id}/a"}}});
        read(&mut doc, &mut d);
        assert_eq!(
            doc["servers"][0]["url"],
            "https://swr-api.{region}.myhuaweicloud.com"
        );
        assert_eq!(d.error_count(), 0);

        // Global, by its paths: no region in the host.
        let mut doc = json!({"info": {"x-host_prefix": "tms"},
            "paths": {"/A": {"x-url": "{endpoint}/v1.0/predefine_tags"}}});
        read(&mut doc, &mut d);
        assert_eq!(doc["servers"][0]["url"], "https://tms.myhuaweicloud.com");
        assert_eq!(doc["info"]["x-hwcloud-scope"], "domain");
    }

    #[test]
    fn a_body_wrapped_in_an_object_named_after_it_is_unwrapped() {
        let mut d = Diagnostics::new("t.json");
        let list = json!({"type": "array", "items": {"type": "string"}});
        let mut doc = json!({"info": {"x-host": "x.{region}.example.com"}, "paths": {
            "/DeleteThings": {"x-url": "{endpoint}/v1/{project_id}/things", "delete": {
                "operationId": "DeleteThings",
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "required": ["DeleteThingsRequestBody"],
                    "properties": {"DeleteThingsRequestBody": list.clone()}}}}}}},
            "/Keep": {"x-url": "{endpoint}/v1/{project_id}/keep", "post": {
                "operationId": "Keep",
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"body": list.clone()}}}}}}}}});
        read(&mut doc, &mut d);
        assert_eq!(
            doc.pointer(
                "/paths/~1DeleteThings/delete/requestBody/content/application~1json/schema"
            ),
            Some(&list)
        );
        assert_eq!(
            doc.pointer("/paths/~1Keep/post/requestBody/content/application~1json/schema/type"),
            Some(&json!("object")),
            "a property named otherwise is a field"
        );
        let wrappers = d
            .iter()
            .filter(|w| w.to_string().contains("wrapper"))
            .count();
        assert_eq!(wrappers, 1, "{d}");
    }

    #[test]
    fn lists_in_the_query_are_repeated_keys_wherever_they_are_written() {
        let mut d = Diagnostics::new("t.json");
        let list = |name: &str| {
            json!({"name": name, "in": "query", "type": "array", "items": {"type": "string"},
                "collectionFormat": "csv"})
        };
        let mut doc = json!({"info": {"x-host": "x.{region}.example.com"},
            "components": {"parameters": {"Shared": list("shared")}},
            "paths": {"/ListThings": {"x-url": "{endpoint}/v1/{project_id}/things",
                "parameters": [list("item")],
                "get": {"operationId": "ListThings", "parameters": [
                    {"$ref": "#/components/parameters/Shared"}, list("inline")]}}}});
        read(&mut doc, &mut d);
        for at in [
            "/components/parameters/Shared",
            "/paths/~1ListThings/parameters/0",
            "/paths/~1ListThings/get/parameters/1",
        ] {
            let param = doc.pointer(at).unwrap();
            assert_eq!(
                (&param["style"], &param["explode"]),
                (&json!("form"), &json!(true)),
                "{at}"
            );
            assert!(param.get("collectionFormat").is_none(), "{at}");
        }
    }

    #[test]
    fn the_scope_comes_from_the_paths_then_the_host() {
        let scope_of = |info: Value, url: &str| {
            let mut d = Diagnostics::new("t.json");
            let mut doc = json!({"info": info, "paths": {"/A": {"x-url": url,
                "get": {"operationId": "A"}}}});
            read(&mut doc, &mut d);
            let filled = doc
                .pointer("/paths/~1A/get/parameters/0/x-sdk-auto-filled")
                .cloned();
            (doc["info"]["x-hwcloud-scope"].clone(), filled)
        };
        let global_host = json!({"x-host": "sa.myhuaweicloud.com"});
        // A project in the path wins over a host without a region.
        assert_eq!(
            scope_of(global_host.clone(), "{endpoint}/v1/{project_id}/a"),
            (json!("project"), Some(json!(true)))
        );
        assert_eq!(
            scope_of(global_host.clone(), "{endpoint}/v1/{domain_id}/a"),
            (json!("domain"), Some(json!(true)))
        );
        assert_eq!(
            scope_of(json!({"x-host_prefix": "x"}), "{endpoint}/v1/{domain_id}/a"),
            (json!("domain"), Some(json!(true)))
        );
        // In a regional service `domain_id` is the caller's to give.
        let (scope, filled) = scope_of(
            json!({"x-host": "x.{region}.example.com"}),
            "{endpoint}/v1/{project_id}/d/{domain_id}",
        );
        assert_eq!(scope, "project");
        assert_eq!(filled, Some(json!(true)), "project_id");
        // What the document says is kept.
        assert_eq!(
            scope_of(
                json!({"x-host": "x.example.com", "x-hwcloud-scope": "project"}),
                "{endpoint}/v1/a"
            )
            .0,
            "project"
        );
        // A word written for a scope is read as it; one that names none, as
        // if absent: the paths decide, and the repair says so.
        assert_eq!(
            scope_of(
                json!({"x-host": "x.example.com", "x-hwcloud-scope": "Global"}),
                "{endpoint}/v1/{project_id}/a"
            ),
            (json!("Global"), None)
        );
        let mut d = Diagnostics::new("t.json");
        let mut doc = json!({"info": {"x-host": "x.example.com", "x-hwcloud-scope": "everywhere"},
            "paths": {"/A": {"x-url": "{endpoint}/v1/{domain_id}/a", "get": {"operationId": "A"}}}});
        read(&mut doc, &mut d);
        assert_eq!(doc["info"]["x-hwcloud-scope"], "domain");
        assert!(d.to_string().contains("`everywhere` is not a scope"), "{d}");
    }

    #[test]
    fn token_and_content_type_headers_go_and_project_id_is_filled() {
        let mut d = Diagnostics::new("t.json");
        let mut doc = json!({"info": {"x-host": "things.example.com"}, "paths": {"/ListThings": {
        "x-url": "{endpoint}/v1/{project_id}/things/{thing_id}",
        "get": {"operationId": "ListThings", "parameters": [
            {"name": "X-Auth-Token", "in": "header", "schema": {"type": "string"}},
            {"name": "Content-Type", "in": "header", "schema": {"type": "string"}},
            {"name": "project_id", "in": "path", "required": true, "schema": {"type": "string"}}
        ]}}}});
        read(&mut doc, &mut d);
        let params = &doc["paths"]["/ListThings"]["get"]["parameters"];
        assert_eq!(params.as_array().unwrap().len(), 4, "{params}");
        assert!(
            (0..3).all(|i| params[i]["x-sdk-auto-filled"] == true),
            "{params}"
        );
        assert_eq!(params[3]["name"], "thing_id");
        assert_eq!(d.warning_count(), 1, "{d}");
        let mut strict = Diagnostics::new("t.json").strict(true);
        let mut doc = json!({"info": {"x-host": "a.example.com"}, "paths": {"/A": {
            "x-url": "{endpoint}/v1/{id}", "get": {"operationId": "A"}}}});
        read(&mut doc, &mut strict);
        assert_eq!(strict.error_count(), 1, "{strict}");
    }
}
