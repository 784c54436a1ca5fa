//! Pages whose export flattened a whole section onto one line: `• URI GET
//! /v5/… 表1 路径参数 参数 是否必选 参数类型 描述 project_id 是 String 租户ID
//! 最小长度:1 表2 Query参数 …`. Such a line is split back into the plain
//! layout, a unit per heading, caption and cell, so the rest of the importer
//! reads it like any other page.
//!
//! Pages rendered from RST sources flatten less: a table a row a line
//! (`Parameter Mandatory Type Description`, then `namespace Yes String
//! Organization name. …`, the description going on over the next lines).
//! [`unspace_rows`] splits those lines into their cells.
//!
//! Cells are separated by spaces, as are the words of a description, so a
//! row is known by its shape: a name followed by the cells of the columns
//! that hold one token (a mandatory word, a type). A line without a caption
//! and a heading row of known columns is left as it is.

use super::layout::{self, Unit};
use super::types::PageType;
use super::vocabulary::{self, Column};

/// Lines shorter than this are not a flattened section.
const MIN_FLATTENED_CHARS: usize = 120;
/// How many words a type may take (`Array of Foo objects`).
const MAX_TYPE_WORDS: usize = 4;

pub(crate) fn unflatten(units: Vec<Unit>) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        match split(&unit) {
            Some(parts) => out.extend(parts),
            None => out.push(unit),
        }
    }
    out
}

/// Splits rows written a line each under a heading line of known columns
/// (see the module docs); other lines are left as they are.
pub(crate) fn unspace_rows(units: Vec<Unit>) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    let mut columns: Option<Vec<Column>> = None;
    for unit in units {
        let words: Vec<&str> = unit.text.split_whitespace().collect();
        let cells = |texts: Vec<String>| {
            texts
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(|text| Unit {
                    line: unit.line,
                    text,
                })
        };
        if let Some((headings, heading_columns)) = heading_line(&words) {
            out.extend(cells(headings));
            columns = Some(heading_columns);
            continue;
        }
        if vocabulary::section(&unit.text).is_some() || layout::caption(&unit.text).is_some() {
            columns = None;
        }
        let row = columns.as_deref().and_then(|columns| match columns[0] {
            // `201 Created.`: the code, then its description.
            Column::StatusCode => words
                .first()
                .filter(|w| w.len() == 3 && w.parse::<u16>().is_ok())
                .map(|code| vec![code.to_string(), words[1..].join(" ")]),
            _ if words.first().is_some_and(|w| is_name(w)) => row_cells(&words, columns),
            _ => None,
        });
        match row {
            Some(texts) => out.extend(cells(texts)),
            None => out.push(unit),
        }
    }
    out
}

/// A line of two or more column headings and nothing else, the first a
/// name's or a status code's: `Parameter Mandatory Type Description`,
/// `Status Code Description`. The headings and their columns.
fn heading_line(words: &[&str]) -> Option<(Vec<String>, Vec<Column>)> {
    let mut headings = Vec::new();
    let mut columns = Vec::new();
    let mut at = 0;
    while at < words.len() {
        // The longest heading first: `Status Code` before `Status`.
        let (width, column) = (1..=MAX_HEADING_WORDS.min(words.len() - at))
            .rev()
            .find_map(|n| vocabulary::column(&words[at..at + n].join(" ")).map(|c| (n, c)))?;
        headings.push(words[at..at + width].join(" "));
        columns.push(column);
        at += width;
    }
    let first = columns.first()?;
    (columns.len() >= 2 && matches!(first, Column::Name | Column::StatusCode))
        .then_some((headings, columns))
}

/// How many words a column heading may take (`Parameter Name`).
const MAX_HEADING_WORDS: usize = 3;

/// The units a flattened line stands for, or `None` if it is not one.
fn split(unit: &Unit) -> Option<Vec<Unit>> {
    if unit.text.chars().count() < MIN_FLATTENED_CHARS {
        return None;
    }
    let words: Vec<&str> = unit.text.split_whitespace().collect();
    let captions: Vec<usize> = (0..words.len())
        .filter(|&i| is_caption_start(&words, i))
        .collect();
    let first = *captions.first()?;
    let mut texts = lead(&words[..first]);
    for (k, &start) in captions.iter().enumerate() {
        let end = captions.get(k + 1).copied().unwrap_or(words.len());
        texts.extend(table(&words[start..end])?);
    }
    Some(
        texts
            .into_iter()
            .map(|text| Unit {
                line: unit.line,
                text,
            })
            .collect(),
    )
}

/// `表1` / `Table 1` (two words) starts a caption.
fn is_caption_start(words: &[&str], i: usize) -> bool {
    let numbered = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    words[i].strip_prefix('表').is_some_and(numbered)
        || (words[i] == "Table" && words.get(i + 1).is_some_and(|w| numbered(w)))
}

/// The words before the first caption: a section heading (`• URI`,
/// `• 响应参数`) on a line of its own, then the rest (`GET /v5/…`,
/// `状态码: 200`).
fn lead(words: &[&str]) -> Vec<String> {
    let words = match words.first() {
        Some(&"•") | Some(&"-") => &words[1..],
        _ => words,
    };
    for take in (1..=words.len().min(3)).rev() {
        let heading = words[..take].join(" ");
        if vocabulary::section(&heading).is_some() {
            let rest = words[take..].join(" ");
            return std::iter::once(heading)
                .chain((!rest.is_empty()).then_some(rest))
                .collect();
        }
    }
    if words.is_empty() {
        Vec::new()
    } else {
        vec![words.join(" ")]
    }
}

