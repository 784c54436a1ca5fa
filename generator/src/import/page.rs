//! Reads a page's blocks, section by section, into a [`PageModel`]: what the
//! page says about one operation, before it becomes OpenAPI.

use super::cut;
use super::layout::{self, Block, Row, Table, Unit};
use super::prose::{self, Constraints};
use super::report::{FindingKind, PageReport};
use super::sdk::{self, SdkFacts};
use super::types::PageType;
use super::vocabulary::{self, CaptionRole, Column, Section};
use indexmap::IndexMap;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(crate) struct PageModel {
    pub title: Option<String>,
    /// The "Function" paragraph.
    pub function: Vec<String>,
    /// Method (upper case), path, and the line they are on.
    pub uri: Option<(String, String, usize)>,
    pub sdk: SdkFacts,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// Objects described by their own tables, in page order.
    pub objects: IndexMap<String, Vec<Field>>,
    pub responses: BTreeMap<u16, Response>,
    pub request_example: Option<Example>,
    pub response_examples: BTreeMap<u16, Example>,
}

impl PageModel {
    /// Every field read so far: parameters, body, responses and objects.
    fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        let params = self.params.iter_mut().map(|p| &mut p.field);
        let body: Vec<&mut Field> = match &mut self.body {
            Some(Body::Object(fields)) => fields.iter_mut().collect(),
            Some(Body::Array(field)) => vec![&mut **field],
            None => Vec::new(),
        };
        let responses = self
            .responses
            .values_mut()
            .filter_map(|r| r.body.as_mut())
            .flat_map(|fields| fields.iter_mut());
        let objects = self
            .objects
            .values_mut()
            .flat_map(|fields| fields.iter_mut());
        params.chain(body).chain(responses).chain(objects)
    }

    /// Every field read so far, as [`fields_mut`](Self::fields_mut).
    fn fields(&self) -> impl Iterator<Item = &Field> {
        let params = self.params.iter().map(|p| &p.field);
        let body: Vec<&Field> = match &self.body {
            Some(Body::Object(fields)) => fields.iter().collect(),
            Some(Body::Array(field)) => vec![&**field],
            None => Vec::new(),
        };
        let responses = self
            .responses
            .values()
            .filter_map(|r| r.body.as_ref())
            .flatten();
        let objects = self.objects.values().flatten();
        params.chain(body).chain(responses).chain(objects)
    }

    /// The type, among `pending`, of a field named `name` that refers to it.
    fn pending_type_of(&self, name: &str, pending: &[String]) -> Option<String> {
        self.fields()
            .filter(|f| f.name == name)
            .filter_map(|f| f.ty.as_ref()?.object_name())
            .find(|t| pending.iter().any(|p| p == t))
            .map(str::to_owned)
    }

    /// The name of a field whose description points at table `number` and
    /// whose type is an object (bare or named), or a list of them.
    fn field_pointing_at(&self, number: u32) -> Option<String> {
        self.fields()
            .filter(|f| f.table_ref == Some(number))
            .find(|f| {
                f.ty.as_ref()
                    .is_some_and(|t| t.object_name().is_some() || t.is_bare_object())
            })
            .map(|f| f.name.clone())
    }

    /// The first field typed a bare object (or a list of them) whose
    /// description points at a table.
    fn bare_object_pointing(&self) -> Option<String> {
        self.fields()
            .filter(|f| f.table_ref.is_some())
            .find(|f| f.ty.as_ref().is_some_and(PageType::is_bare_object))
            .map(|f| f.name.clone())
    }

    /// Whether a field named `name` is a bare object, or a list of them.
    fn has_object_field(&self, name: &str) -> bool {
        self.fields()
            .any(|f| f.name == name && f.ty.as_ref().is_some_and(PageType::is_bare_object))
    }
}

/// The field a caption may name: `Table 4 tags field description`,
/// `Description of the tags field`, `Data structure of the tags field`,
/// `tags字段说明`, or a bare `tags`.
fn caption_field(caption: &str) -> Option<String> {
    let caption = caption.trim();
    let named = caption
        .strip_suffix(" field description")
        .or_else(|| caption.strip_suffix(" field data structure description"))
        .or_else(|| caption.strip_suffix(" data structure description"))
        .or_else(|| caption.strip_suffix(" field"))
        .or_else(|| caption.strip_suffix(" objects"))
        .map(|c| {
            c.trim_start_matches("Description of the ")
                .trim_start_matches("Data structure of the ")
        })
        .or_else(|| caption.strip_suffix("字段数据结构说明"))
        .or_else(|| caption.strip_suffix("字段说明"))
        .unwrap_or(caption)
        .trim();
    let plausible = !named.is_empty()
        && named
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plausible.then(|| named.to_owned())
}

