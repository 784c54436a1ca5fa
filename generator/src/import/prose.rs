//! Reads the constraints that descriptions state in prose.
//!
//! Descriptions are either structured (`Definition … Constraints … Range …
//! Default Value …`, or `参数解释: … 约束限制: … 取值范围: … 默认取值: …`) or
//! free text. Each rule below reads one way the reference words a
//! constraint; text in the "Range" part that no rule reads is reported.

use super::vocabulary::{self, DESCRIPTION_PARTS};
use regress::Regex;
use std::sync::LazyLock;

/// The labelled parts of a description; free text is all `definition`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Parts {
    pub structured: bool,
    /// Whether a "Range" label is present (its text may be empty: the export
    /// lost a list of allowed values).
    pub has_range: bool,
    /// Where the "Range" label starts in the text (a byte offset).
    pub range_at: Option<usize>,
    pub definition: String,
    pub constraints: String,
    pub range: String,
    pub default: String,
}

/// Splits a description at its labels, which must come in the documented
/// order; a label may be missing.
pub(crate) fn parts(text: &str) -> Parts {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (part, start, end of label)
    let mut from = 0;
    for (index, (english, chinese)) in DESCRIPTION_PARTS.iter().enumerate() {
        if let Some((start, end)) = find_label(text, from, english, chinese) {
            found.push((index, start, end));
            from = end;
        }
    }
    let mut parts = Parts {
        structured: found.len() >= 2 || found.first().is_some_and(|f| f.0 == 0),
        ..Parts::default()
    };
    if !parts.structured {
        parts.definition = text.trim().to_owned();
        return parts;
    }
    for (i, &(index, start, end)) in found.iter().enumerate() {
        let stop = found.get(i + 1).map_or(text.len(), |next| next.1);
        let value = text[end..stop].trim().to_owned();
        match index {
            0 => parts.definition = value,
            1 => parts.constraints = value,
            2 => {
                parts.has_range = true;
                parts.range_at = Some(start);
                parts.range = value;
            }
            _ => parts.default = value,
        }
    }
    parts
}

/// Finds `label` as a word of its own (English), or `label:` (Chinese).
fn find_label(text: &str, from: usize, english: &str, chinese: &str) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(pos) = text[search..].find(english).map(|p| p + search) {
        let end = pos + english.len();
        let before_ok = pos == 0 || text[..pos].ends_with(char::is_whitespace);
        let after_ok = text[end..].is_empty() || text[end..].starts_with(char::is_whitespace);
        if before_ok && after_ok {
            return Some((pos, end));
        }
        search = end;
    }
    let pos = text[from..].find(chinese)? + from;
    let rest = &text[pos + chinese.len()..];
    let colon = rest.chars().next().filter(|c| matches!(c, ':' | '：'))?;
    Some((pos, pos + chinese.len() + colon.len_utf8()))
}

/// Constraints read from a description.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Constraints {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub value: Option<(Option<i64>, Option<i64>)>,
    pub items: Option<(Option<u64>, Option<u64>)>,
    /// Allowed values, as written.
    pub values: Vec<String>,
    pub default: Option<String>,
    pub pattern: Option<String>,
    /// `(property, value)`: this field is mandatory when `property` is `value`.
    pub required_when: Vec<(String, String)>,
    /// The text says several values may be sent, separated by commas.
    pub comma_separated: bool,
    /// The text states rules about characters that no rule turned into a
    /// pattern.
    pub unread_character_rules: bool,
}

/// Wordings of "several values, comma-separated".
const COMMA_SEPARATED: &[&str] = &[
    "逗号分隔",
    "comma-separated",
    "separated by commas",
    "separated with commas",
];

/// Words of rules about which characters a string may hold; when a
/// description has them and no rule read a pattern, the pattern is reported
/// as not read.
const CHARACTER_RULES: &[&str] = &[
    "开头",
    "结尾",
    "小写字母",
    "大写字母",
    "字母",
    "start with",
    "end with",
    "begin with",
    "letters",
];

