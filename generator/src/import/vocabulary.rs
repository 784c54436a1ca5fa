//! The words the vendor's pages use for their structure, in English and
//! Chinese, and in the Spanish and Portuguese of the machine-translated
//! copies (`/intl/es-us/`, `/intl/pt-br/`). Adding a language or a synonym
//! means adding a row here.

/// A section of an API-reference page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Function,
    Constraints,
    CallingMethod,
    Uri,
    Request,
    Response,
    ExampleRequests,
    ExampleResponses,
    SdkSamples,
    StatusCodes,
    ErrorCodes,
    /// Everything after the reference proper (feedback forms, …).
    Trailer,
}

const SECTIONS: &[(&str, Section)] = &[
    ("Function", Section::Function),
    ("Functions", Section::Function),
    ("API Description", Section::Function),
    ("功能介绍", Section::Function),
    ("Constraints", Section::Constraints),
    ("接口约束", Section::Constraints),
    ("Calling Method", Section::CallingMethod),
    ("调用方法", Section::CallingMethod),
    // Sections whose text the importer does not need.
    ("API Calling", Section::CallingMethod),
    ("Debugging", Section::CallingMethod),
    ("调试", Section::CallingMethod),
    ("Authorization Information", Section::CallingMethod),
    ("授权信息", Section::CallingMethod),
    ("URI", Section::Uri),
    ("Request Parameters", Section::Request),
    ("请求参数", Section::Request),
    // Older pages: the request and response "messages".
    ("Request", Section::Request),
    ("Requests", Section::Request),
    ("Request Message", Section::Request),
    ("请求消息", Section::Request),
    ("请求消息头", Section::Request),
    ("请求消息参数", Section::Request),
    ("Response Parameters", Section::Response),
    ("响应参数", Section::Response),
    ("Response", Section::Response),
    ("Responses", Section::Response),
    ("Response Message", Section::Response),
    ("Normal Response", Section::Response),
    ("响应消息", Section::Response),
    ("Example Requests", Section::ExampleRequests),
    ("Example Request", Section::ExampleRequests),
    ("请求示例", Section::ExampleRequests),
    ("请求样例", Section::ExampleRequests),
    ("Example Responses", Section::ExampleResponses),
    ("Example Response", Section::ExampleResponses),
    ("响应示例", Section::ExampleResponses),
    ("响应样例", Section::ExampleResponses),
    ("SDK Sample Code", Section::SdkSamples),
    ("SDK代码示例", Section::SdkSamples),
    ("Status Codes", Section::StatusCodes),
    // Also a column heading: a line of its own only where it opens the
    // section (a table's heading row is read as a table first).
    ("Status Code", Section::StatusCodes),
    ("状态码", Section::StatusCodes),
    ("Error Codes", Section::ErrorCodes),
    ("Error Code", Section::ErrorCodes),
    ("错误码", Section::ErrorCodes),
    ("Feedback", Section::Trailer),
    // Machine-translated copies.
    ("Función", Section::Function),
    ("Função", Section::Function),
    ("Método de invocación", Section::CallingMethod),
    ("Método de chamada", Section::CallingMethod),
    ("Parámetros de solicitud", Section::Request),
    ("Parâmetros de solicitação", Section::Request),
    ("Parámetros de respuesta", Section::Response),
    ("Parâmetros de resposta", Section::Response),
    ("Solicitudes de ejemplo", Section::ExampleRequests),
    ("Exemplo de solicitações", Section::ExampleRequests),
    ("Respuestas de ejemplo", Section::ExampleResponses),
    ("Exemplo de respostas", Section::ExampleResponses),
    ("Códigos de estado", Section::StatusCodes),
    ("Códigos de status", Section::StatusCodes),
    ("Códigos de error", Section::ErrorCodes),
    ("Código de ejemplo del SDK", Section::SdkSamples),
    ("Código de exemplo do SDK", Section::SdkSamples),
    ("Códigos de erro", Section::ErrorCodes),
];