#[derive(Debug)]
pub(crate) struct Param {
    pub location: Location,
    pub field: Field,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

#[derive(Debug)]
pub(crate) enum Body {
    Object(Vec<Field>),
    /// `[Array element]`: the body is a JSON array.
    Array(Box<Field>),
}

#[derive(Debug, Default)]
pub(crate) struct Response {
    pub line: usize,
    pub description: Option<String>,
    pub body: Option<Vec<Field>>,
}

#[derive(Debug)]
pub(crate) struct Example {
    pub summary: Option<String>,
    pub value: serde_json::Value,
}

/// A row of a parameter table.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub line: usize,
    /// `None` when the table has no "Mandatory" column (responses) or the
    /// page lost the cell.
    pub required: Option<bool>,
    pub ty: Option<PageType>,
    /// The definition part of the description.
    pub description: String,
    pub constraints: Constraints,
    /// Problems with this row, reported where the field is placed.
    pub notes: Vec<Note>,
    /// Where the row's own location column puts it (`IN: header`).
    pub stated_location: Option<&'static str>,
    /// For a row with no type: the type it takes if it turns out to be a
    /// path, query or header parameter (see [`wire_text`]). `constraints`
    /// were read for this type.
    pub untyped_as: Option<PageType>,
    /// The table the description points at (`For details, see Table 5.`,
    /// `详见表5`): the one describing this field's object.
    pub table_ref: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub line: usize,
    pub kind: FindingKind,
    /// For a [`FindingKind::Lost`] note: the fact that is missing.
    pub fact: Option<&'static str>,
    pub message: String,
}

/// Reads one page.
pub(crate) fn read(text: &str, report: &mut PageReport) -> PageModel {
    let mut reader = Reader {
        model: PageModel::default(),
        section: None,
        status: None,
        pending_objects: Vec::new(),
        header_table_seen: false,
        example_lines: Vec::new(),
        sdk_text: String::new(),
        uri_path: None,
        uri_method: None,
    };
    let mut blocks = layout::blocks(text);
    // An excerpt that stops inside a table: its last line may be half a fact.
    cut::mend_cut_end(&mut blocks, text, report);
    for block in blocks {
        match block {
            Block::Line(unit) => reader.line(unit, report),
            Block::Table(table) => reader.table(table, report),
        }
    }
    reader.flush_example(report);
    // A URI known only after its table (it came from the example request):
    // a parameter the path template names is a path parameter.
    if let Some((_, path, _)) = &reader.model.uri {
        for param in &mut reader.model.params {
            if param.location == Location::Query
                && path.contains(&format!("{{{}}}", param.field.name))
            {
                param.location = Location::Path;
            }
        }
    }
    template_params(&mut reader.model, report);
    reader.model.sdk = sdk::read(&reader.sdk_text);
    for name in reader.pending_objects {
        report.add(
            0,
            FindingKind::Unreadable,
            None,
            format!("no table describes the object type {name}"),
        );
    }
    reader.model
}

struct Reader {
    model: PageModel,
    section: Option<Section>,
    /// The status code of the response being read.
    status: Option<u16>,
    /// Object types that fields refer to and no table has described yet, in
    /// order: a table without a caption describes the first of them.
    pending_objects: Vec<String>,
    header_table_seen: bool,
    example_lines: Vec<Unit>,
    sdk_text: String,
    /// The halves of a `PATH:` / `Method:` URI block, as they come.
    uri_path: Option<(String, usize)>,
    uri_method: Option<String>,
}