static LENGTH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:[Ll]ength|contain|[Cc]ontains?)[:：]?\s*(\d[\d,]*)\s*(?:to|-|~)\s*(\d[\d,]*)\s*char",
        r"字符长度\s*(\d+)\s*[-~至到]\s*(\d+)",
        r"长度为?\s*(\d+)\s*[-~至到]\s*(\d+)",
        r"(\d+)\s*[-~]\s*(\d+)\s*个字符",
    ])
});
static MAX_LENGTH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:up to|a maximum of|at most|max(?:imum)?\.?:?)\s*(\d[\d,]*)\s*char",
        r"(?:最多|最大长度为?|不超过)\s*(\d+)\s*个?字符",
    ])
});
static VALUE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"最小值\s*(-?\d+)\s*[,，;；、]?\s*最大值\s*(-?\d+)",
        r"取值\s*(-?\d+)\s*[-~至到]\s*(-?\d+)",
        r"(?:ranges? from|[Vv]alue range:?|between)\s*(-?\d[\d,]*)\s*(?:to|and|-)\s*(-?\d[\d,]*)",
        r"[Mm]inimum(?: value)?:?\s*(-?\d[\d,]*)\.?\s*[Mm]aximum(?: value)?:?\s*(-?\d[\d,]*)",
        r"^(-?\d[\d,]*)\s*(?:-|~|to)\s*(-?\d[\d,]*)$",
    ])
});
static ITEMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"列表项数量\s*(\d+)\s*[-~至到]\s*(\d+)",
        r"(\d+)\s*(?:to|-)\s*(\d+)\s*(?:items|elements|records)",
        r"^(\d+)\s*(?:-|~|to)\s*(\d+)$",
    ])
});
static DEFAULT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:缺省值|默认值)(?:为|是)?[:：]?\s*([^\s,，。；;（(]+)",
        r"[Dd]efault(?: value)?(?: is|:)\s*([^\s,;(]+?)\.?(?:\s|$)",
    ])
});
static REQUIRED_WHEN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"mandatory (?:if|when) ([A-Za-z_][\w]*) is (?:set to )?([\w.-]+)",
        r"([A-Za-z_][\w]*)为([\w.-]+)时(?:必填|必选|必须填写)",
    ])
});
static ONLY_ALLOWED: LazyLock<Regex> = LazyLock::new(|| regex(r"Only ([^.]+?) are allowed"));
static VALUE_CAN_BE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[Tt]he value can be ([^.]+?)\.(?:\s|$)"));
static ONLY_SUPPORTED: LazyLock<Regex> = LazyLock::new(|| regex(r"[Oo]nly ([\w.-]+) is supported"));
static CHOOSE_ONE: LazyLock<Regex> = LazyLock::new(|| regex(r"任选其一使用?[:：]\s*([^\n]+)"));
static NUMBER_MEANS: LazyLock<Regex> = LazyLock::new(|| regex(r"(-?\d+)\s*表示"));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

fn regexes(patterns: &[&str]) -> Vec<Regex> {
    patterns.iter().map(|p| regex(p)).collect()
}

/// The captured groups of the first rule that matches.
fn first_match<'t>(rules: &[Regex], text: &'t str) -> Option<Vec<&'t str>> {
    rules.iter().find_map(|re| groups(re, text))
}

fn groups<'t>(re: &Regex, text: &'t str) -> Option<Vec<&'t str>> {
    let found = re.find(text)?;
    Some(
        (1..found.captures.len() + 1)
            .map(|i| found.group(i).map_or("", |r| &text[r]))
            .collect(),
    )
}

/// `32,768` → 32768.
fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.replace(',', "").parse().ok()
}

/// What the description says about a field of OpenAPI type `ty`, and the
/// parts of it no rule could read.
pub(crate) fn constraints(parts: &Parts, ty: &str) -> (Constraints, Vec<String>) {
    let mut found = Constraints::default();
    let mut unread = Vec::new();
    // In a structured description the rules read the Range part; in free
    // text, the whole text.
    let range = if parts.structured {
        parts.range.as_str()
    } else {
        parts.definition.as_str()
    };
    let read_range = read_range(range, ty, &mut found);
    if parts.structured && !read_range && !vocabulary::is_nothing(range) {
        unread.push(format!("range not understood: {:?}", one_line(range)));
    }
    if !parts.structured || found.values.is_empty() {
        found.values = values(&parts.definition, ty);
    }
    if parts.structured {
        if !vocabulary::is_nothing(&parts.default) {
            match default_value(&parts.default) {
                Some(value) => found.default = Some(value),
                None => unread.push(format!(
                    "default not understood: {:?}",
                    one_line(&parts.default)
                )),
            }
        }
    } else if let Some(g) = first_match(&DEFAULT, &parts.definition) {
        found.default = Some(g[0].to_owned());
    }
    let all = format!("{}\n{}", parts.definition, parts.constraints);
    for re in REQUIRED_WHEN.iter() {
        for m in re.find_iter(&all) {
            // The value pattern takes a sentence's full stop along.
            let group = |i| {
                m.group(i)
                    .map_or("", |r| &all[r])
                    .trim_end_matches('.')
                    .to_owned()
            };
            found.required_when.push((group(1), group(2)));
        }
    }
    found.comma_separated = COMMA_SEPARATED.iter().any(|w| all.contains(w));
    if ty == "string" {
        found.unread_character_rules = CHARACTER_RULES.iter().any(|w| all.contains(w));
        if let Some(g) = groups(&ONLY_ALLOWED, &all) {
            match allowed_characters(g[0]) {
                Some(pattern) => {
                    found.pattern = Some(pattern);
                    found.unread_character_rules = false;
                }
                None => unread.push(format!("allowed characters not understood: {:?}", g[0])),
            }
        }
    }
    (found, unread)
}

