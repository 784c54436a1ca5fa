//! Allowed values stated in a description: lists in running text (`The
//! value can be a, b or c.`, `可设置为a、b`), bullets (`• a: …`), a block
//! after `Enumeration values:`, codes with their meanings, and one fixed
//! value (`The value is fixed at v3.`).

use super::{
    first_match, groups, is_token, regex, regexes, sentence_before, strip_parentheses, DEFAULT,
    MAX_LINE, MAX_MATCHES, MIN_LINE,
};
use regress::Regex;
use std::sync::LazyLock;

/// One value only: `The value is fixed at v3.`, `The value can only be
/// true.`, `只支持设置为true`.
static ONE_VALUE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"(?:\bcan only be(?: set to)?|\bmust be set to|\bis fixed (?:at|to)) ([\w./;=+-]+?)[.,]?(?:\s|$)",
        // As a sentence of its own (`To list all, set this parameter to
        // all` names one value among others), the value ending it or
        // followed by its meaning (`Set it to true to enable …` is an
        // option, not the one value).
        r"(?:^|[.。]\s+|\n)(?:You can set|Set) (?:it|this parameter) to ([\w./;=+-]+?)(?:\.(?:\s|$)|\s*\(|$)",
        r"(?:^|[.。]\s+|\n)Fill ([\w./;=+-]+) in this field",
        r"^Value:\s*([\w.-]+)\.?$",
        r"(?:^|[\s,])([\w./-]+) is the only (?:value|option)",
        r"(?:只支持设置为|取值固定为|固定值|固定为|仅支持)\s*[“\x22]?([\w.-]+)[”\x22]?",
        r"(?:该字段(?:内容)?填为|该字段填写为|填写为)\s*[:：]?\s*[“\x22]?([\w./;=+-]+?)[”\x22]?[。.]?(?:\s|$)",
    ])
});

/// Allowed values listed in Chinese prose: `可设置为a、b或c。`.
static CAN_BE_SET_TO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:可设置为|(?:可选(?:值|项)?(?:为|有|包括)?[:：]?|取值[:：])(?=\s*[A-Za-z0-9“\x22])|取值可以为|取值为[:：]?|取值包括[:：]?|包括[:：]|取值范围[:：])\s*([^。\n]+)",
    )
});

/// `Enumeration values:` / `枚举值:`, then one value per line.
static ENUM_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|\n)\s*(?:Enumeration values?|Enumerated values?|枚举值|Valores de enumeración|Valores de enumeração)\s*[:：]?\s*\n",
    )
});

static VALUE_CAN_BE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:[Tt]he (?:value|type) can be|which can be|[Yy]ou can set (?:this parameter|it) to|\bcan only be|\band can be|[Tt]he options are as follows:|[Vv]alid values are|[Vv]alid values:|[Vv]alue options?:|[Oo]ptions:|[Pp]ossible values(?: are)?:?) ([^.]+?)(?:,? (?:indicating|respectively)[^.]*)?\.(?:\s|$)",
    )
});

/// Codes each followed by their meaning: `RBAC为安全认证,NONE为无认证`,
/// `DYNAMIC:动态池,STATIC:静态池`, `EVENT.SYS: … EVENT.CUSTOM: …`.
static CODE_MEANS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[,，;；。\n]|\.\s)\s*([A-Z][A-Z0-9_.]*[A-Z0-9])\s*(?:[:：]|为)"));

static ONLY_SUPPORTED: LazyLock<Regex> = LazyLock::new(|| regex(r"[Oo]nly ([\w.-]+) is supported"));

static CHOOSE_ONE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"任选其一使用?[:：]\s*(.+?)\s*(?:缺省值|默认值|$|\n)"));

static NUMBER_MEANS: LazyLock<Regex> = LazyLock::new(|| regex(r"(-?\d+)\s*表示"));

/// Numbers each with their meaning: `0: shared` on lines of their own, or
/// `0 (IPv4), 1 (IPv6)`.
static NUMBER_LINES: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|\n)\s*[•·-]?\s*(-?\d+)\s*[:：]"));

/// `7: manage. 3: edit. 1: read.` in running text.
static NUMBER_CODES: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[\s.。,，;；])(-?\d+)\s*[:：]\s*(?=[A-Za-z\u4e00-\u9fa5])"));

static NUMBER_NOTES: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:^|[\s:：,，、]|支持)(-?\d+) ?[(（][^)）]+[)）](?=\s*(?:[,，、]|or|and|$|[.。]))")
});

/// A Range that is only values, each with its meaning in parentheses and
/// no other separator than a space: `a(…) b(…)`, `0(关闭) 1(开启)`.
pub(super) fn noted_values(range: &str, ty: &str) -> Option<Vec<String>> {
    static NOTED: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^(?:[\w./-]+\s*[(（][^()（）]*[)）][\s,，、;；]*){2,}[.。]?$"));
    NOTED.find(range.trim())?;
    let values: Vec<String> = strip_parentheses(range)
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .map(|v| v.trim_end_matches(['.', '。']))
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
    let typed = match ty {
        "string" => values.iter().all(|v| is_token(v)),
        "integer" => values.iter().all(|v| v.parse::<i64>().is_ok()),
        _ => false,
    };
    typed.then_some(values)
}