impl Reader {
    fn line(&mut self, unit: Unit, report: &mut PageReport) {
        if let Some(section) = vocabulary::section(&unit.text) {
            self.flush_example(report);
            self.section = Some(section);
            self.status = None;
            return;
        }
        let text = unit.text.as_str();
        match self.section {
            // A URI line before any URI heading (some exports lose it).
            None | Some(Section::Function) if self.model.uri.is_none() && uri(text).is_some() => {
                if let Some((method, path)) = uri(text) {
                    report.add(
                        unit.line,
                        FindingKind::Hint,
                        None,
                        "a URI line outside a URI section: read as the operation's",
                    );
                    self.model.uri = Some((method, path, unit.line));
                }
            }
            None => {
                let is_date = vocabulary::is_update_date(text);
                // Page furniture: breadcrumbs, a share button.
                // A title is a heading, not a paragraph.
                let is_paragraph = text.chars().count() > 100 || text.ends_with(['.', '。']);
                let is_furniture = is_paragraph
                    || text.starts_with("Help Center")
                    || text.starts_with("帮助中心")
                    || matches!(text, "分享" | "Share");
                if self.model.title.is_none() && !is_date && !is_furniture {
                    self.model.title = Some(text.to_owned());
                }
            }
            Some(Section::Function) => self.model.function.push(text.to_owned()),
            Some(Section::Uri) => match uri(text) {
                Some((method, path)) if self.model.uri.is_none() => {
                    self.model.uri = Some((method, path, unit.line));
                }
                // A label over the URI line, in older pages.
                None if matches!(text, "URI format" | "URI格式" | "• URI format") => {}
                None if uri_half(text).is_some() => {
                    match uri_half(text) {
                        Some(UriHalf::Path(path)) => self.uri_path = Some((path, unit.line)),
                        Some(UriHalf::Method(method)) => self.uri_method = Some(method),
                        None => {}
                    }
                    if let (None, Some((path, line)), Some(method)) =
                        (&self.model.uri, &self.uri_path, &self.uri_method)
                    {
                        self.model.uri = Some((method.clone(), path.clone(), *line));
                    }
                }
                // Prose about the tables (`Table 1 describes …`, `参数说明见表1`).
                // and captions of tables that are not parameter tables.
                None if layout::caption(text).is_some()
                    || (!text.contains('/') && !text.split(' ').next().is_some_and(is_method)) => {}
                _ => report.add(
                    unit.line,
                    FindingKind::Unreadable,
                    None,
                    format!("URI line not understood: {text:?}"),
                ),
            },
            Some(Section::Response) => {
                if let Some(code) = layout::status_line(text) {
                    self.status = Some(code);
                    self.model.responses.entry(code).or_default().line = unit.line;
                } else if let Some(code) = self.status {
                    let response = self.model.responses.entry(code).or_default();
                    if response.description.is_none() && !vocabulary::is_nothing(text) {
                        response.description = Some(text.to_owned());
                    }
                }
            }
            Some(Section::ExampleRequests) => {
                if let (None, Some((method, path))) = (&self.model.uri, uri(text)) {
                    report.add(
                        unit.line,
                        FindingKind::Hint,
                        None,
                        "the URI section has no URI line: the method and path come from the example request",
                    );
                    self.model.uri = Some((method, path, unit.line));
                } else {
                    self.example_lines.push(unit);
                }
            }
            Some(Section::ExampleResponses) => {
                if let Some(code) = layout::status_line(text) {
                    self.flush_example(report);
                    self.status = Some(code);
                } else {
                    self.example_lines.push(unit);
                }
            }
            Some(Section::SdkSamples) => {
                self.sdk_text.push_str(text);
                self.sdk_text.push('\n');
            }
            _ => {}
        }
    }

