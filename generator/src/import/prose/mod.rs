//! Reads the constraints that descriptions state in prose.
//!
//! Descriptions are either structured (`Definition … Constraints … Range …
//! Default Value …`, or `参数解释: … 约束限制: … 取值范围: … 默认取值: …`) or
//! free text. Each rule below reads one way the reference words a
//! constraint; text in the "Range" part that no rule reads is reported.

use super::vocabulary::{self, DESCRIPTION_PARTS};
use regress::Regex;
use std::sync::LazyLock;
use values::{bullet_values, enum_block, noted_values, values};

mod characters;
mod values;

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

impl Parts {
    /// Every part, in the page's order.
    pub(crate) fn all(&self) -> String {
        [
            &self.definition,
            &self.constraints,
            &self.range,
            &self.default,
        ]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join("\n")
    }
}

/// Splits a description at its labels, which must come in the documented
/// order; a label may be missing.
pub(crate) fn parts(text: &str) -> Parts {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (part, start, end of label)
    let mut from = 0;
    for (index, (english, chinese)) in DESCRIPTION_PARTS.iter().enumerate() {
        let found_label = english
            .iter()
            .filter_map(|english| find_english_label(text, from, english))
            .chain(
                chinese
                    .iter()
                    .filter_map(|chinese| find_chinese_label(text, from, chinese)),
            )
            .min();
        if let Some((start, end)) = found_label {
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
        // Labels may be bullets (`• 取值范围:`): the next label's bullet is
        // not part of this one's text.
        let value = text[end..stop]
            .trim()
            .trim_end_matches(['•', '·'])
            .trim()
            .to_owned();
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

/// Finds `label` as a word of its own, with or without a colon.
fn find_english_label(text: &str, from: usize, english: &str) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(pos) = text[search..].find(english).map(|p| p + search) {
        let mut end = pos + english.len();
        if let Some(colon) = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '：'))
        {
            end += colon.len_utf8();
        }
        let before_ok = pos == 0 || text[..pos].ends_with(char::is_whitespace);
        let after_ok = text[end..].is_empty() || text[end..].starts_with(char::is_whitespace);
        if before_ok && after_ok {
            return Some((pos, end));
        }
        search = end;
    }
    None
}

/// Finds `label:` (`参数解释:`), or the label alone on its line.
fn find_chinese_label(text: &str, from: usize, chinese: &str) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(pos) = text[search..].find(chinese).map(|p| p + search) {
        let end = pos + chinese.len();
        let rest = &text[end..];
        if let Some(colon) = rest.chars().next().filter(|c| matches!(c, ':' | '：')) {
            return Some((pos, end + colon.len_utf8()));
        }
        let line_start = pos == 0 || text[..pos].ends_with('\n');
        let line_end = rest.is_empty() || rest.starts_with(['\n', '\r']);
        if line_start && line_end {
            return Some((pos, end));
        }
        search = end;
    }
    None
}

/// Constraints read from a description.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Constraints {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub value: Option<(Option<i64>, Option<i64>)>,
    pub items: Option<(Option<u64>, Option<u64>)>,
    /// The length of a list's string items.
    pub item_length: Option<(Option<u64>, Option<u64>)>,
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
    /// The pattern holds only part of the text's character rules (see
    /// [`characters::CharacterPattern::in_part`]).
    pub pattern_in_part: bool,
    /// The maximum length was stated in bytes (see [`MAX_BYTES`]).
    pub length_in_bytes: bool,
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
    "starts with",
    "starting with",
    "end with",
    "ends with",
    "ending with",
    "begin with",
    "letters",
];

static LENGTH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:[Ll]ength|contain|[Cc]ontains?)[:：]?\s*(\d[\d,]*)\s*(?:to|-|~|–)\s*(\d[\d,]*)\s*char",
        r"字符(?:长度|范围)\s*(\d+)\s*[-~至到]\s*(\d+)",
        r"长度(?:范围)?(?:为|在|是)?\s*[\[(（]?\s*(\d+)\s*[-~至到,，]\s*(\d+)",
        // `最短为3,最大为32`.
        r"(?:最短|最小长度)(?:为|是)?\s*(\d+)\s*(?:个字符|位)?\s*[,，;；]\s*(?:最长|最大长度|最大)(?:为|是)?\s*(\d+)",
        r"(\d+)\s*[-~至到]\s*(\d+)\s*个?字符",
        // `Enter 1 to 64 characters`, a bare `1–64 characters`.
        r"(?:^|[\s(（])(\d[\d,]*)\s*(?:to|-|~|–)\s*(\d[\d,]*)\s*(?:Unicode )?characters?\b",
        // A bare `[1, 64]` (a Range part of its own).
        r"^[\[(（]\s*(\d+)\s*[,，]\s*(\d+)\s*[\])）][.。]?$",
    ])
});

static MAX_LENGTH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:up to|a maximum of|at most|no more than|cannot exceed|not exceed|less than or equal to|[Mm]ax(?:imum)?\.?:?)\s*(\d[\d,]*)\s*(?:Unicode )?(?:char|digits?\b)",
        r"(?:最多(?:可输入)?|最大长度为?|不能超过|不超过|最大支持|小于等于)\s*(\d+)\s*(?:个?(?:unicode)?字[符节]|位)",
        r"(?:支持的最大字符长度|字符长度不超过)\s*[:：]?\s*(\d+)",
        r"(?:字符长度|长度)(?:不能大于|不大于|不能超过|不得超过|不超过|最大为|最多为?)\s*(\d+)",
    ])
});

/// At most so many bytes: at most as many characters too (each character
/// is a byte or more), so it is read as a maximum length, and said so.
static MAX_BYTES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:up to|a maximum of|at most|no more than|cannot exceed|not exceed|[Mm]ax(?:imum)?\.?:?)\s*(\d[\d,]*)\s*bytes\b",
        r"(?:最多|最大长度为?|不能超过|不超过|最大支持|小于等于)\s*(\d+)\s*个?字节",
    ])
});