/// The values listed after `Enumeration values:`, one a line (bulleted or
/// not), up to a blank line, a label or an example.
pub(super) fn enum_block(text: &str) -> Option<Vec<String>> {
    let found = ENUM_BLOCK.find(text)?;
    let values: Vec<String> = text[found.end()..]
        .lines()
        .map(|l| l.trim().trim_start_matches(['•', '·', '-', '*']).trim())
        .take_while(|l| {
            !l.is_empty()
                && !l.starts_with("Example")
                && !l.starts_with("示例")
                && !l.ends_with([':', '：'])
                && MIN_LINE.find(l).is_none()
                && MAX_LINE.find(l).is_none()
                && !DEFAULT
                    .iter()
                    .any(|re| re.find(l).is_some_and(|m| m.start() == 0))
        })
        .map(|l| l.split([':', '：']).next().unwrap_or(l).trim().to_owned())
        .filter(|l| !l.is_empty() && l.chars().count() <= 64)
        .collect();
    (!values.is_empty()).then_some(values)
}

/// `V1: V1 version` → `V1`; a bullet without a plain value is not read.
/// `true或block: …` / `a or b: …` → both values.
pub(super) fn bullet_values(bullet: &str) -> Option<Vec<String>> {
    let value = bullet.split([':', '：']).next()?.trim();
    // `kms indicates that …`, `0表示…`: the value, then its meaning.
    let value = [" indicates", " means", "表示"]
        .iter()
        .find_map(|w| value.split_once(w).map(|(v, _)| v.trim()))
        .unwrap_or(value);
    // `true (default)`: the value, with a note.
    let value = strip_parentheses(value);
    let values: Vec<String> = value
        .split('或')
        .flat_map(|v| v.split(" or "))
        .map(|v| v.trim().to_owned())
        .collect();
    // `plugin error: plug-in error.`: a value of a few lowercase words
    // before its meaning, but not a label (`default value: 5`).
    const LABEL_WORDS: &[&str] = &[
        "default", "value", "values", "length", "range", "example", "note", "max", "min",
        "maximum", "minimum",
    ];
    let named = bullet.contains([':', '：']);
    let words = |v: &String| {
        let words: Vec<&str> = v.split(' ').collect();
        (2..=3).contains(&words.len())
            && !words.iter().any(|w| LABEL_WORDS.contains(w))
            && words
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    };
    values
        .iter()
        .all(|v| is_token(v) || (named && words(v)))
        .then_some(values)
}

/// Allowed values stated in running text.
pub(super) fn values(text: &str, ty: &str) -> Vec<String> {
    if ty == "integer" {
        let listed = listed_values(text);
        if listed.len() >= 2 && listed.iter().all(|v| v.parse::<i64>().is_ok()) {
            return listed;
        }
        for rule in [
            &*NUMBER_MEANS,
            &*NUMBER_LINES,
            &*NUMBER_NOTES,
            &*NUMBER_CODES,
        ] {
            let mut numbers: Vec<String> = rule
                .find_iter(text)
                .filter_map(|m| m.group(1).map(|r| text[r].to_owned()))
                .collect();
            numbers.dedup();
            if numbers.len() >= 2 {
                return numbers;
            }
        }
        // One value only: `This value can only be set to 1.`
        return first_match(&ONE_VALUE, text)
            .map(|g| g[0].trim_end_matches('.').to_owned())
            .filter(|v| v.parse::<i64>().is_ok())
            .into_iter()
            .collect();
    }
    if ty != "string" {
        return Vec::new();
    }
    let listed = listed_values(text);
    if !listed.is_empty() {
        return listed;
    }
    if let Some(g) = groups(&ONLY_SUPPORTED, text) {
        return vec![g[0].to_owned()];
    }
    values_after_lists(text)
}

/// `a, b (note), or c` / `a、b或者c`: two or more plain values, notes left
/// out; `None` when any item is not a plain value.
fn value_list(text: &str) -> Option<Vec<String>> {
    let values: Vec<String> = strip_parentheses(text)
        .split([',', '，', '、'])
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split("或者"))
        .flat_map(|part| part.split('或'))
        .map(|v| {
            v.trim()
                .trim_start_matches("or ")
                .trim_start_matches("and ")
                .trim()
                .trim_end_matches(['。', '.'])
                .to_owned()
        })
        .filter(|v| !v.is_empty())
        .collect();
    (values.len() >= 2 && values.iter().all(|v| is_token(v))).then_some(values)
}