/// Reads the Range text into `found`; false if it holds nothing readable.
fn read_range(range: &str, ty: &str, found: &mut Constraints) -> bool {
    let bullets: Vec<String> = range
        .lines()
        .filter_map(|l| l.trim().strip_prefix(['•', '·', '-', '*']))
        .filter_map(bullet_value)
        .collect();
    if !bullets.is_empty() {
        found.values = bullets;
        return true;
    }
    match ty {
        "string" => {
            if let Some(g) = first_match(&LENGTH, range) {
                found.length = Some((number(g[0]), number(g[1])));
            } else if let Some(g) = first_match(&MAX_LENGTH, range) {
                found.length = Some((None, number(g[0])));
            }
            found.length.is_some()
        }
        "integer" | "number" => {
            if let Some(g) = first_match(&VALUE, range.trim()) {
                found.value = Some((number(g[0]), number(g[1])));
            }
            found.value.is_some()
        }
        "array" => {
            if let Some(g) = first_match(&ITEMS, range.trim()) {
                found.items = Some((number(g[0]), number(g[1])));
            }
            found.items.is_some()
        }
        _ => false,
    }
}

/// `V1: V1 version` → `V1`; a bullet without a plain value is not read.
fn bullet_value(bullet: &str) -> Option<String> {
    let value = bullet.split([':', '：']).next()?.trim();
    is_token(value).then(|| value.to_owned())
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ';' | '='))
}

