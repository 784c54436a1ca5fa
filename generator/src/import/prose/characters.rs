//! Rules about which characters a string may hold, read into a pattern.
//!
//! The reference states them in three parts, each optional but the list:
//! the characters allowed (`Only letters, digits and hyphens (-) are
//! allowed`, `后面跟小写字母、数字或中划线`, `只能包含字母、数字`), the first
//! character (`starting with a lowercase letter`, `小写字母开头`) and the
//! last (`ending with a letter or digit`, `字母或数字结尾`). A rule this
//! module cannot turn into a pattern (a class it has no name for, a
//! negative rule such as `cannot start with a digit`) is reported, never
//! guessed at.

use super::{groups, regex, regexes};
use regress::Regex;
use std::sync::LazyLock;

/// Names of character classes, each matched whole (`lowercase letters` is
/// not `letters`), and the parts of a regex class they stand for.
const CLASSES: &[(&str, &[&str])] = &[
    ("uppercase letters", &["A-Z"]),
    ("uppercase letter", &["A-Z"]),
    ("capital letters", &["A-Z"]),
    ("lowercase letters", &["a-z"]),
    ("lowercase letter", &["a-z"]),
    ("letters", &["A-Z", "a-z"]),
    ("letter", &["A-Z", "a-z"]),
    ("digits", &["0-9"]),
    ("digit", &["0-9"]),
    ("numbers", &["0-9"]),
    ("number", &["0-9"]),
    ("underscores", &["_"]),
    ("underscore", &["_"]),
    ("periods", &["."]),
    ("period", &["."]),
    ("dots", &["."]),
    ("dot", &["."]),
    ("hyphens", &["-"]),
    ("hyphen", &["-"]),
    ("slashes", &["/"]),
    ("slash", &["/"]),
    ("小写字母", &["a-z"]),
    ("大写字母", &["A-Z"]),
    ("英文字母", &["A-Z", "a-z"]),
    ("字母", &["A-Z", "a-z"]),
    ("英文", &["A-Z", "a-z"]),
    ("中文", &["\\u4e00-\\u9fa5"]),
    ("中文字符", &["\\u4e00-\\u9fa5"]),
    ("汉字", &["\\u4e00-\\u9fa5"]),
    ("数字", &["0-9"]),
    ("下划线", &["_"]),
    ("中划线", &["-"]),
    ("中横线", &["-"]),
    ("连字符", &["-"]),
    ("短横线", &["-"]),
    ("小数点", &["."]),
    ("点号", &["."]),
    ("句点", &["."]),
    ("点", &["."]),
    ("斜杠", &["/"]),
];

/// The allowed characters: English lists may hold `(.)`, so a list runs to
/// a full stop outside parentheses.
static ALLOWED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        r"Only ((?:[^.(]|\([^)]*\))+?) are allowed",
        r"can contain only ((?:[^.(]|\([^)]*\))+?)(?:\.|$)",
        r"后面(?:跟|可以是|可跟|可包含)\s*([^,，。;；]+)",
        r"(?:只能包含|只能由|仅支持|只支持输入|只支持|仅允许|仅包含|仅能包含)\s*([^,，。;；]+?)(?:组成)?(?:[,，。;；]|$)",
    ])
});
static FIRST: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        &format!(
            r"(?:[Ss]tart(?:s|ing)?|[Bb]egin(?:s|ning)?)(?: and end(?:s|ing)?)? with (?:an? )?([A-Za-z ,]+?){CLASS_WORDS_END}"
        ),
        r"(?:^|[,，。;；:：\s])以?([^,，。;；:：\s]+?)开头",
    ])
});
static LAST: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    regexes(&[
        &format!(r"\b[Ee]nd(?:s|ing)? with (?:an? )?([A-Za-z ,]+?){CLASS_WORDS_END}"),
        r"(?:^|[,，。;；:：\s])以?([^,，。;；:：\s]+?)结尾",
    ])
});
/// Where an English list of classes ends: a full stop, or a comma or an
/// `and` that goes on to something else than a class (`starts with a letter
/// and can contain …`; but `a letter, digit, or underscore` goes on).
const CLASS_WORDS_END: &str = r"(?=,? and (?!(?:an? )?(?:uppercase |lowercase |capital )?(?:letter|digit|number|underscore|hyphen|period|dot|slash))|,(?!\s*(?:or |and )?(?:an? )?(?:uppercase |lowercase |capital )?(?:letter|digit|number|underscore|hyphen|period|dot|slash))|[.;]|$)";