/// Every list the text gives (one per case, as in `• Public zones: …
/// • Private zones: …`): the values allowed in any case.
fn listed_values(text: &str) -> Vec<String> {
    let mut listed: Vec<String> = Vec::new();
    for found in VALUE_CAN_BE.find_iter(text) {
        let Some(range) = found.group(1) else {
            continue;
        };
        // `order_type indicates the sorting type, which can be …`: the
        // values of another field the text describes.
        if OTHER_FIELD
            .find(sentence_before(text, found.start()))
            .is_some()
            || in_sub_field_line(text, found.start())
        {
            continue;
        }
        for value in value_list(&text[range]).unwrap_or_default() {
            if !listed.contains(&value) {
                listed.push(value);
            }
        }
    }
    listed
}

/// A sentence about a field named in it: `order_type indicates …`.
static OTHER_FIELD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[a-z][a-z0-9]*_[a-z0-9_]+ (?:indicates|is|specifies|means)\b"));

/// `支持created_at、updated_at`: a list, never one value (`支持Linux` says
/// what works, not what may be sent).
static SUPPORTS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"支持\s*([\w.-]+(?:、[\w.-]+)+)(?:[,，。;；\s]|$)"));

/// A line `<field>: …` among two or more such lines (`Pass one of the
/// following: name: … category: … The value can be …`): what it says is of
/// that field, not of the one described.
fn in_sub_field_line(text: &str, at: usize) -> bool {
    static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| regex(r"^[a-z][a-z0-9_]*[:：] "));
    let lines = text
        .lines()
        .filter(|l| FIELD_LINE.find(l.trim()).is_some())
        .count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    lines >= 2 && FIELD_LINE.find(text[start..].trim_start()).is_some()
}

/// Values after the noun they are of, and nothing else: `回收类型,date_rule、tag_rule`.
static BARE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^[^,，:：]{1,24}[,，:：]\s*([\w.-]+(?:(?:、|[,，]\s*)[\w.-]+)+)\s*[。.]?$")
});

/// The other wordings of allowed values, after the lists.
fn values_after_lists(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for found in CODE_MEANS.find_iter(text) {
        if let Some(range) = found.group(1) {
            let code = text[range].to_owned();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    if codes.len() >= 2 {
        return codes;
    }
    if let Some(g) = first_match(&ONE_VALUE, text) {
        let value = g[0].trim_end_matches('.');
        // `Set it to any of the following`: no value.
        if is_token(value) && !matches!(value, "any" | "one" | "a" | "an" | "the") {
            return vec![value.to_owned()];
        }
    }
    // Not a case's list (`当…时,取值为a或b`): a list for one case only.
    let conditional = text.contains('当') && text.contains('时');
    if !conditional {
        // The first wording that names values: an earlier `可选` may name
        // none.
        let set_to = CAN_BE_SET_TO
            .find_iter(text)
            .take(MAX_MATCHES)
            .filter_map(|found| found.group(1).map(|r| &text[r]))
            .find_map(values_set_to);
        if let Some(values) = set_to {
            return values;
        }
        if let Some(g) = groups(&SUPPORTS, text) {
            return g[0].split('、').map(str::to_owned).collect();
        }
    }
    if let Some(g) = groups(&BARE_LIST, text.trim()) {
        let values: Vec<String> = g[0]
            .split(['、', ',', '，'])
            .map(|v| v.trim().to_owned())
            .collect();
        if values.iter().all(|v| is_token(v)) {
            return values;
        }
    }
    if let Some(g) = groups(&CHOOSE_ONE, text) {
        let values: Vec<String> = g[0].split_whitespace().map(str::to_owned).collect();
        if !values.is_empty() && values.iter().all(|v| is_token(v)) {
            return values;
        }
    }
    Vec::new()
}

/// The values after `可设置为` (see [`CAN_BE_SET_TO`]), if it names any.
fn values_set_to(listed: &str) -> Option<Vec<String>> {
    // `可设置为desc(降序)、asc(升序),与…配合使用`: the list ends at the
    // first comma outside its parentheses.
    let stripped = strip_parentheses(listed);
    let list = match stripped.split_once([',', '，']) {
        Some((list, _)) if list.contains('、') => list,
        _ => stripped.as_str(),
    };
    if let Some(values) = value_list(list) {
        return Some(values);
    }
    // `取值范围: en-us zh-cn`: values separated by spaces only, to the end.
    let spaced: Vec<&str> = list
        .trim()
        .trim_end_matches(['。', '.'])
        .split_whitespace()
        .collect();
    // Each holds a letter: `1 - 64` is a range, not three values.
    if spaced.len() >= 2
        && spaced
            .iter()
            .all(|v| is_token(v) && v.chars().any(|c| c.is_ascii_alphabetic()))
    {
        return Some(spaced.into_iter().map(str::to_owned).collect());
    }
    // `可设置为updated_at(按更新时间排序)。`: the one value it names.
    let one = stripped.trim().trim_end_matches(['。', '.']);
    is_token(one).then(|| vec![one.to_owned()])
}