/// Allowed values stated in running text.
fn values(text: &str, ty: &str) -> Vec<String> {
    if ty == "integer" {
        let numbers: Vec<String> = NUMBER_MEANS
            .find_iter(text)
            .filter_map(|m| m.group(1).map(|r| text[r].to_owned()))
            .collect();
        return if numbers.len() >= 2 {
            numbers
        } else {
            Vec::new()
        };
    }
    if ty != "string" {
        return Vec::new();
    }
    if let Some(g) = groups(&VALUE_CAN_BE, text) {
        let without_notes = strip_parentheses(g[0]);
        let values: Vec<String> = without_notes
            .split(',')
            .flat_map(|part| part.split(" or "))
            .map(|v| v.trim().trim_start_matches("or ").trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if values.len() >= 2 && values.iter().all(|v| is_token(v)) {
            return values;
        }
    }
    if let Some(g) = groups(&ONLY_SUPPORTED, text) {
        return vec![g[0].to_owned()];
    }
    if let Some(g) = groups(&CHOOSE_ONE, text) {
        let values: Vec<String> = g[0].split_whitespace().map(str::to_owned).collect();
        if !values.is_empty() && values.iter().all(|v| is_token(v)) {
            return values;
        }
    }
    Vec::new()
}

fn strip_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// `0: default enterprise project.` → `0`; `默认为0` → `0`.
fn default_value(text: &str) -> Option<String> {
    let text = text.trim();
    let text = [
        "默认为",
        "默认值为",
        "默认是",
        "Default:",
        "The default value is",
    ]
    .iter()
    .find_map(|p| text.strip_prefix(p))
    .unwrap_or(text)
    .trim();
    let value: String = text
        .chars()
        .take_while(|c| {
            !c.is_whitespace() && !matches!(c, ',' | '，' | ':' | '：' | '。' | '(' | '（')
        })
        .collect();
    let value = value.trim_end_matches('.');
    is_token(value).then(|| value.to_owned())
}

/// "letters, digits, underscores (_), and hyphens (-)" → `^[A-Za-z0-9_-]+$`.
fn allowed_characters(list: &str) -> Option<String> {
    const CLASSES: &[(&str, &str)] = &[
        ("uppercase letters", "A-Z"),
        ("lowercase letters", "a-z"),
        ("letters", "A-Za-z"),
        ("digits", "0-9"),
        ("underscores", "_"),
        ("periods", "."),
        ("dots", "."),
        ("hyphens", "-"),
    ];
    let mut class = String::new();
    let mut hyphen = false;
    for item in list.split(',').flat_map(|p| p.split(" and ")) {
        let item = strip_parentheses(item.trim().trim_start_matches("and ").trim());
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (_, chars) = CLASSES.iter().find(|(word, _)| *word == item)?;
        if *chars == "-" {
            hyphen = true;
        } else {
            class.push_str(chars);
        }
    }
    if hyphen {
        // A hyphen last in a class is a literal.
        class.push('-');
    }
    (!class.is_empty()).then(|| format!("^[{class}]+$"))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, ty: &str) -> Constraints {
        let (found, unread) = constraints(&parts(text), ty);
        assert!(unread.is_empty(), "{text}: {unread:?}");
        found
    }

    #[test]
    fn splits_structured_descriptions_in_both_languages() {
        let english = parts("Definition Project ID. Constraints N/A Range Length: 1 to 64 characters Default Value N/A");
        assert_eq!(english.definition, "Project ID.");
        assert_eq!(english.range, "Length: 1 to 64 characters");
        assert_eq!(english.default, "N/A");
        let chinese =
            parts("参数解释: 每页显示个数 约束限制: 不涉及 取值范围: 取值10-200 默认取值: 10");
        assert_eq!(chinese.definition, "每页显示个数");
        assert_eq!(chinese.range, "取值10-200");
        assert_eq!(chinese.default, "10");
        let free = parts("Name of a target registry.");
        assert!(!free.structured);
    }

    #[test]
    fn reads_each_wording_of_a_constraint() {
        let table: &[(&str, &str, Constraints)] = &[
            ("Definition x Range The value can contain 1 to 32,768 characters. Default Value N/A", "string",
             Constraints { length: Some((Some(1), Some(32768))), ..Default::default() }),
            ("参数解释: x 取值范围: 字符长度1-128位", "string",
             Constraints { length: Some((Some(1), Some(128))), ..Default::default() }),
            ("参数解释: x 取值范围: 最小值0,最大值2000000 默认取值: 默认为0", "integer",
             Constraints { value: Some((Some(0), Some(2_000_000))), default: Some("0".into()), ..Default::default() }),
            ("参数解释: x 取值范围: 取值10-200 默认取值: 10", "integer",
             Constraints { value: Some((Some(10), Some(200))), default: Some("10".into()), ..Default::default() }),
            ("参数解释: x 取值范围: 列表项数量0-100", "array",
             Constraints { items: Some((Some(0), Some(100))), ..Default::default() }),
            ("Definition x Range\n• V1: V1 version\n• V2: V2 version\nDefault Value\nN/A", "string",
             Constraints { values: vec!["V1".into(), "V2".into()], ..Default::default() }),
            ("Name. The value can contain 1 to 64 characters. Only letters, digits, underscores (_), and hyphens (-) are allowed.", "string",
             Constraints { length: Some((Some(1), Some(64))), pattern: Some("^[A-Za-z0-9_-]+$".into()), ..Default::default() }),
            ("Registry type. The value can be swr-pro (open-source Harbor), swr-pro-internal (SWR Enterprise Edition), or huawei-SWR (SWR Basic Edition).", "string",
             Constraints { values: vec!["swr-pro".into(), "swr-pro-internal".into(), "huawei-SWR".into()], ..Default::default() }),
            ("用户权限,7表示管理权限,3表示编辑权限,1表示读取权限", "integer",
             Constraints { values: vec!["7".into(), "3".into(), "1".into()], ..Default::default() }),
            ("消息体的类型(格式),下方类型可任选其一使用: application/json;charset=utf-8 application/json\n缺省值:application/json", "string",
             Constraints { values: vec!["application/json;charset=utf-8".into(), "application/json".into()], default: Some("application/json".into()), ..Default::default() }),
            ("Project ID. This parameter is mandatory when type is set to swr-pro-internal.", "string",
             Constraints { required_when: vec![("type".into(), "swr-pro-internal".into())], ..Default::default() }),
        ];
        for (text, ty, expected) in table {
            assert_eq!(&read(text, ty), expected, "{text}");
        }
    }

    #[test]
    fn reports_a_range_it_cannot_read() {
        let (_, unread) = constraints(
            &parts("Definition x Range Anything goes Default Value N/A"),
            "string",
        );
        assert_eq!(unread.len(), 1);
    }
}