    fn table(&mut self, table: Table, report: &mut PageReport) {
        if self.uri_table(&table, report) {
            return;
        }
        for (heading, column) in table.headings.iter().zip(&table.columns) {
            if *column == Column::Unknown {
                report.add(
                    heading.line,
                    FindingKind::Unreadable,
                    None,
                    format!("column {:?} is not one the importer knows; its cells are read as part of the description", heading.text),
                );
            }
        }
        let caption = table
            .caption
            .as_ref()
            .and_then(|c| layout::caption(&c.text))
            .map(str::to_owned);
        let role = caption.as_deref().and_then(vocabulary::caption_role);
        let number = table
            .caption
            .as_ref()
            .and_then(|c| layout::caption_number(&c.text));
        // A header or body table captioned as such opens the request part
        // on pages that give it no heading after the URI's tables.
        if self.section == Some(Section::Uri)
            && caption
                .as_deref()
                .is_some_and(vocabulary::names_request_part)
        {
            self.section = Some(Section::Request);
        }
        match self.section {
            Some(Section::StatusCodes) if table.has(Column::StatusCode) => {
                self.status_codes(&table)
            }
            Some(Section::Uri) => {
                let fields = self.fields(&table, report);
                let path = self
                    .model
                    .uri
                    .as_ref()
                    .map(|u| u.1.clone())
                    .unwrap_or_default();
                for field in fields {
                    let location = match (field.stated_location, role) {
                        (Some("path"), _) => Location::Path,
                        (Some("query"), _) => Location::Query,
                        (Some("header"), _) => Location::Header,
                        (_, Some(CaptionRole::Path)) => Location::Path,
                        (_, Some(CaptionRole::Query)) => Location::Query,
                        _ if path.contains(&format!("{{{}}}", field.name)) => Location::Path,
                        _ => Location::Query,
                    };
                    self.add_param(field, location);
                }
            }
            Some(Section::Request) => {
                let fields = self.fields(&table, report);
                let looks_like_headers = looks_like_headers(&fields);
                let role = role.or_else(|| {
                    if caption.is_some() {
                        None
                    } else if !self.header_table_seen && looks_like_headers {
                        Some(CaptionRole::Header)
                    } else if self.model.body.is_none() {
                        Some(CaptionRole::Body)
                    } else {
                        None
                    }
                });
                match role {
                    Some(CaptionRole::Header) => {
                        self.header_table_seen = true;
                        for field in fields {
                            self.add_param(field, Location::Header);
                        }
                    }
                    Some(CaptionRole::Body) => self.model.body = Some(body(fields)),
                    // Older pages caption the body's table by its type
                    // (`NodePool structure`): the first such table no field
                    // refers to is the body.
                    _ if self.model.body.is_none()
                        && caption
                            .as_deref()
                            .and_then(type_of_caption)
                            .is_some_and(|t| !self.pending_objects.contains(&t)) =>
                    {
                        self.model.body = Some(body(fields));
                    }
                    // A caption in words that names no type and no field
                    // (`Parameters (creating a lamp)`): the first such
                    // table of the request is its body.
                    _ if self.model.body.is_none()
                        && caption.as_deref().is_some_and(|c| {
                            type_of_caption(c).is_none() && caption_field(c).is_none()
                        }) =>
                    {
                        report.add(
                            table.line(),
                            FindingKind::Hint,
                            None,
                            "a request table whose caption names no type or field: read as the request body",
                        );
                        self.model.body = Some(body(fields));
                    }
                    _ => self.object(caption, number, &table, fields, report),
                }
            }
            Some(Section::Response) => {
                let fields = self.fields(&table, report);
                let open_body = self.status.is_some_and(|code| {
                    self.model
                        .responses
                        .get(&code)
                        .is_some_and(|r| r.body.is_none())
                });
                match (role, self.status) {
                    (Some(CaptionRole::Header), _) => report.add(
                        table.line(),
                        FindingKind::Unreadable,
                        None,
                        "response headers are not imported",
                    ),
                    (Some(CaptionRole::Body), Some(code)) => {
                        self.model.responses.entry(code).or_default().body = Some(fields);
                    }
                    // Older pages give the body before any status line: it
                    // is the normal answer's.
                    (Some(CaptionRole::Body), None) => {
                        report.add(
                            table.line(),
                            FindingKind::Hint,
                            None,
                            "a response body table before any status line: read as the answer of status 200",
                        );
                        self.status = Some(200);
                        self.model.responses.entry(200).or_default().body = Some(fields);
                    }
                    (None, Some(code)) if caption.is_none() && open_body => {
                        self.model.responses.entry(code).or_default().body = Some(fields);
                    }
                    _ => self.object(caption, number, &table, fields, report),
                }
            }
            // A page whose export lost its headings, after its URI line: a
            // table of the path's parameters, then the body of a method
            // that takes one.
            None | Some(Section::Function)
                if self.model.uri.is_some() && !table.has(Column::StatusCode) =>
            {
                let (method, path) = self
                    .model
                    .uri
                    .as_ref()
                    .map(|u| (u.0.clone(), u.1.clone()))
                    .unwrap_or_default();
                let fields = self.fields(&table, report);
                let in_path = |f: &Field| path.contains(&format!("{{{}}}", f.name));
                if !fields.is_empty() && fields.iter().all(in_path) {
                    for field in fields {
                        self.add_param(field, Location::Path);
                    }
                } else if !self.header_table_seen && looks_like_headers(&fields) {
                    report.add(
                        table.line(),
                        FindingKind::Hint,
                        None,
                        "a table of header names after the URI line with no section heading: read as the request headers",
                    );
                    self.header_table_seen = true;
                    for field in fields {
                        self.add_param(field, Location::Header);
                    }
                } else if matches!(method.as_str(), "POST" | "PUT" | "PATCH")
                    && self.model.body.is_none()
                {
                    report.add(
                        table.line(),
                        FindingKind::Hint,
                        None,
                        "a table after the URI line with no section heading: read as the request body",
                    );
                    self.model.body = Some(body(fields));
                } else if self.model.body.is_some() && !self.pending_objects.is_empty() {
                    // The objects the body refers to.
                    self.object(caption, number, &table, fields, report);
                } else {
                    report.add(
                        table.line(),
                        FindingKind::Unreadable,
                        None,
                        "a table outside the URI, request, response and status-code sections is not read",
                    );
                }
            }
            _ => report.add(
                table.line(),
                FindingKind::Unreadable,
                None,
                "a table outside the URI, request, response and status-code sections is not read",
            ),
        }
    }