/// Rules of what a string may not start or end with: no pattern here says
/// them.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:cannot|can't|must not|may not|不能|不可|不得)\s*(?:以|start|begin|end)")
});

/// A pattern read from a description's character rules.
#[derive(Debug, PartialEq)]
pub(crate) struct CharacterPattern {
    pub pattern: String,
    /// The text also states rules the pattern does not hold: on which
    /// characters may follow which (`cannot be placed next to each other`,
    /// `最多允许连续两个`), on what a string may not start or end with, or
    /// on its first or last character in words this module does not know.
    pub in_part: bool,
}

/// Words of rules about neighbouring characters, which no pattern here
/// states.
const NEIGHBOUR_RULES: &[&str] = &[
    "next to each other",
    "consecutive",
    "adjacent",
    "相连",
    "连续",
    "相邻",
];

/// The pattern the text's character rules state: `None` if it states
/// none, `Err` with the list of characters if this module cannot read it.
/// A rule on the first or last character that it cannot read leaves the
/// pattern of the allowed characters, read in part.
pub(crate) fn pattern(text: &str) -> Option<Result<CharacterPattern, String>> {
    let mut in_part = NEIGHBOUR_RULES.iter().any(|w| text.contains(w));
    let text = without_parentheses_notes(text);
    let allowed = first_group(&ALLOWED, &text)?;
    let Some(allowed_parts) = class(&allowed) else {
        return Some(Err(allowed));
    };
    let negative = NEGATIVE.find(&text).is_some();
    // The first or last characters' class; a rule on them that no class
    // here states leaves the string's ends free, and the pattern in part.
    let mut end = |rules: &[Regex]| match first_group(rules, &text).map(|words| class(&words)) {
        _ if negative => {
            in_part = true;
            None
        }
        Some(None) => {
            in_part = true;
            None
        }
        found => found.flatten(),
    };
    let (first, last) = (end(&FIRST), end(&LAST));
    let allowed = joined(&allowed_parts);
    let pattern = match (first, last) {
        (None, None) => format!("^[{allowed}]+$"),
        (Some(first), None) => format!("^[{}][{allowed}]*$", joined(&first)),
        (None, Some(last)) => format!("^[{allowed}]*[{}]$", joined(&last)),
        // A single character is both first and last: it may stand alone
        // when every allowed first character may also end the string.
        (Some(first), Some(last)) if first.iter().all(|p| last.contains(p)) => {
            format!("^[{}](?:[{allowed}]*[{}])?$", joined(&first), joined(&last))
        }
        (Some(first), Some(last)) => {
            format!("^[{}][{allowed}]*[{}]$", joined(&first), joined(&last))
        }
    };
    Some(Ok(CharacterPattern { pattern, in_part }))
}

/// The text without the notes in parentheses that follow a list
/// (`中划线(其中下划线最多允许连续两个…)`), but with the characters a list
/// names in parentheses (`periods (.)`): those are part of the list.
fn without_parentheses_notes(text: &str) -> String {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| regex(r"[(（][^)）]{2,}[)）]"));
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for found in NOTE.find_iter(text) {
        out.push_str(&text[from..found.start()]);
        from = found.end();
    }
    out.push_str(&text[from..]);
    out
}

/// The first group of the first rule that matches.
fn first_group(rules: &[Regex], text: &str) -> Option<String> {
    rules
        .iter()
        .find_map(|re| groups(re, text))
        .map(|g| g[0].trim().to_owned())
}