/// The section a heading line opens, if it is one. Some exports end a
/// heading with a `¶` anchor.
pub(crate) fn section(line: &str) -> Option<Section> {
    let line = line.trim_end_matches('¶').trim_end();
    // Older pages write some headings as bullets (`- Example request`).
    let line = line.strip_prefix(['•', '-']).map_or(line, str::trim_start);
    SECTIONS
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(line))
        .map(|(_, section)| *section)
}

/// Headings that end a table in the one-cell-per-line layout. The page-level
/// "Constraints" heading is not among them: descriptions use the same word
/// for their own "Constraints" paragraph.
pub(crate) fn ends_table(line: &str) -> bool {
    section(line).is_some_and(|s| s != Section::Constraints && s != Section::Function)
}

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Name,
    Mandatory,
    Type,
    Description,
    StatusCode,
    /// Where the parameter goes (`IN`: `path`, `query`, `header`, `body`).
    Location,
    /// A field of the object the Name cell names (`Sub-Parameter`), or
    /// `N/A` for the field itself.
    SubName,
    /// A heading the importer does not know; its cells are read as part of
    /// the description.
    Unknown,
}

const COLUMNS: &[(&str, Column)] = &[
    ("Parameter", Column::Name),
    ("参数", Column::Name),
    ("Name", Column::Name),
    ("名称", Column::Name),
    ("参数名称", Column::Name),
    ("属性", Column::Name),
    ("参数名", Column::Name),
    ("字段名", Column::Name),
    ("消息头名称", Column::Name),
    ("Parameter Name", Column::Name),
    ("Mandatory", Column::Mandatory),
    ("Required", Column::Mandatory),
    ("是否必选", Column::Mandatory),
    ("必选", Column::Mandatory),
    ("是否必填", Column::Mandatory),
    ("必填", Column::Mandatory),
    ("Type", Column::Type),
    ("参数类型", Column::Type),
    ("类型", Column::Type),
    ("数据类型", Column::Type),
    ("Description", Column::Description),
    ("描述", Column::Description),
    ("说明", Column::Description),
    ("Sub-Parameter", Column::SubName),
    ("Sub-parameter", Column::SubName),
    ("子参数", Column::SubName),
    ("IN", Column::Location),
    ("In", Column::Location),
    ("Location", Column::Location),
    ("参数位置", Column::Location),
    ("Status Code", Column::StatusCode),
    ("Status code", Column::StatusCode),
    ("状态码", Column::StatusCode),
    // Machine-translated copies.
    ("Parámetro", Column::Name),
    ("Parâmetro", Column::Name),
    ("Obligatorio", Column::Mandatory),
    ("Obrigatório", Column::Mandatory),
    ("Tipo", Column::Type),
    ("Descripción", Column::Description),
    ("Descrição", Column::Description),
    ("Código de estado", Column::StatusCode),
    ("Código de status", Column::StatusCode),
];

pub(crate) fn column(heading: &str) -> Option<Column> {
    COLUMNS
        .iter()
        .find(|(word, _)| *word == heading)
        .map(|(_, column)| *column)
}

/// Reads a location cell (`path`, `Query`, …).
pub(crate) fn location_word(cell: &str) -> Option<&'static str> {
    ["path", "query", "header", "body"]
        .into_iter()
        .find(|word| word.eq_ignore_ascii_case(cell.trim()))
}

/// Reads a "Mandatory" cell.
pub(crate) fn mandatory(cell: &str) -> Option<bool> {
    match cell {
        "Yes" | "yes" | "是" | "必选" | "true" | "True" | "Sí" | "Sim" => Some(true),
        "No" | "no" | "否" | "可选" | "false" | "False" | "Não" => Some(false),
        _ => None,
    }
}

/// Words that say "nothing here": `N/A`, `不涉及`, `None`, `无`.
pub(crate) fn is_nothing(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches(['.', '。']),
        "" | "N/A" | "NA" | "None" | "none" | "无" | "不涉及" | "Ninguno" | "Ninguna" | "Nenhum"
    )
}