    /// A path, query or header parameter (a row without a type is kept as
    /// text on the wire).
    fn add_param(&mut self, mut field: Field, location: Location) {
        wire_text(&mut field, location);
        self.model.params.push(Param { location, field });
    }

    /// A `Request Method | URI` table (pipe layouts keep it a table) gives
    /// the operation's method and path; false if `table` is not one.
    fn uri_table(&mut self, table: &Table, report: &mut PageReport) -> bool {
        let [method, path] = table.headings.as_slice() else {
            return false;
        };
        if !vocabulary::is_method_heading(&method.text) || !vocabulary::is_uri_heading(&path.text) {
            return false;
        }
        if self.model.uri.is_some() {
            return true;
        }
        let cell = |i: usize| {
            table
                .rows
                .first()
                .and_then(|row| row.cells.get(i))
                .and_then(Option::as_ref)
                .map_or("", |cell| cell.text.as_str())
        };
        let line = format!("{} {}", cell(0), cell(1));
        match uri(&line) {
            Some((method, path)) => self.model.uri = Some((method, path, row_line(table))),
            None => report.add(
                table.line(),
                FindingKind::Unreadable,
                None,
                format!("URI table not understood: {line:?}"),
            ),
        }
        true
    }

    /// A table describing an object type: named by its caption, or else the
    /// first type a field referred to that has no table yet.
    fn object(
        &mut self,
        caption: Option<String>,
        number: Option<u32>,
        table: &Table,
        fields: Vec<Field>,
        report: &mut PageReport,
    ) {
        // A table a field's description points at (`see Table 5`).
        if let Some(field) = number.and_then(|n| self.model.field_pointing_at(n)) {
            let name = match self.model.pending_type_of(&field, &self.pending_objects) {
                Some(pending) => {
                    self.pending_objects.retain(|p| *p != pending);
                    pending
                }
                None => {
                    let name = caption
                        .as_deref()
                        .and_then(type_of_caption)
                        .filter(|name| !self.model.objects.contains_key(name))
                        .unwrap_or_else(|| self.object_name_for(&field));
                    self.adopt(&field, &name);
                    name
                }
            };
            self.model.objects.insert(name, fields);
            return;
        }
        // A table named after the field it describes (`tags field
        // description`, `tags字段说明`): the field's type gets the table.
        if let Some(field) = caption.as_deref().and_then(caption_field) {
            if self.model.has_object_field(&field) {
                let name = self.object_name_for(&field);
                self.adopt(&field, &name);
                self.model.objects.insert(name, fields);
                return;
            }
            // The field already names its type (`metadata object`).
            if let Some(pending) = self.model.pending_type_of(&field, &self.pending_objects) {
                self.pending_objects.retain(|p| *p != pending);
                self.model.objects.insert(pending, fields);
                return;
            }
        }
        // An uncaptioned table after a bare `Object` field that points at a
        // table (`see Table 3`): that field's object.
        if caption.is_none() && self.pending_objects.is_empty() {
            if let Some(field) = self.model.bare_object_pointing() {
                let name = self.object_name_for(&field);
                self.adopt(&field, &name);
                self.model.objects.insert(name, fields);
                return;
            }
        }
        let name = match caption {
            Some(caption) => type_of_caption(&caption),
            None if !self.pending_objects.is_empty() => Some(self.pending_objects.remove(0)),
            None => None,
        };
        let Some(name) = name else {
            report.add(
                table.line(),
                FindingKind::Unreadable,
                None,
                "table has no caption naming an object type, and no field refers to an undescribed type",
            );
            return;
        };
        self.pending_objects.retain(|pending| *pending != name);
        if !self.model.objects.contains_key(&name) {
            self.model.objects.insert(name, fields);
        }
    }