static VALUE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"最小值\s*[:：]?\s*(-?\d+)\s*[,，;；、]?\s*最大值\s*[:：]?\s*(-?\d+)",
        r"取值(?:范围)?(?:为|是)?\s*[:：]?\s*[\[(（]?\s*(-?\d+)\s*[-~–至到,，]\s*(-?\d+)",
        r"(?:ranges? from|[Vv]alue range(?: is)?:?(?: from)?|[Rr]ange:|between|(?:integer|number|value) from)\s*[\[(]?\s*(-?\d[\d,]*)\s*(?:to|and|-|–|~|,)\s*(-?\d[\d,]*)",
        r"[Mm]inimum(?: value)?:?\s*(-?\d[\d,]*)\.?\s*[Mm]aximum(?: value)?:?\s*(-?\d[\d,]*)",
        r"^(-?\d[\d,]*)\s*(?:-|~|–|to)\s*(-?\d[\d,]*)[.。]?$",
        r"^[\[(（]\s*(-?\d+)\s*[,，]\s*(-?\d+)\s*[\])）][.。]?$",
    ])
});

/// One bound of a number, said on its own: `The maximum value is 1000.`,
/// `最小为0`, `从1开始`.
static MIN_VALUE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"[Tt]he minimum(?: value)? is (-?\d[\d,]*)",
        r"(?:^|[\s,;.])[Mm]inimum value:?\s*(-?\d[\d,]*)",
        r"(?:[Gg]reater than or equal to|[Nn]o less than|[Nn]ot less than|[Aa]t least) (-?\d[\d,]*)(?!\s*(?:characters|bytes|items))",
        r"(?:cannot|can't|must not) be (?:less|smaller) than (-?\d[\d,]*)",
        r"最小(?:值)?(?:为|是)\s*[:：]?\s*(-?\d+)",
        r"最小值\s*[:：]?\s*(-?\d+)",
        r"(?:不小于|大于或?等于)\s*(-?\d+)",
        r"从(-?\d+)开始",
    ])
});

static MAX_VALUE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"[Tt]he maximum(?: value)? is (-?\d[\d,]*)",
        r"(?:^|[\s,;.])[Mm]aximum value:?\s*(-?\d[\d,]*)",
        r"(?:[Ll]ess than or equal to|[Nn]o greater than|[Nn]ot greater than|[Nn]o more than) (-?\d[\d,]*)(?!\s*(?:characters|bytes|items))",
        r"(?:cannot|can't|must not) (?:be greater than|be larger than|exceed) (-?\d[\d,]*)(?!\s*(?:characters|bytes|items))",
        r"最大(?:值)?(?:为|是)\s*[:：]?\s*(-?\d+)",
        r"最大值\s*[:：]?\s*(-?\d+)",
        // `最大返回条数是100条`.
        r"最大[^,，。；;:：\d]{1,8}?(?:是|为)\s*(-?\d+)",
        r"(?:不大于|小于或?等于|不超过|不能超过)\s*(-?\d+)(?!\s*个?(?:字符|字节|位))",
    ])
});

/// At most so many items: `列表最大长度为50`, `up to 10 items`.
static MAX_ITEMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:列表最大长度为?|数组最大长度为?)\s*(\d+)",
        r"(?:up to|a maximum of|at most) (\d+) (?:items|elements)",
        // `Up to 20 tags can be specified.`, `最多支持20个标签`: on a list,
        // any noun but a unit of length.
        r"(?:[Uu]p to|[Aa] maximum of|[Aa]t most|[Nn]o more than) (\d+) (?!(?:Unicode )?(?:characters?|bytes?|digits?)\b)[A-Za-z]",
        r"最多(?:支持|可?添加|可以?指定|可?设置|包含|可?配置)?\s*(\d+)\s*个(?!字符|字节)",
    ])
});

/// A length that is one number: `Length: 30 characters`, `a 36-digit
/// character string`, `长度为32个字符`.
static EXACT_LENGTH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:^|\n|[.。]\s*)(?:[Vv]alue length|Length)\s*[:：]\s*(\d+)\s*characters?\b",
        r"\ba (\d+)-(?:digit|character) (?:character )?(?:string|UUID|ID)\b",
        r"长度(?:为|固定为)\s*(\d+)\s*个?字符",
        // `The value can contain 32 characters.`
        r"(?:can contain|contains|must contain|consists of) (\d+) (?:characters|digits)(?!\s*(?:at (?:most|least)|or (?:more|less|fewer)))\b",
        // `36位的UUID格式字符串`.
        r"(\d+)位的?[^，,。；;\s]{0,12}?字符串",
    ])
});

/// One bound per line, as the API Explorer export writes them at the end of
/// a description: `Minimum: 1` / `Maximum: 256` (characters for a string,
/// the value for a number), `Minimum length: 1 character`, `最小长度:1`,
/// `最小值:0`. Either may be missing.
static MIN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|\s|[,，;；。])\s*(?:[Mm]inimum(?: length| value)?|最小长度|最小值|Mínimo)\s*[:：]\s*(-?\d[\d,]*)",
    )
});

static MAX_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|\s|[,，;；。])\s*(?:[Mm]aximum(?: length| value)?|最大长度|最大值|Máximo)\s*[:：]\s*(-?\d[\d,]*)",
    )
});

/// A pattern the text states as one.
static STATED_PATTERN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:[Rr]egular expression|matches the regular expression|正则表达式|正则匹配|取值字符限制|RegExp\s*=)\s*[:：,，]?\s*[“\x22']?(\^\S+?\$)[”\x22']?(?:[\s。,，;；.)）]|$)",
        // Quoted, the whole quote is the pattern, anchored or not.
        r"(?:[Rr]egular expression|正则表达式)\s*[:：]\s*[“\x22]([^”\x22\s]+)[”\x22]",
        // Unquoted and unanchored, taken as written: up to a Chinese full
        // stop (never part of an ASCII pattern) or a space.
        // It must look like one (`see below` does not).
        r"(?:[Rr]egular expression|正则表达式)\s*[:：]\s*((?=[^\s“”\x22。，；]*[\\^$*+?{}\[\]|()])[^\s“”\x22。，；]+?)(?:。|[.]?\s|[.]?$)",
    ])
});

static ITEMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:[Aa]rray [Ll]ength|数组长度|Longitud de matriz|Comprimento da matriz)\s*[:：]?\s*(\d+)\s*(?:-|~|–|to)\s*(\d+)",
        // `The array length can only be 1.`: one number, both bounds.
        r"[Aa]rray length (?:can only be|must be|is) (\d+)()\b",
        r"列表项数量\s*(\d+)\s*[-~至到]\s*(\d+)",
        r"(\d+)\s*(?:to|-)\s*(\d+)\s*(?:items|elements|records)",
        r"^(\d+)\s*(?:-|~|to)\s*(\d+)$",
        r"^[\[(（]\s*(\d+)\s*[,，]\s*(\d+)\s*[\])）][.。]?$",
    ])
});