/// `lowercase letters, digits and hyphens (-)` → `[a-z, 0-9, -]`; `None`
/// if an item names no class this module knows.
fn class(list: &str) -> Option<Vec<&'static str>> {
    let mut parts: Vec<&'static str> = Vec::new();
    for item in items(list) {
        let (_, chars) = CLASSES.iter().find(|(name, _)| *name == item)?;
        for part in *chars {
            if !parts.contains(part) {
                parts.push(part);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts)
}

/// The parts of a class as the text of a regex class: a hyphen goes last,
/// where it is a literal.
fn joined(parts: &[&str]) -> String {
    let hyphen = parts.iter().filter(|p| **p == "-");
    parts
        .iter()
        .filter(|p| **p != "-")
        .chain(hyphen)
        .copied()
        .collect()
}

/// The names of a list, each without its `(.)`-style example and `a`/`an`.
fn items(list: &str) -> Vec<String> {
    let mut list = list.to_owned();
    for separator in [
        "以及", "、", "，", ",", " and ", " or ", "和", "及", "或", "与",
    ] {
        list = list.replace(separator, "\u{1}");
    }
    list.split('\u{1}')
        .map(|item| {
            let item = item.split(['(', '（']).next().unwrap_or(item).trim();
            let item = item.strip_prefix("and ").unwrap_or(item);
            let item = item.strip_prefix("or ").unwrap_or(item);
            let item = item.strip_prefix("a ").unwrap_or(item);
            let item = item.strip_prefix("an ").unwrap_or(item);
            item.trim().to_owned()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_wording_of_a_character_rule() {
        let table: &[(&str, &str)] = &[
            (
                "Name. Only letters, digits, underscores (_), and hyphens (-) are allowed.",
                "^[A-Za-z0-9_-]+$",
            ),
            (
                "Enter 1 to 64 characters, starting with a lowercase letter and ending with a lowercase letter or digit. Only lowercase letters, digits, periods (.), underscores (_), and hyphens (-) are allowed.",
                "^[a-z](?:[a-z0-9._-]*[a-z0-9])?$",
            ),
            (
                "It must start and end with a lowercase letter or digit. Only lowercase letters, digits, periods (.), slashes (/), underscores (_), and hyphens (-) are allowed.",
                "^[a-z0-9](?:[a-z0-9./_-]*[a-z0-9])?$",
            ),
            (
                "It starts with a letter, digit, or underscore and ends with a digit. Only letters, digits and underscores (_) are allowed.",
                "^[A-Za-z0-9_][A-Za-z0-9_]*[0-9]$",
            ),
            (
                "组织名称。小写字母开头,后面跟小写字母、数字、小数点、下划线或中划线(其中下划线最多连续两个),小写字母或数字结尾,1-64个字符。",
                "^[a-z](?:[a-z0-9._-]*[a-z0-9])?$",
            ),
            ("名称,只能包含字母、数字、下划线和中划线。", "^[A-Za-z0-9_-]+$"),
            ("The value can contain only letters and digits.", "^[A-Za-z0-9]+$"),
        ];
        for (text, want) in table {
            let read = pattern(text).and_then(Result::ok).map(|p| p.pattern);
            assert_eq!(read.as_deref(), Some(*want), "{text}");
        }
        let in_part = pattern(
            "Only letters and hyphens (-) are allowed. Hyphens cannot be placed next to each other.",
        );
        assert!(in_part.is_some_and(|p| p.is_ok_and(|p| p.in_part)));
    }

    #[test]
    fn rules_it_cannot_state_are_reported() {
        let unread = pattern("只支持输入英文、数字、空格");
        assert_eq!(unread, Some(Err("英文、数字、空格".into())));
        let read = pattern("只支持输入英文、数字、中文、中划线").and_then(Result::ok);
        assert_eq!(
            read.map(|p| p.pattern).as_deref(),
            Some("^[A-Za-z0-9\\u4e00-\\u9fa5-]+$")
        );
        // What may not come first is left to the report; what may come
        // anywhere is still a pattern.
        for text in [
            "Only letters and digits are allowed. It cannot start with a digit.",
            "只能包含字母、数字,且不能以数字开头",
            "Only letters and digits are allowed, starting with the prefix.",
        ] {
            let read = pattern(text).and_then(Result::ok);
            assert_eq!(
                read,
                Some(CharacterPattern {
                    pattern: "^[A-Za-z0-9]+$".into(),
                    in_part: true
                }),
                "{text}"
            );
        }
        assert_eq!(pattern("A name that starts with the project's."), None);
    }
}