/// One table's words, from its caption on: the caption, the heading cells,
/// then each row's cells, a unit each. `None` if the words do not make a
/// table (no heading row of known columns with a name, or no row).
fn table(words: &[&str]) -> Option<Vec<String>> {
    let number_words = if words[0] == "Table" { 2 } else { 1 };
    // The heading row: the first run of known column headings.
    let start = (number_words..words.len()).find(|&i| vocabulary::column(words[i]).is_some())?;
    let columns: Vec<Column> = words[start..]
        .iter()
        .map_while(|w| vocabulary::column(w))
        .collect();
    if columns.first() != Some(&Column::Name) || columns.len() < 2 {
        return None;
    }
    let body = &words[start + columns.len()..];
    let starts = row_starts(body, &columns);
    if starts.first() != Some(&0) {
        return None;
    }
    let mut texts = vec![words[..start].join(" ")];
    texts.extend(
        words[start..start + columns.len()]
            .iter()
            .map(|w| w.to_string()),
    );
    for (k, &row) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(body.len());
        texts.extend(row_cells(&body[row..end], &columns)?);
    }
    Some(texts)
}

/// Where each row begins: a name whose next words fill the short columns.
fn row_starts(words: &[&str], columns: &[Column]) -> Vec<usize> {
    (0..words.len())
        .filter(|&i| is_name(words[i]) && short_cells(&words[i + 1..], &columns[1..]).is_some())
        .collect()
}

/// The cells of one row: the name, each short column's cell, and the
/// description, the rest of the row's words.
fn row_cells(words: &[&str], columns: &[Column]) -> Option<Vec<String>> {
    let widths = short_cells(&words[1..], &columns[1..])?;
    let mut cells = vec![words[0].to_owned()];
    let mut at = 1;
    for width in widths {
        cells.push(words[at..at + width].join(" "));
        at += width;
    }
    let rest = words[at..].join(" ");
    if columns.last() == Some(&Column::Description) {
        cells.push(rest);
    } else if !rest.is_empty() {
        return None;
    }
    Some(cells)
}

/// How many words each column before the description takes at the start
/// of `words`, if they read as its cells (`是`, `String`, `Array of Foo
/// objects`).
fn short_cells(words: &[&str], columns: &[Column]) -> Option<Vec<usize>> {
    let mut widths = Vec::new();
    let mut at = 0;
    for column in columns {
        let width = match column {
            Column::Mandatory => vocabulary::mandatory(words.get(at)?).map(|_| 1)?,
            Column::Type => (1..=MAX_TYPE_WORDS.min(words.len() - at.min(words.len())))
                .rev()
                .find(|&n| PageType::parse(&words[at..at + n].join(" ")).is_some())?,
            Column::Description => break,
            _ => return None,
        };
        widths.push(width);
        at += width;
    }
    Some(widths)
}

/// A parameter name: `project_id`, `X-Auth-Token`, `data_list.name`.
fn is_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && vocabulary::mandatory(word).is_none()
        && PageType::parse(word).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        let unit = Unit {
            line: 3,
            text: line.to_owned(),
        };
        unflatten(vec![unit]).into_iter().map(|u| u.text).collect()
    }

    #[test]
    fn splits_a_flattened_section_into_the_plain_layout() {
        let got = texts(
            "• URI GET /v1/{project_id}/kettles 表1 路径参数 参数 是否必选 参数类型 描述 \
             project_id 是 String 项目ID 最小长度:1 最大长度:64 表2 Query参数 参数 是否必选 \
             参数类型 描述 limit 否 Integer 每页条数 最小值:1 最大值:100 tags 否 Array of strings 标签",
        );
        let want = [
            "URI",
            "GET /v1/{project_id}/kettles",
            "表1 路径参数",
            "参数",
            "是否必选",
            "参数类型",
            "描述",
            "project_id",
            "是",
            "String",
            "项目ID 最小长度:1 最大长度:64",
            "表2 Query参数",
            "参数",
            "是否必选",
            "参数类型",
            "描述",
            "limit",
            "否",
            "Integer",
            "每页条数 最小值:1 最大值:100",
            "tags",
            "否",
            "Array of strings",
            "标签",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn splits_rows_written_a_line_each() {
        let lines = [
            "Table 1 Request body parameters",
            "Parameter Mandatory Type Description",
            "volume Yes Integer Volume in millilitres.",
            "The value ranges from 100 to 2000.",
            "colour No String",
            "Response Parameters",
            "kettle Yes String is a sentence here.",
        ];
        let units = lines
            .iter()
            .enumerate()
            .map(|(i, text)| Unit {
                line: i + 1,
                text: text.to_string(),
            })
            .collect();
        let got: Vec<String> = unspace_rows(units).into_iter().map(|u| u.text).collect();
        let want = [
            "Table 1 Request body parameters",
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "volume",
            "Yes",
            "Integer",
            "Volume in millilitres.",
            "The value ranges from 100 to 2000.",
            "colour",
            "No",
            "String",
            "Response Parameters",
            "kettle Yes String is a sentence here.",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn leaves_lines_that_are_not_tables_alone() {
        let prose = "Table 1 lists the kettles of a project, and every one of them has a name, a \
                     volume and a colour; this sentence is long enough to be looked at.";
        assert_eq!(texts(prose), [prose]);
        assert_eq!(texts("表1 路径参数"), ["表1 路径参数"]);
    }
}