static DEFAULT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:缺省值|默认值|默认取值|默认)(?:为|是)?[:：]?\s*[“‘\x22]?([^\s,，。；;（(“”‘’\x22]+)",
        // `默认返回的条数是10条`: a number after a few words.
        // Not `默认情况下最大值为100`: a bound.
        r"默认(?:(?!最大|最小|上限|下限|不超过|不小于)[^,，。；;:：\d]){1,12}?(?:是|为)\s*(-?\d+)",
        r"(?:[Dd]efault(?: (?:value|format|type|setting|mode|option))?(?: is|:)|Valor predeterminado:|Valor padrão:|Padrão:)\s*[“\x22]?(\d{1,3}(?:,\d{3})+(?![\d,])|[^\s,;(“”\x22]+(?:;[^\s,;(“”\x22]+|; [\w.-]+=[^\s,;(“”\x22]+)*?)\.?[”\x22]?(?:\s|,|$)",
        r"[Tt]he default value ([\w.-]+) is used",
        r"\bthe value ([\w.-]+) is used by default\b",
        // `If it is not specified, 100 records will be returned by default.`
        r"\b(\d[\d,]*) (?:[a-z]+ ){1,2}(?:will be|are|is) (?:returned|displayed|queried|listed) by default\b",
        // `…will be returned by default` says what happens, not a value.
        r"\b(?:is|be|to) (?!used\b)(?![a-z]+ed\b)([\w.-]+) by default\b",
        r"[Tt]he default value ([\w.-]+)\.(?:\s|$)",
        r"\b[Dd]efaults to ([\w.-]+?)\.?(?:\s|$)",
        r"(?:^|[\s,])([\w.-]+) \(default(?: value)?\)",
    ])
});

static REQUIRED_WHEN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"mandatory (?:if|when) ([A-Za-z_][\w]*) is (?:set to )?([\w.-]+)",
        r"([A-Za-z_][\w]*)为([\w.-]+)时(?:必填|必选|必须填写)",
    ])
});

/// A pointer to the table describing a field's object: `For details, see
/// Table 5.`, `see Table 5`, `详见表5`, `请参见表5`.
static TABLE_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:[Ss]ee|[Rr]efer to|[Ii]n) Table (\d+)\b|(?:详见|参见|参考|见)\s*表\s*(\d+)")
});

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

fn regexes<S: AsRef<str>>(patterns: &[S]) -> Vec<Regex> {
    patterns.iter().map(|p| regex(p.as_ref())).collect()
}

/// The captured groups of the first rule that matches, outside sentences
/// that state a condition (`For a small lamp, the value ranges from 1 to 5`:
/// a limit of that case only).
fn first_match<'t>(rules: &[Regex], text: &'t str) -> Option<Vec<&'t str>> {
    rules.iter().find_map(|re| {
        // Each look back is a sentence long; a bound on the matches keeps a
        // huge cell of conditional sentences linear.
        let found = re
            .find_iter(text)
            .take(MAX_MATCHES)
            .find(|m| !in_conditional_sentence(text, m.start()))?;
        Some(
            (1..found.captures.len() + 1)
                .map(|i| found.group(i).map_or("", |r| &text[r]))
                .collect(),
        )
    })
}

/// How many matches of one rule [`first_match`] weighs.
const MAX_MATCHES: usize = 64;

/// Words that open a sentence about one case only.
const CONDITIONS: &[&str] = &[
    "For a ", "For an ", "If ", "When ", "当", "如果", "若", "对于",
];

/// Conditions that name the parameter being left out: a default under one
/// of them is the field's.
const LEFT_OUT: &[&str] = &[
    "not specified",
    "not set",
    "left blank",
    "不传",
    "未指定",
    "不填",
];

/// Whether the sentence around byte `at` opens with a condition.
fn in_conditional_sentence(text: &str, at: usize) -> bool {
    let sentence = sentence_before(text, at);
    CONDITIONS.iter().any(|c| sentence.starts_with(c))
}

/// The sentence that byte `at` is in, up to `at`.
fn sentence_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['\n', '。', '•', ';', '；'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    // An English full stop ends a sentence only before a space.
    let start = text[start..at].rfind(". ").map_or(start, |i| start + i + 2);
    text[start..at].trim_start()
}

/// Whether the text names cases (a condition word anywhere, or `A默认为x,
/// B默认为y`).
fn has_several_cases(text: &str) -> bool {
    CONDITIONS.iter().any(|c| text.contains(c.trim_end()))
        || text.matches("默认为").count() > 1
        || text.matches("default").count() > 1
}

fn groups<'t>(re: &Regex, text: &'t str) -> Option<Vec<&'t str>> {
    let found = re.find(text)?;
    Some(
        (1..found.captures.len() + 1)
            .map(|i| found.group(i).map_or("", |r| &text[r]))
            .collect(),
    )
}