/// The labelled parts of a structured description, in the order the pages
/// write them: (English label, Chinese label).
pub(crate) const DESCRIPTION_PARTS: [(&[&str], &[&str]); 4] = [
    (&["Definition"], &["参数解释"]),
    (&["Constraints"], &["约束限制"]),
    (&["Range"], &["取值范围"]),
    (&["Default Value", "Default value"], &["默认取值", "默认值"]),
];

/// Captions of tables, after `Table N` / `表N`, that say where parameters go.
pub(crate) fn caption_role(caption: &str) -> Option<CaptionRole> {
    // A caption that is one identifier (`tagsBody`, `CreateClusterBody`)
    // names a type, whatever its words.
    let identifier = !caption.is_empty()
        && caption
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        return None;
    }
    let lower = caption.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let role = if has(&["path", "路径", "de ruta", "de caminho"]) {
        CaptionRole::Path
    } else if has(&["query", "de consulta"]) {
        CaptionRole::Query
    } else if has(HEADER_WORDS) {
        CaptionRole::Header
    } else if has(BODY_WORDS) {
        CaptionRole::Body
    } else if [
        "request parameter",
        "response parameter",
        "parameter description",
        "parameters in the request",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
        || caption.starts_with("请求参数")
        || caption.starts_with("响应参数")
        || caption.starts_with("参数说明")
    {
        // Older pages caption the body's table so.
        CaptionRole::Body
    } else {
        return None;
    };
    Some(role)
}

/// Whether a caption names the request's headers or body in so many words
/// (`Request header parameters`, `请求Body参数`, `请求消息体`), unlike `Request
/// parameters`, which older pages also give the URI's table.
pub(crate) fn names_request_part(caption: &str) -> bool {
    let lower = caption.to_lowercase();
    matches!(
        caption_role(caption),
        Some(CaptionRole::Header | CaptionRole::Body)
    ) && HEADER_WORDS
        .iter()
        .chain(BODY_WORDS)
        .any(|w| lower.contains(w))
}

/// Caption words of a header table (lower case).
const HEADER_WORDS: &[&str] = &["header", "encabezado", "cabeçalho"];
/// Caption words of a body table (lower case).
const BODY_WORDS: &[&str] = &["body", "消息体", "cuerpo", "corpo"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaptionRole {
    Path,
    Query,
    Header,
    Body,
}

/// The name cell of a body table whose body is a bare array.
pub(crate) fn is_array_element(name: &str) -> bool {
    matches!(
        name,
        "[Array element]" | "[数组元素]" | "[Array Element]" | "[items]" | "[Items]"
    )
}

/// Request headers that the pages' header tables list for most calls: a
/// table holding one is a header table even with a plain word among its
/// names.
pub(crate) fn is_common_header(name: &str) -> bool {
    [
        "X-Auth-Token",
        "Content-Type",
        "X-Security-Token",
        "X-Language",
    ]
    .iter()
    .any(|h| name.eq_ignore_ascii_case(h))
}

/// The line under a page's title that says when it was last updated.
pub(crate) fn is_update_date(line: &str) -> bool {
    [
        "Updated on",
        "更新时间",
        "Actualización más reciente",
        "Atualizado em",
    ]
    .iter()
    .any(|w| line.starts_with(w))
}

/// The words that number a table's caption (`Table 4`, `表4`, `Tabla 4`).
pub(crate) const TABLE_WORDS: &[&str] = &["Table ", "表", "Tabla ", "Tabela "];

/// The headings of a `Request Method | URI` table.
pub(crate) fn is_method_heading(heading: &str) -> bool {
    matches!(heading, "请求方法" | "Request Method" | "Method" | "方法")
}

pub(crate) fn is_uri_heading(heading: &str) -> bool {
    matches!(heading, "URI" | "请求URI" | "Request URI" | "URL")
}