    /// A type name for the object of field `field`: its name in upper camel
    /// case, made unique among the page's objects.
    fn object_name_for(&self, field: &str) -> String {
        let base = crate::names::type_name(field);
        let mut name = base.clone();
        let mut n = 2;
        while self.model.objects.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// Gives every field named `field` whose type is a bare object (or a
    /// list of them) the object type `name`.
    fn adopt(&mut self, field: &str, name: &str) {
        for f in self.model.fields_mut().filter(|f| f.name == field) {
            f.ty = match f.ty.take() {
                Some(PageType::AnyObject) => Some(PageType::Object(name.to_owned())),
                Some(PageType::Array(item)) if *item == PageType::AnyObject => {
                    Some(PageType::Array(Box::new(PageType::Object(name.to_owned()))))
                }
                other => other,
            };
        }
    }

    fn status_codes(&mut self, table: &Table) {
        for row in &table.rows {
            let Some(code) = row
                .cell(table, Column::StatusCode)
                .and_then(|c| c.text.parse().ok())
            else {
                continue;
            };
            let response = self.model.responses.entry(code).or_default();
            if response.line == 0 {
                response.line = row.line;
            }
            if response.description.is_none() {
                response.description = row.cell(table, Column::Description).map(|d| d.text.clone());
            }
        }
    }

    fn fields(&mut self, table: &Table, report: &mut PageReport) -> Vec<Field> {
        let mut fields = Vec::new();
        for row in &table.rows {
            let Some(name) = row.cell(table, Column::Name) else {
                let text = row.description(table);
                report.add(
                    row.line,
                    FindingKind::Unreadable,
                    None,
                    format!("table text that is not a row: {:?}", short(&text)),
                );
                continue;
            };
            // A field of a sub-object (`lts` / `enabled`): its rows do not
            // say which object they extend when the Name cell is empty, so
            // none of them is taken.
            if let Some(sub) = row
                .cell(table, Column::SubName)
                .filter(|sub| !vocabulary::is_nothing(&sub.text))
            {
                report.add(
                    sub.line,
                    FindingKind::Unreadable,
                    None,
                    format!(
                        "sub-parameter rows are not imported: {}.{} is left out",
                        name.text, sub.text
                    ),
                );
                continue;
            }
            let field = field(table, row, name);
            if let Some(object) = field.ty.as_ref().and_then(PageType::object_name) {
                if !self.model.objects.contains_key(object)
                    && !self.pending_objects.iter().any(|p| p == object)
                {
                    self.pending_objects.push(object.to_owned());
                }
            }
            fields.push(field);
        }
        fields
    }

    fn flush_example(&mut self, report: &mut PageReport) {
        let lines = std::mem::take(&mut self.example_lines);
        if lines.is_empty() || lines.iter().all(|l| vocabulary::is_nothing(&l.text)) {
            return;
        }
        let Some(start) = lines.iter().position(|l| l.text.starts_with(['{', '['])) else {
            return;
        };
        let summary = lines[..start]
            .iter()
            .map(|l| l.text.as_str())
            .find(|t| uri(t.split('?').next().unwrap_or(t)).is_none() && !t.contains("https://"))
            .map(str::to_owned);
        let text: Vec<&str> = lines[start..].iter().map(|l| l.text.as_str()).collect();
        let line = lines[start].line;
        let Some(value) = example_json(&text.join("\n"), line, report) else {
            return;
        };
        let example = Example { summary, value };
        match self.section {
            Some(Section::ExampleResponses) => {
                let code = self.status.unwrap_or(200);
                self.model.response_examples.insert(code, example);
            }
            _ => self.model.request_example = Some(example),
        }
    }
}

fn body(fields: Vec<Field>) -> Body {
    match <[Field; 1]>::try_from(fields) {
        Ok([only]) if vocabulary::is_array_element(&only.name) => Body::Array(Box::new(only)),
        Ok([only]) => Body::Object(vec![only]),
        Err(fields) => Body::Object(fields),
    }
}

/// Whether a table's rows are request headers. Header names have hyphens
/// (`X-Auth-Token`); a table of them may hold one plain word too
/// (`region`), but then it must name a header most calls send.
fn looks_like_headers(fields: &[Field]) -> bool {
    let headers = fields
        .iter()
        .filter(|f| f.name.contains('-') || f.name.starts_with('X'))
        .count();
    let known_header = fields.iter().any(|f| vocabulary::is_common_header(&f.name));
    !fields.is_empty() && (headers == fields.len() || (known_header && headers * 2 >= fields.len()))
}

fn row_line(table: &Table) -> usize {
    table.rows.first().map_or(table.line(), |row| row.line)
}

/// Every `{name}` of the path template is a path parameter, also where no
/// table lists it: kept as a required string, and said so.
fn template_params(model: &mut PageModel, report: &mut PageReport) {
    let Some((_, path, line)) = model.uri.clone() else {
        return;
    };
    for name in path
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
    {
        let listed = model
            .params
            .iter()
            .any(|p| p.location == Location::Path && p.field.name == name);
        if listed || name.is_empty() {
            continue;
        }
        report.add(
            line,
            FindingKind::Hint,
            None,
            format!("no table lists path parameter {name}: kept as a required string"),
        );
        model.params.push(Param {
            location: Location::Path,
            field: Field {
                name: name.to_owned(),
                line,
                required: Some(true),
                ty: Some(PageType::Scalar {
                    ty: "string",
                    format: None,
                }),
                description: String::new(),
                constraints: Constraints::default(),
                notes: Vec::new(),
                stated_location: None,
                untyped_as: None,
                table_ref: None,
            },
        });
    }
}

/// A path, query or header parameter whose row has no type is still a
/// parameter the page states: its value is text on the wire, so it is kept
/// as a string, and the missing type stays reported. (A body field with no
/// type has no such fallback: it could be any JSON value.)
fn wire_text(field: &mut Field, location: Location) {
    if field.ty.is_some() {
        return;
    }
    let Some(ty) = field.untyped_as.take() else {
        return;
    };
    let segment = match location {
        Location::Path => "a path segment",
        Location::Query => "a query value",
        Location::Header => "a header value",
    };
    let kept_as = match ty.openapi_type() {
        "integer" => "an integer (the description gives a number range)",
        _ => "a string",
    };
    field.ty = Some(ty);
    for note in field.notes.iter_mut().filter(|n| n.fact == Some("type")) {
        note.message = format!(
            "the \"Type\" cell is missing: kept as {kept_as}; {segment} is text on the wire"
        );
    }
}

/// Reads one row into a field, noting what the row lacks.
fn field(table: &Table, row: &Row, name: &Unit) -> Field {
    let mut notes = Vec::new();
    let required = match row.cell(table, Column::Mandatory) {
        Some(cell) => {
            let value = vocabulary::mandatory(&cell.text);
            if value.is_none() {
                notes.push(Note {
                    line: cell.line,
                    kind: FindingKind::Unreadable,
                    fact: None,
                    message: format!("mandatory cell not understood: {:?}", cell.text),
                });
            }
            value
        }
        None if table.has(Column::Mandatory) => {
            notes.push(Note {
                line: name.line,
                kind: FindingKind::Lost,
                fact: Some("required"),
                message: "the \"Mandatory\" cell is empty: whether it is required is unknown"
                    .into(),
            });
            None
        }
        None => None,
    };
    let ty = match row.cell(table, Column::Type) {
        Some(cell) => {
            let ty = PageType::parse(&cell.text);
            if ty.is_none() {
                notes.push(Note {
                    line: cell.line,
                    kind: FindingKind::Unreadable,
                    fact: None,
                    message: format!("type not understood: {:?}", cell.text),
                });
            }
            ty
        }
        None => {
            notes.push(Note {
                line: name.line,
                kind: FindingKind::Lost,
                fact: Some("type"),
                message: "the \"Type\" cell is missing: the field is left out".into(),
            });
            None
        }
    };
    let description = row.description(table);
    let parts = prose::parts(&description);
    let (untyped_as, (constraints, unread)) = match &ty {
        Some(ty) => (None, prose::constraints(&parts, ty.openapi_type())),
        None => {
            let (untyped_as, read) = untyped_reading(&parts);
            (Some(untyped_as), read)
        }
    };
    let type_word = ty.as_ref().map_or("", PageType::openapi_type);
    let line = row
        .cell(table, Column::Description)
        .map_or(name.line, |d| d.line);
    for message in unread {
        notes.push(Note {
            line,
            kind: FindingKind::Unreadable,
            fact: None,
            message,
        });
    }
    if parts.has_range && parts.range.trim().is_empty() {
        // Point at the "Range" label itself: a description runs over lines.
        let line = parts
            .range_at
            .map_or(line, |at| line + description[..at].matches('\n').count());
        notes.push(Note {
            line,
            kind: FindingKind::Lost,
            fact: Some("enum"),
            message: "the \"Range\" list is empty: the allowed values are missing".into(),
        });
    }
    let lower = name.text.to_lowercase();
    if type_word == "string"
        && ["password", "secret", "token"]
            .iter()
            .any(|w| lower.contains(w))
    {
        notes.push(Note {
            line: name.line,
            kind: FindingKind::Hint,
            fact: None,
            message: "looks like a secret: consider `format: password` so that clients redact it"
                .into(),
        });
    }
    let stated_location = row
        .cell(table, Column::Location)
        .and_then(|cell| vocabulary::location_word(&cell.text));
    Field {
        name: name.text.clone(),
        line: name.line,
        required,
        ty,
        description: parts.definition,
        constraints,
        notes,
        stated_location,
        untyped_as,
        table_ref: prose::table_pointer(&description).or_else(|| {
            row.cell(table, Column::Type)
                .and_then(|cell| prose::table_pointer(&cell.text))
        }),
    }
}

/// The constraints of a row with no type, read as a string's; or as an
/// integer's when the text gives a number range and no length.
fn untyped_reading(parts: &prose::Parts) -> (PageType, (Constraints, Vec<String>)) {
    let text = prose::constraints(parts, "string");
    if text.0.length.is_none() {
        let number = prose::constraints(parts, "integer");
        if number.0.value.is_some() {
            let integer = PageType::Scalar {
                ty: "integer",
                format: None,
            };
            return (integer, number);
        }
    }
    let string = PageType::Scalar {
        ty: "string",
        format: None,
    };
    (string, text)
}

/// `PUT /v5/{project_id}/image/registries/{id}` → (`PUT`, the path).
/// `GET /v1/{project_id}/things`, also with the host in front
/// (`GET https://{Endpoint}/v1/…`, the host written in words, spaces and
/// all): the method and the path. Older pages put the line in a bullet
/// (`• GET /v1/…`). A query string (`?limit={limit}`) is not part of the
/// path: its parameters are in the tables.
fn uri(text: &str) -> Option<(String, String)> {
    let text = text.strip_prefix('•').map_or(text, str::trim_start);
    let (method, rest) = text.split_once(' ')?;
    let method = method.trim();
    if !is_method(method) {
        return None;
    }
    let rest = rest.trim();
    let path = match rest.split_once("://") {
        Some((scheme, after))
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") =>
        {
            &after[after.find('/')?..]
        }
        _ => rest,
    };
    // Some exports run the next bullet into the line: `POST /v1/x - Parameters`.
    let path = path
        .split_once(" - ")
        .map_or(path, |(path, _)| path)
        .trim_end();
    let path = path.split_once('?').map_or(path, |(path, _query)| path);
    (path.starts_with('/') && !path.contains(' ')).then(|| (method.to_owned(), path.to_owned()))
}

fn is_method(word: &str) -> bool {
    matches!(word, "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
}

/// `PATH: /v1/…` / `Method: GET`, the two halves of an older URI block;
/// also a bare `POST` and `/v1/…`, the cells of a `Request Method | URI`
/// table.
fn uri_half(text: &str) -> Option<UriHalf> {
    if is_method(text) {
        return Some(UriHalf::Method(text.to_owned()));
    }
    if text.starts_with('/') && !text.contains(' ') {
        return Some(UriHalf::Path(text.to_owned()));
    }
    let (label, value) = text.split_once([':', '：'])?;
    let value = value.trim();
    match label.trim() {
        "PATH" | "Path" | "URI" if value.starts_with('/') && !value.contains(' ') => {
            Some(UriHalf::Path(value.to_owned()))
        }
        "Method" | "METHOD" | "请求方法" if is_method(value) => {
            Some(UriHalf::Method(value.to_owned()))
        }
        _ => None,
    }
}

enum UriHalf {
    Path(String),
    Method(String),
}

/// The type a caption names: `Credential`, or with a word after it
/// (`NodePool structure`, `Tag object`).
fn type_of_caption(caption: &str) -> Option<String> {
    if is_type_name(caption) {
        return Some(caption.to_owned());
    }
    [" structure", " object", " objects"]
        .iter()
        .find_map(|word| caption.strip_suffix(word))
        .filter(|name| is_type_name(name))
        .map(str::to_owned)
}

fn is_type_name(name: &str) -> bool {
    PageType::parse(&format!("{name} object")).is_some()
}

/// Parses an example's JSON, mending a trailing comma (a known export
/// defect) and reporting what it mended or could not read.
fn example_json(text: &str, line: usize, report: &mut PageReport) -> Option<serde_json::Value> {
    match serde_json::from_str(text) {
        Ok(value) => return Some(value),
        Err(first) => {
            let mended = without_trailing_commas(text);
            if let Ok(value) = serde_json::from_str(&mended) {
                report.add(
                    line,
                    FindingKind::Repaired,
                    None,
                    "example JSON has a trailing comma; it was removed",
                );
                return Some(value);
            }
            report.add(
                line,
                FindingKind::Unreadable,
                None,
                format!("example is not JSON ({first}); it is left out"),
            );
        }
    }
    None
}

/// Drops commas that stand before a closing bracket (outside strings).
fn without_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}