/// The table number a description points at (see [`TABLE_POINTER`]).
pub(crate) fn table_pointer(text: &str) -> Option<u32> {
    groups(&TABLE_POINTER, text)?
        .iter()
        .find(|g| !g.is_empty())
        .and_then(|g| g.parse().ok())
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
    let all_text = parts.all();
    let mut read_range = read_range(range, ty, parts.structured, &mut found, &mut unread);
    // A structured description whose Range says nothing may state its
    // limits in the Definition or Constraints part instead.
    if parts.structured && !read_range && vocabulary::is_nothing(range) {
        let elsewhere = format!("{}\n{}", parts.definition, parts.constraints);
        let mut ignored = Vec::new();
        read_range = self::read_range(&elsewhere, ty, false, &mut found, &mut ignored);
    }
    read_range |= bound_lines(&all_text, ty, &mut found);
    if let Some(values) = enum_block(&all_text) {
        found.values = values;
        read_range = true;
    }
    if parts.structured && !read_range && !vocabulary::is_nothing(range) {
        unread.push(format!("range not understood: {:?}", one_line(range)));
    }
    if found.values.is_empty() {
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
    } else {
        // The first plain value any wording gives: `默认为标准模式 … 缺省值:NORMAL`
        // is NORMAL. `Default value: N/A` says there is none; `…is left
        // blank` is no value.
        // Two different defaults are each a case's (`for A the default
        // is x, for B it is y`): neither is the field's.
        // A default under a condition is that case's, unless the case is
        // the parameter being left out (`If it is not set, the default
        // value x is used`).
        let text = parts.definition.as_str();
        let default_case = |at: usize| {
            let sentence = sentence_before(text, at);
            !in_conditional_sentence(text, at) || LEFT_OUT.iter().any(|w| sentence.contains(w))
        };
        let matches: Vec<_> = DEFAULT
            .iter()
            .flat_map(|re| re.find_iter(text).collect::<Vec<_>>())
            .collect();
        if matches.iter().any(|m| !default_case(m.start())) {
            unread.push("a default for one case only is not the field's: not taken".into());
        }
        let mut defaults: Vec<String> = matches
            .into_iter()
            .filter(|m| default_case(m.start()))
            .filter_map(|m| {
                m.group(1)
                    .map(|r| without_thousands_commas(parts.definition[r].trim_end_matches('.')))
            })
            // A media type's parameter after a space is still one value
            // (`application/json; charset=utf-8`).
            .filter(|value| {
                !vocabulary::is_nothing(value)
                    && is_token(&value.replace("; ", ";"))
                    && value != "left"
            })
            // `Or default is transferred to …`: a verb, no value, unless the
            // text lists it as one.
            .filter(|value| {
                let verb = value.ends_with("ed") && !found.values.contains(value);
                if verb {
                    unread.push(format!("default not understood: {value:?} reads as a verb"));
                }
                !verb
            })
            .collect();
        defaults.dedup();
        let mut distinct = defaults.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 && has_several_cases(&parts.definition) {
            unread.push(format!("defaults for several cases: {distinct:?}"));
        } else {
            found.default = defaults.into_iter().next();
        }
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
        if let Some(g) = first_match(&STATED_PATTERN, &all) {
            let pattern = g[0].trim_end_matches(['.', '。', ',', '，']);
            match Regex::new(pattern) {
                Ok(_) => {
                    found.pattern = Some(pattern.to_owned());
                    found.unread_character_rules = false;
                }
                Err(_) => unread.push(format!("stated pattern does not compile: {pattern:?}")),
            }
        }
        if found.pattern.is_none() {
            match characters::pattern(&parts.all()) {
                Some(Ok(read)) => {
                    found.pattern = Some(read.pattern);
                    found.pattern_in_part = read.in_part;
                    found.unread_character_rules = false;
                }
                Some(Err(words)) => unread.push(format!(
                    "character rule not understood: {:?}",
                    one_line(&words)
                )),
                None => {}
            }
        }
    }
    (found, unread)
}

/// Reads the Range text into `found`; false if it holds nothing readable.
/// Bullets are allowed values, up to an `Example` line; a bullet whose
/// value is not plain is reported, so that a partial list is never taken
/// for the whole.
fn read_range(
    range: &str,
    ty: &str,
    structured: bool,
    found: &mut Constraints,
    unread: &mut Vec<String>,
) -> bool {
    let is_example = |l: &str| {
        let l = l.trim_start_matches(['•', '·', '-', '*']).trim_start();
        l.starts_with("Example") || l.starts_with("示例")
    };
    // A label line after the bullets (`使用说明:`, `Note:`) opens a list of
    // another kind.
    let mut seen_bullet = false;
    let bullets: Vec<&str> = range
        .lines()
        .map(str::trim)
        .take_while(|l| {
            let bullet = l.starts_with(['•', '·', '-', '*']);
            let label = !bullet && l.ends_with([':', '：']);
            seen_bullet |= bullet;
            let ends_list = is_example(l) || (seen_bullet && label);
            !ends_list
        })
        .filter_map(|l| l.strip_prefix(['•', '·', '-', '*']))
        .map(str::trim)
        // `• 不传参默认为全部。`: a note on leaving the field out, not a value.
        .filter(|b| !(bullet_values(b).is_none() && LEFT_OUT.iter().any(|w| b.contains(w))))
        .collect();
    let values: Vec<String> = bullets
        .iter()
        .filter_map(|b| bullet_values(b))
        .flatten()
        .collect();
    // In free text, bullets that are mostly sentences are prose, not a list
    // of values: the rules below read them.
    let plain = bullets
        .iter()
        .filter(|b| bullet_values(b).is_some())
        .count();
    let prose = !structured && (plain * 2 < bullets.len() || bullets.len() < 2);
    if !bullets.is_empty() && !prose {
        if plain < bullets.len() {
            // Some values unread: the list would refuse them, so it is not
            // taken at all.
            let odd: Vec<&&str> = bullets
                .iter()
                .filter(|b| bullet_values(b).is_none())
                .collect();
            unread.push(format!("allowed values not all plain: {odd:?}"));
            return true;
        }
        if !values.is_empty() {
            found.values = values;
            return true;
        }
    }
    if let Some(values) = noted_values(range, ty) {
        found.values = values;
        return true;
    }
    match ty {
        // `Range: kafka`: the one value there is.
        "string"
            if structured
                && is_token(range.trim().trim_end_matches('.'))
                && !vocabulary::is_nothing(range) =>
        {
            found.values = vec![range.trim().trim_end_matches('.').to_owned()];
            true
        }
        "string" => {
            if let Some(g) = first_match(&LENGTH, range.trim()) {
                found.length = Some((number(g[0]), number(g[1])));
            } else if let Some(g) = first_match(&MAX_LENGTH, range) {
                found.length = Some((None, number(g[0])));
            } else if let Some(g) = first_match(&EXACT_LENGTH, range) {
                found.length = Some((number(g[0]), number(g[0])));
            } else if let Some(g) = first_match(&MAX_BYTES, range) {
                found.length = Some((None, number(g[0])));
                found.length_in_bytes = true;
            }
            found.length.is_some()
        }
        "integer" | "number" => {
            if let Some(g) = first_match(&VALUE, range.trim()) {
                found.value = Some((number(g[0]), number(g[1])));
            } else {
                let min = first_match(&MIN_VALUE, range).and_then(|g| number(g[0]));
                let max = first_match(&MAX_VALUE, range).and_then(|g| number(g[0]));
                if min.is_some() || max.is_some() {
                    found.value = Some((min, max));
                }
            }
            found.value.is_some()
        }
        "array" => {
            if let Some(g) = first_match(&ITEMS, range.trim()) {
                // An exact count leaves the second group empty.
                let max = if g[1].is_empty() { g[0] } else { g[1] };
                found.items = Some((number(g[0]), number(max)));
            } else if let Some(g) = first_match(&MAX_ITEMS, range) {
                found.items = Some((None, number(g[0])));
            }
            found.items.is_some()
        }
        _ => false,
    }
}

/// The bounds of [`MIN_LINE`] / [`MAX_LINE`]; true if any was read.
fn bound_lines(text: &str, ty: &str, found: &mut Constraints) -> bool {
    let min = groups(&MIN_LINE, text).map(|g| g[0].to_owned());
    let max = groups(&MAX_LINE, text).map(|g| g[0].to_owned());
    if min.is_none() && max.is_none() {
        return false;
    }
    // Written out as bounds, they win over what prose said; a bound they
    // leave out is kept from the prose.
    fn merged<T: std::str::FromStr + Copy>(
        old: Option<(Option<T>, Option<T>)>,
        min: &Option<String>,
        max: &Option<String>,
    ) -> Option<(Option<T>, Option<T>)> {
        let (old_min, old_max) = old.unwrap_or((None, None));
        let min = min.as_deref().and_then(number).or(old_min);
        let max = max.as_deref().and_then(number).or(old_max);
        Some((min, max))
    }
    match ty {
        "string" => {
            found.length = merged(found.length, &min, &max);
            true
        }
        "integer" | "number" => {
            found.value = merged(found.value, &min, &max);
            true
        }
        // On a list, the API Explorer export writes the list's size as
        // `Array Length: 0 - 100` / `数组长度`, and bound lines for its
        // items: their lengths on a list of strings (on a list of anything
        // else they say nothing the importer can use, and are reported).
        "array" => {
            found.item_length = merged(found.item_length, &min, &max);
            true
        }
        _ => false,
    }
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ';' | '='))
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

/// A number with thousands commas that `text` starts with, without them
/// (`1,000 items` → `1000`), and where it ends in `text`.
fn leading_thousands(text: &str) -> Option<(String, usize)> {
    static THOUSANDS: LazyLock<Regex> = LazyLock::new(|| regex(r"^-?\d{1,3}(?:,\d{3})+(?![\d,])"));
    let found = THOUSANDS.find(text)?;
    Some((text[found.range()].replace(',', ""), found.end()))
}

/// `1,000` → `1000`; anything else as it is.
fn without_thousands_commas(value: &str) -> String {
    match leading_thousands(value) {
        Some((number, end)) if end == value.len() => number,
        _ => value.to_owned(),
    }
}

/// `0: default enterprise project.` → `0`; `默认为0` → `0`; `1,000` → `1000`.
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
    if let Some((number, _)) = leading_thousands(text) {
        return Some(number);
    }
    let value: String = text
        .chars()
        .take_while(|c| {
            !c.is_whitespace() && !matches!(c, ',' | '，' | ':' | '：' | '。' | '(' | '（')
        })
        .collect();
    // The value, then nothing, its explanation (`0: default project`,
    // `true (enabled)`) or a full stop; not the first word of a sentence
    // (`If this parameter is not set, …`).
    let rest = text[value.len()..].trim_start();
    let explained = rest.is_empty()
        || rest.starts_with([',', '，', ':', '：', '。', '(', '（', ';', '；', '.'])
        || rest.starts_with("indicates")
        || rest.starts_with("means");
    let value = value.trim_end_matches('.');
    (explained && is_token(value)).then(|| value.to_owned())
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
            // The API Explorer export: one bound a line at the end.
            ("Label of the pool.\nMinimum: 1\nMaximum: 255", "string",
             Constraints { length: Some((Some(1), Some(255))), ..Default::default() }),
            ("Page size.\nMinimum: 1\nMaximum: 500\nDefault: 100", "integer",
             Constraints { value: Some((Some(1), Some(500))), default: Some("100".into()), ..Default::default() }),
            ("Note.\nMaximum: 64", "string",
             Constraints { length: Some((None, Some(64))), ..Default::default() }),
            ("Alias.\nMinimum length: 2 characters\nMaximum length: 40 characters", "string",
             Constraints { length: Some((Some(2), Some(40))), ..Default::default() }),
            ("分组名称。\n最小长度:1\n最大长度:32", "string",
             Constraints { length: Some((Some(1), Some(32))), ..Default::default() }),
            ("页码。\n最小值:0\n最大值:100", "integer",
             Constraints { value: Some((Some(0), Some(100))), ..Default::default() }),
            ("Zone kind.\nEnumeration values:\npublic\nprivate", "string",
             Constraints { values: vec!["public".into(), "private".into()], ..Default::default() }),
            ("区域类型。\n枚举值:\n• gold\n• silver\n缺省值:gold", "string",
             Constraints { values: vec!["gold".into(), "silver".into()], default: Some("gold".into()), ..Default::default() }),
            // Lengths without a "length" word.
            ("Display name. Enter 1 to 64 characters.", "string",
             Constraints { length: Some((Some(1), Some(64))), ..Default::default() }),
            ("Display name, 4\u{2013}24 characters.", "string",
             Constraints { length: Some((Some(4), Some(24))), ..Default::default() }),
            ("Remark. It cannot exceed 255 characters.", "string",
             Constraints { length: Some((None, Some(255))), ..Default::default() }),
            ("Remark. Max 128 characters.", "string",
             Constraints { length: Some((None, Some(128))), ..Default::default() }),
            ("备注,最大支持255个字符", "string",
             Constraints { length: Some((None, Some(255))), ..Default::default() }),
            ("描述。支持的最大字符长度:512", "string",
             Constraints { length: Some((None, Some(512))), ..Default::default() }),
            ("Offset of the page. The value range is 0 to 1,000,000.", "integer",
             Constraints { value: Some((Some(0), Some(1_000_000))), ..Default::default() }),
            // Defaults in free text; "none" is no default.
            ("Protocol of the listener. 默认为TCP", "string",
             Constraints { default: Some("TCP".into()), ..Default::default() }),
            ("Tag key. Default value: N/A", "string", Constraints::default()),
            ("Tag key. The default value is left blank.", "string", Constraints::default()),
            ("Mode. 默认取值为“auto”", "string",
             Constraints { default: Some("auto".into()), ..Default::default() }),
            ("Record type.\n• Public zones: The type can be A, NS or TXT.\n• Private zones: The value can be A or PTR.", "string",
             Constraints { values: vec!["A".into(), "NS".into(), "TXT".into(), "PTR".into()], ..Default::default() }),
            ("Severity, which can be 1, 2 (default), 3 or 4, indicating high, medium, low and info, respectively.", "integer",
             Constraints { values: vec!["1".into(), "2".into(), "3".into(), "4".into()], default: Some("2".into()), ..Default::default() }),
            ("Media type. Set it to application/json;charset=UTF-8.", "string",
             Constraints { values: vec!["application/json;charset=UTF-8".into()], ..Default::default() }),
            ("认证方式,RBAC为安全认证,NONE为无认证。", "string",
             Constraints { values: vec!["RBAC".into(), "NONE".into()], ..Default::default() }),
            ("池类型,DYNAMIC:动态池,STATIC:静态池。", "string",
             Constraints { values: vec!["DYNAMIC".into(), "STATIC".into()], ..Default::default() }),
            ("密钥描述,取值0到255字符。", "string",
             Constraints { length: Some((Some(0), Some(255))), ..Default::default() }),
            ("Admin state.\nRange\n• true (default): up\n• false: down", "boolean",
             Constraints { values: vec!["true".into(), "false".into()], default: Some("true".into()), ..Default::default() }),
            ("Name.\nMinimum: 1 Maximum: 36", "string",
             Constraints { length: Some((Some(1), Some(36))), ..Default::default() }),
            ("描述,长度不超过85个字符。\n最小长度:0\n最大长度:255", "string",
             Constraints { length: Some((Some(0), Some(255))), ..Default::default() }),
            ("端口,取值范围为8000~30000", "integer",
             Constraints { value: Some((Some(8000), Some(30000))), ..Default::default() }),
            ("状态,取值为ACTIVE或者DISABLED。", "string",
             Constraints { values: vec!["ACTIVE".into(), "DISABLED".into()], ..Default::default() }),
            ("类型,固定值“Node”。", "string",
             Constraints { values: vec!["Node".into()], ..Default::default() }),
            ("Engine. Value: rabbitmq.", "string", Constraints::default()),
            ("Enabled. true (default value) indicates on.", "boolean",
             Constraints { default: Some("true".into()), ..Default::default() }),
            ("Zone ID, a 36-digit character string.", "string",
             Constraints { length: Some((Some(36), Some(36))), ..Default::default() }),
            ("Token. Value length: 32 characters", "string",
             Constraints { length: Some((Some(32), Some(32))), ..Default::default() }),
            ("Names of the tags. Array Length: 0 - 20", "array",
             Constraints { items: Some((Some(0), Some(20))), ..Default::default() }),
            ("API version. The value is fixed at v3.", "string",
             Constraints { values: vec!["v3".into()], ..Default::default() }),
            ("是否加密,只支持设置为true", "boolean", Constraints::default()),
            ("协议,可设置为tcp、udp或http。", "string",
             Constraints { values: vec!["tcp".into(), "udp".into(), "http".into()], ..Default::default() }),
            ("Alias of up to 36 Unicode characters.", "string",
             Constraints { length: Some((None, Some(36))), ..Default::default() }),
            // A pattern stated as one.
            ("Bucket name. Regular expression: ^[a-z][a-z0-9-]{2,62}$", "string",
             Constraints { pattern: Some("^[a-z][a-z0-9-]{2,62}$".into()), ..Default::default() }),
            // Chinese labels alone on their lines.
            ("参数解释\n每页条数\n约束限制\n不涉及\n取值范围\n取值1-50\n默认取值\n10", "integer",
             Constraints { value: Some((Some(1), Some(50))), default: Some("10".into()), ..Default::default() }),
            // Single bounds of a number, in both languages.
            ("Page size. The maximum value is 1000.", "integer",
             Constraints { value: Some((None, Some(1000))), ..Default::default() }),
            ("Start row. The minimum value is 0, and there is no upper bound.", "integer",
             Constraints { value: Some((Some(0), None)), ..Default::default() }),
            ("偏移量,最小为0。", "integer",
             Constraints { value: Some((Some(0), None)), ..Default::default() }),
            ("每页条数,默认值10,最大值100。", "integer",
             Constraints { value: Some((None, Some(100))), default: Some("10".into()), ..Default::default() }),
            ("Limit. Minimum value: 1; maximum value: 100.", "integer",
             Constraints { value: Some((Some(1), Some(100))), ..Default::default() }),
            // Ranges with brackets, colons and other joiners.
            ("数量,取值范围:1~100。", "integer",
             Constraints { value: Some((Some(1), Some(100))), ..Default::default() }),
            ("数量,取值范围[1,500]。", "integer",
             Constraints { value: Some((Some(1), Some(500))), ..Default::default() }),
            ("Count. Value range: [1, 100].", "integer",
             Constraints { value: Some((Some(1), Some(100))), ..Default::default() }),
            ("Limit. The value must be an integer from 1 to 100.", "integer",
             Constraints { value: Some((Some(1), Some(100))), ..Default::default() }),
            ("Cool-down. The value range is from 0 to 900 and is 60 by default.", "integer",
             Constraints { value: Some((Some(0), Some(900))), default: Some("60".into()), ..Default::default() }),
            ("参数解释\n名称\n取值范围\n[1, 64]", "string",
             Constraints { length: Some((Some(1), Some(64))), ..Default::default() }),
            ("参数解释\n规则\n取值范围\n[0, 50]", "array",
             Constraints { items: Some((Some(0), Some(50))), ..Default::default() }),
            // Lengths in more wordings.
            ("名称,字符串长度在1 ~32 之间。", "string",
             Constraints { length: Some((Some(1), Some(32))), ..Default::default() }),
            ("命名空间,总长度最短为2,最大为40。", "string",
             Constraints { length: Some((Some(2), Some(40))), ..Default::default() }),
            ("备注,字符长度不能大于128", "string",
             Constraints { length: Some((None, Some(128))), ..Default::default() }),
            ("Serial. The value can contain 24 characters.", "string",
             Constraints { length: Some((Some(24), Some(24))), ..Default::default() }),
            ("幂等标识,取值为24位的随机字符串。", "string",
             Constraints { length: Some((Some(24), Some(24))), ..Default::default() }),
            ("Phone number with a maximum of 20 digits.", "string",
             Constraints { length: Some((None, Some(20))), ..Default::default() }),
            ("Note. It can hold up to 100 bytes.", "string",
             Constraints { length: Some((None, Some(100))), length_in_bytes: true, ..Default::default() }),
            // List sizes said with any noun.
            ("Labels. Up to 10 labels can be given.", "array",
             Constraints { items: Some((None, Some(10))), ..Default::default() }),
            ("标签。最多支持10个标签。", "array",
             Constraints { items: Some((None, Some(10))), ..Default::default() }),
            // More value lists, defaults and patterns.
            ("Kind. Options: AUTO, MANUAL.", "string",
             Constraints { values: vec!["AUTO".into(), "MANUAL".into()], ..Default::default() }),
            ("State. Possible values: on, off, idle.", "string",
             Constraints { values: vec!["on".into(), "off".into(), "idle".into()], ..Default::default() }),
            ("Tier. Valid values are GOLD and SILVER.", "string",
             Constraints { values: vec!["GOLD".into(), "SILVER".into()], ..Default::default() }),
            ("级别,取值为:HIGH、LOW。", "string",
             Constraints { values: vec!["HIGH".into(), "LOW".into()], ..Default::default() }),
            ("消息体格式,该字段填为:application/json;charset=utf8。", "string",
             Constraints { values: vec!["application/json;charset=utf8".into()], ..Default::default() }),
            ("Packing. The default format is ZIP.", "string",
             Constraints { default: Some("ZIP".into()), ..Default::default() }),
            ("Label.\nRegExp=^[a-z]{1,8}$", "string",
             Constraints { pattern: Some("^[a-z]{1,8}$".into()), ..Default::default() }),
            // A limit or a default of one case only is not the field's.
            ("Size in GiB.\n• For a small lamp, the size ranges from 1 to 5.\n• Other lamps take any size.", "integer",
             Constraints::default()),
            ("参数解释: 灯泡类型。 约束限制: 不涉及。 取值范围:\n默认值: warm。", "string",
             Constraints { default: Some("warm".into()), ..Default::default() }),
            ("算法。\n取值:\n• FAST:快速。\n• SLOW:慢速。\n使用说明:\n• 当取值为SLOW时,耗时更长。", "string",
             Constraints { values: vec!["FAST".into(), "SLOW".into()], ..Default::default() }),
            // Lists and single values after "can only be".
            ("Slots. Currently the value can only be 2, 4, or 8.", "integer",
             Constraints { values: vec!["2".into(), "4".into(), "8".into()], ..Default::default() }),
            ("Billing. This value can only be set to 3, meaning yearly.", "integer",
             Constraints { values: vec!["3".into()], ..Default::default() }),
            ("Hosts.\nMinimum: 1\nMaximum: 64\nArray Length: 0 - 10", "array",
             Constraints { items: Some((Some(0), Some(10))), item_length: Some((Some(1), Some(64))), ..Default::default() }),
            ("Hosts. The array length can only be 1.", "array",
             Constraints { items: Some((Some(1), Some(1))), ..Default::default() }),
            ("Policy. Currently, keep is the only value.", "string",
             Constraints { values: vec!["keep".into()], ..Default::default() }),
            ("Time. Set it to any of the following:\n• now: at once\n• later: in a minute", "string",
             Constraints { values: vec!["now".into(), "later".into()], ..Default::default() }),
            ("• 参数解释:描述。\n• 约束限制:0-80个字符。\n• 取值范围:无\n• 默认取值:无", "string",
             Constraints { length: Some((Some(0), Some(80))), ..Default::default() }),
            ("• 参数解释:方向。\n• 约束限制:无\n• 取值范围:\n• up:向上。\n• down:向下。\n• 默认取值:无", "string",
             Constraints { values: vec!["up".into(), "down".into()], ..Default::default() }),
            ("格式,下方类型可任选其一使用: text/plain text/html 缺省值:text/plain", "string",
             Constraints { values: vec!["text/plain".into(), "text/html".into()], default: Some("text/plain".into()), ..Default::default() }),
            ("Format. It can only be set to text/plain.", "string",
             Constraints { values: vec!["text/plain".into()], ..Default::default() }),
            ("Verb. It is case sensitive and can be open or shut.", "string",
             Constraints { values: vec!["open".into(), "shut".into()], ..Default::default() }),
            ("Edge. The options are as follows: near, far, and none.", "string",
             Constraints { values: vec!["near".into(), "far".into(), "none".into()], ..Default::default() }),
            // Numbers with their meanings.
            ("Mode. The options are as follows:\n0: shared mode\n1: dedicated mode", "integer",
             Constraints { values: vec!["0".into(), "1".into()], ..Default::default() }),
            ("协议,取值范围:MQTT,HTTP,Other。", "string",
             Constraints { values: vec!["MQTT".into(), "HTTP".into(), "Other".into()], ..Default::default() }),
            ("Rights. 7: manage. 3: edit. 1: read.", "integer",
             Constraints { values: vec!["7".into(), "3".into(), "1".into()], ..Default::default() }),
            ("排序方式,可设置为desc(降序)、asc(升序),与排序列配合使用。", "string",
             Constraints { values: vec!["desc".into(), "asc".into()], ..Default::default() }),
            ("编号。取值范围:字符范围0-64", "string",
             Constraints { length: Some((Some(0), Some(64))), ..Default::default() }),
            ("类型。约束限制: 正则表达式:\"red|green\"。", "string",
             Constraints { pattern: Some("red|green".into()), ..Default::default() }),
            ("A name. Only lowercase letters, digits, periods (.), and hyphens (-) are allowed.", "string",
             Constraints { pattern: Some("^[a-z0-9.-]+$".into()), ..Default::default() }),
            ("A name. It starts with a letter and can contain only letters, digits, and slashes (/).", "string",
             Constraints { pattern: Some("^[A-Za-z][A-Za-z0-9/]*$".into()), ..Default::default() }),
            ("参数解释: 排序 取值范围: asc(升序) desc(降序) 默认取值: asc", "string",
             Constraints { values: vec!["asc".into(), "desc".into()], default: Some("asc".into()), ..Default::default() }),
            ("参数解释: 开关 取值范围: 0(关闭) 1(开启)", "integer",
             Constraints { values: vec!["0".into(), "1".into()], ..Default::default() }),
            ("回收类型,date_rule、tag_rule", "string",
             Constraints { values: vec!["date_rule".into(), "tag_rule".into()], ..Default::default() }),
            ("排序字段,支持created_at、updated_at,默认为created_at", "string",
             Constraints { values: vec!["created_at".into(), "updated_at".into()], default: Some("created_at".into()), ..Default::default() }),
            ("请求语言类型。默认en-us。 取值范围: en-us zh-cn", "string",
             Constraints { values: vec!["en-us".into(), "zh-cn".into()], default: Some("en-us".into()), ..Default::default() }),
            ("返回条数。默认返回的条数是10条,最大返回条数是100条。", "integer",
             Constraints { value: Some((None, Some(100))), default: Some("10".into()), ..Default::default() }),
            ("Sorting type. You can set this parameter to desc (descending sort) or asc (ascending sort).", "string",
             Constraints { values: vec!["desc".into(), "asc".into()], ..Default::default() }),
            ("Sorting column. You can set this parameter to updated_at (sorting by update time).", "string",
             Constraints { values: vec!["updated_at".into()], ..Default::default() }),
            ("Filter. order_type indicates the sorting type, which can be desc (descending) or asc (ascending).", "string",
             Constraints::default()),
            ("Page size. Value range: 1-1,000 Default value: 1,000", "integer",
             Constraints { value: Some((Some(1), Some(1000))), default: Some("1000".into()), ..Default::default() }),
            ("偏移量,取值范围为大于或等于0,默认0", "integer",
             Constraints { value: Some((Some(0), None)), default: Some("0".into()), ..Default::default() }),
            ("主机状态。\n• 不传参默认为全部。\n• ACTIVE :正在运行。\n• SHUTOFF :关机。", "string",
             Constraints { values: vec!["ACTIVE".into(), "SHUTOFF".into()], ..Default::default() }),
            ("Host status.\n• running: running.\n• plugin error: plug-in error.", "string",
             Constraints { values: vec!["running".into(), "plugin error".into()], ..Default::default() }),
            ("Number of returned records. If this parameter is not specified, 100 records will be returned by default.", "integer",
             Constraints { default: Some("100".into()), ..Default::default() }),
            ("Filters, one of:\nname: the name. It supports fuzzy match.\ncategory: the type. The value can be app or db.", "string",
             Constraints::default()),
            ("Host IDs.\nMinimum: 36\nMaximum: 36", "array",
             Constraints { item_length: Some((Some(36), Some(36))), ..Default::default() }),
            // Near misses: a bound after 默认, a pattern that is no regex, a
            // list that is not said to be the only one, a range, an option.
            ("数量。默认情况下最大值为100。", "integer",
             Constraints { value: Some((None, Some(100))), ..Default::default() }),
            ("Name. Regular expression: see below.", "string", Constraints::default()),
            ("备注,可包含中文、英文、数字", "string", Constraints::default()),
            ("名称。取值范围: 1 - 64", "string", Constraints::default()),
            ("Switch. You can set this parameter to true to enable it.", "string", Constraints::default()),
            ("是否公开,可选true、false", "string",
             Constraints { values: vec!["true".into(), "false".into()], ..Default::default() }),
            ("排序列,可设置为name(按名称排序)。", "string",
             Constraints { values: vec!["name".into()], ..Default::default() }),
            ("删除方式。\n取值范围:\n• true或block:删除,失败则停止。\n• false或skip:不删除。", "string",
             Constraints { values: vec!["true".into(), "block".into(), "false".into(), "skip".into()], ..Default::default() }),
            ("Kind. If it is left blank, the value lamp is used by default.", "string",
             Constraints { default: Some("lamp".into()), ..Default::default() }),
            ("Source.\n• own indicates that we made it.\n• bought indicates that we did not.", "string",
             Constraints { values: vec!["own".into(), "bought".into()], ..Default::default() }),
            ("版本,支持4(IPv4)、6(IPv6)", "integer",
             Constraints { values: vec!["4".into(), "6".into()], ..Default::default() }),
            ("Alias (it matches the regular expression ^[a-z]{1,9}$. More.)", "string",
             Constraints { pattern: Some("^[a-z]{1,9}$".into()), ..Default::default() }),
            ("Family: 4 (IPv4), 6 (IPv6).", "integer",
             Constraints { values: vec!["4".into(), "6".into()], ..Default::default() }),
            // More bounds and defaults.
            ("Range\nIt is a 36-digit UUID.", "string",
             Constraints { length: Some((Some(36), Some(36))), ..Default::default() }),
            ("Definition\nStart.\nRange\nGreater than or equal to 0", "integer",
             Constraints { value: Some((Some(0), None)), ..Default::default() }),
            ("Media type. Default value: text/plain;charset=utf8.", "string",
             Constraints { default: Some("text/plain;charset=utf8".into()), ..Default::default() }),
            ("Kind. If the kind is not specified, the default value lamp is used.", "string",
             Constraints { default: Some("lamp".into()), ..Default::default() }),
            // English labels with colons, lower-case "value".
            ("Definition: Pool name. Constraints: N/A Range: Length: 1 to 255 characters Default value: N/A", "string",
             Constraints { length: Some((Some(1), Some(255))), ..Default::default() }),
        ];
        for (text, ty, expected) in table {
            assert_eq!(&read(text, ty), expected, "{text}");
        }
    }

    #[test]
    fn bullets_after_an_example_are_not_values_and_odd_ones_are_reported() {
        let found = read(
            "Definition x Range\n• fast\n• slow\nExample value:\n• fast\nDefault Value\nN/A",
            "string",
        );
        assert_eq!(found.values, ["fast", "slow"]);
        let (found, unread) = constraints(
            &parts("Definition x Range\n• fast\n• very slow (rare)\nDefault Value\nN/A"),
            "string",
        );
        // A list with a value it cannot read is not taken: it would refuse that value.
        assert!(found.values.is_empty(), "{:?}", found.values);
        assert!(unread[0].contains("very slow"), "{unread:?}");
    }

    #[test]
    fn a_stated_pattern_that_does_not_compile_is_reported() {
        let (found, unread) = constraints(&parts("Name. Regular expression: ^[a-z($"), "string");
        assert_eq!(found.pattern, None);
        assert!(unread[0].contains("does not compile"), "{unread:?}");
    }

    #[test]
    fn defaults_of_several_cases_are_reported_not_taken() {
        let (found, unread) = constraints(
            &parts("用途,小灯默认为“DIM”,大灯默认为“BRIGHT”。"),
            "string",
        );
        assert_eq!(found.default, None);
        assert!(unread[0].contains("several cases"), "{unread:?}");
    }

    #[test]
    fn a_verb_before_by_default_is_reported_not_taken() {
        let text = "Cluster. Or default is transferred to query the official pool.";
        let (found, unread) = constraints(&parts(text), "string");
        assert_eq!(found.default, None);
        assert_eq!(
            unread,
            ["default not understood: \"transferred\" reads as a verb"]
        );
        // `will be returned by default` is no default wording at all.
        let text = "Records. If it is not specified, all records will be returned by default.";
        assert_eq!(
            constraints(&parts(text), "integer"),
            (Constraints::default(), vec![])
        );
    }

    #[test]
    fn a_default_of_one_case_is_reported_not_taken() {
        let (found, unread) = constraints(
            &parts("Owner. When kind is set to lamp, the default value shop is used."),
            "string",
        );
        assert_eq!(found.default, None);
        assert!(unread[0].contains("one case only"), "{unread:?}");
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
