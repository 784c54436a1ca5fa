//! Turns a page's text into lines and tables.
//!
//! The pages come in these text layouts (`docs/import-layouts.md` has the
//! survey they come from):
//!
//! - **pipe**: every cell ends with ` |`, a cell may run over several lines,
//!   and a `---|---|` line ends the heading row. Rows are read by counting
//!   cells. The separator may start with a pipe (`|---|---|`), and then each
//!   row may be opened by a line holding only `|`.
//! - **pipe rows**: a whole row on one line, `| a | b |` or `a | b |`, under
//!   a `|---|---|` separator.
//! - **plain**: cells are bare lines (blank lines between them), a cell of
//!   several paragraphs is several lines, and empty cells leave no line at
//!   all. Rows are read by shape: a row starts with a name followed by a
//!   "Mandatory" word or a type.
//!
//! A page may mix them: text between pipe tables is read as plain.

use super::flattened;
use super::types::PageType;
use super::vocabulary::{self, Column};

/// A line of text (or a pipe cell of several lines, joined by `\n`) and the
/// page line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    pub line: usize,
    pub text: String,
}

#[derive(Debug)]
pub(crate) enum Block {
    Line(Unit),
    Table(Table),
}

#[derive(Debug)]
pub(crate) struct Table {
    /// `Table 4 Credential` / `表4 UserAuth`, without the number.
    pub caption: Option<Unit>,
    pub headings: Vec<Unit>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub(crate) struct Row {
    pub line: usize,
    /// One entry per column; `None` where the page has no cell.
    pub cells: Vec<Option<Unit>>,
}

impl Table {
    /// Where the table starts: its caption, else its first heading, else
    /// its first row (a table the layout reader found with neither).
    pub fn line(&self) -> usize {
        self.caption
            .as_ref()
            .or(self.headings.first())
            .map(|unit| unit.line)
            .or_else(|| self.rows.first().map(|row| row.line))
            .unwrap_or(0)
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }
}

impl Row {
    /// The cell of `column`, if the table has that column and the row fills it.
    pub fn cell<'a>(&'a self, table: &Table, column: Column) -> Option<&'a Unit> {
        let index = table.columns.iter().position(|c| *c == column)?;
        self.cells.get(index)?.as_ref()
    }

    /// The description, with the cells of unknown columns appended under
    /// their headings.
    pub fn description(&self, table: &Table) -> String {
        let mut text = self
            .cell(table, Column::Description)
            .map(|u| u.text.clone())
            .unwrap_or_default();
        for (i, column) in table.columns.iter().enumerate() {
            if let (Column::Unknown, Some(Some(cell))) = (column, self.cells.get(i)) {
                let heading = table.headings.get(i).map_or("", |h| h.text.as_str());
                text.push_str(&format!("\n{heading}\n{}", cell.text));
            }
        }
        text
    }
}

/// Splits a page into lines and tables.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let units: Vec<Unit> = text
        .lines()
        .enumerate()
        .map(|(i, line)| Unit {
            line: i + 1,
            text: clean_line(line),
        })
        .filter(|u| !u.text.is_empty())
        .flat_map(unglue_caption)
        .collect();
    let units = restore_separators(flattened::unspace_rows(flattened::unflatten(units)));
    if !units.iter().any(|u| is_pipe_separator(&u.text)) {
        return plain_blocks(without_cell_pipes(units));
    }
    // Plain tables between the pipe ones (a page exported in both).
    let mut out = Vec::new();
    let mut lines = Vec::new();
    for block in pipe_blocks(units) {
        match block {
            Block::Line(unit) => lines.push(unit),
            table => {
                out.extend(plain_blocks(std::mem::take(&mut lines)));
                out.push(table);
            }
        }
    }
    out.extend(plain_blocks(lines));
    out
}

/// A page line as the readers see it: no-break spaces are spaces, and `¶`
/// (a heading's anchor in some exports) is never text.
pub(crate) fn clean_line(line: &str) -> String {
    line.replace('\u{a0}', " ")
        .replace('¶', "")
        .trim()
        .to_owned()
}

/// A pipe export that lost its `---|` lines (its heading cells, `参数 |`,
/// end in pipes like every other cell) reads as plain once the pipes go:
/// a lone `|` is an empty cell, which the plain layout leaves out.
fn without_cell_pipes(units: Vec<Unit>) -> Vec<Unit> {
    let piped_headings = units
        .iter()
        .filter(|u| pipe_cell(&u.text).is_some_and(|c| vocabulary::column(c).is_some()))
        .count();
    if piped_headings < 2 {
        return units;
    }
    units
        .into_iter()
        .filter_map(|mut u| {
            if let Some(cell) = pipe_cell(&u.text) {
                u.text = cell.to_owned();
            }
            (!u.text.is_empty()).then_some(u)
        })
        .collect()
}

/// Some exports write one-line rows without their closing pipe (`a | b |
/// c`), or drop the `---|` line under the heading row, or both. The heading
/// row is known by its cells, all column headings with a name among them; a
/// missing separator is put back and each row closed by a pipe, so the pipe
/// layout reads the table. Lines without a pipe between two rows are a cell that
/// ran over lines: they join the row before (as `<br>`).
fn restore_separators(units: Vec<Unit>) -> Vec<Unit> {
    /// How far a cell may run on between two rows.
    const MAX_CELL_LINES: usize = 12;
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        // A closed heading row over a separator is the pipe layout as it
        // is, whose rows may run over lines.
        let complete = units[i].text.ends_with('|')
            && units.get(i + 1).is_some_and(|n| is_pipe_separator(&n.text));
        let width = bare_heading_width(&units[i].text).filter(|_| !complete);
        let Some(width) = width else {
            out.push(units[i].clone());
            i += 1;
            continue;
        };
        let heading = &units[i];
        // Without outer pipes on the heading row, a row's last pipe
        // closes an empty cell.
        let outer = heading.text.ends_with('|');
        out.push(Unit {
            line: heading.line,
            text: closed_row(&heading.text),
        });
        i += 1;
        match units.get(i) {
            Some(separator) if is_pipe_separator(&separator.text) => {
                out.push(separator.clone());
                i += 1;
            }
            _ => out.push(Unit {
                line: heading.line,
                text: "---|".repeat(width),
            }),
        }
        let is_row = |u: &Unit| {
            bare_cells(&u.text, outer).len() == width && bare_heading_width(&u.text).is_none()
        };
        while let Some(unit) = units.get(i).filter(|u| is_row(u)) {
            let mut row = unit
                .text
                .strip_suffix('|')
                .unwrap_or(&unit.text)
                .trim_end()
                .to_owned();
            i += 1;
            let run = units[i..]
                .iter()
                .take(MAX_CELL_LINES)
                .take_while(|u| !u.text.contains('|'))
                .count();
            if run > 0 && units.get(i + run).is_some_and(is_row) {
                for more in &units[i..i + run] {
                    row.push_str(" <br>");
                    row.push_str(&more.text);
                }
                i += run;
            }
            row.push_str(" |");
            out.push(Unit {
                line: unit.line,
                text: row,
            });
        }
    }
    out
}

/// The cells of `a | b | c` or, with `outer` pipes, `| a | b | c |`; fewer
/// than two is not a row.
fn bare_cells(text: &str, outer: bool) -> Vec<&str> {
    let inner = text.strip_prefix('|').unwrap_or(text);
    let inner = if outer {
        inner.strip_suffix('|').unwrap_or(inner)
    } else {
        inner
    };
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    if cells.len() < 2 {
        return Vec::new();
    }
    cells
}

/// How many columns a heading row written on one line has: every cell a
/// known heading, a name among them.
fn bare_heading_width(text: &str) -> Option<usize> {
    let cells = bare_cells(text, true);
    let columns: Option<Vec<Column>> = cells.iter().map(|c| vocabulary::column(c)).collect();
    columns
        .filter(|columns| columns.contains(&Column::Name))
        .map(|_| cells.len())
}

/// `a | b` → `a | b |`: rows of the pipe layout end in a pipe.
fn closed_row(text: &str) -> String {
    if text.ends_with('|') {
        text.to_owned()
    } else {
        format!("{text} |")
    }
}

/// `Table 2 Request body parameters Parameter`: a caption some exports glue
/// to the first heading cell, as two units.
fn unglue_caption(unit: Unit) -> Vec<Unit> {
    if caption(&unit.text).is_some() {
        for heading in ["Parameter", "Name", "参数", "名称"] {
            if let Some(caption) = unit.text.strip_suffix(heading) {
                let caption = caption.trim_end();
                // `Table 2 Parameter` alone is a caption, not a glued one.
                if caption.len() < unit.text.len() - heading.len()
                    && self::caption(caption).is_some_and(|c| !c.is_empty())
                {
                    return vec![
                        Unit {
                            line: unit.line,
                            text: caption.to_owned(),
                        },
                        Unit {
                            line: unit.line,
                            text: heading.to_owned(),
                        },
                    ];
                }
            }
        }
    }
    vec![unit]
}

/// `---|---|`, `|---|---|`, `| --- | :---: |`.
fn is_pipe_separator(text: &str) -> bool {
    text.ends_with('|')
        && text.contains('-')
        && text
            .split('|')
            .all(|part| part.trim().chars().all(|c| c == '-' || c == ':'))
}

/// The columns a separator line stands for: its runs of dashes.
fn separator_width(text: &str) -> usize {
    text.split('|')
        .filter(|part| !part.trim().is_empty())
        .count()
}

/// `| a | b |` or `a | b |`: the cells of a row written on one line.
fn row_cells(text: &str) -> Option<Vec<&str>> {
    let cells = bare_cells(text.strip_suffix('|')?, false);
    (!cells.is_empty()).then_some(cells)
}

fn pipe_cell(text: &str) -> Option<&str> {
    text.strip_suffix('|').map(str::trim_end)
}

/// `Table 4 Credential` / `表4 UserAuth` → `Credential` / `UserAuth`.
/// Older pages caption a table with a bullet instead: `• Request
/// parameters`, `• Parameters in the volume field` (→ `volume field`).
pub(crate) fn caption(text: &str) -> Option<&str> {
    if let Some(bullet) = text.strip_prefix(['•', '-']).map(str::trim) {
        return bullet_caption(bullet);
    }
    let (_, rest) = numbered(text)?;
    // `Table 2 describes the request parameters.` is a sentence about a
    // table, not its caption: captions have no full stop.
    (!rest.ends_with(['.', '。'])).then_some(rest)
}

/// `Table 4 Credential` / `表4 UserAuth` → 4: what a description's `see
/// Table 4` points at.
pub(crate) fn caption_number(text: &str) -> Option<u32> {
    numbered(text).and_then(|(number, _)| number.parse().ok())
}

/// `Table 4 Credential` → (`4`, `Credential`).
fn numbered(text: &str) -> Option<(&str, &str)> {
    let rest = vocabulary::TABLE_WORDS
        .iter()
        .find_map(|word| text.strip_prefix(word))?
        .trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (digits > 0).then(|| (&rest[..digits], rest[digits..].trim()))
}

fn bullet_caption(bullet: &str) -> Option<&str> {
    if let Some(field) = bullet
        .strip_prefix("Parameters in the ")
        .filter(|rest| rest.ends_with(" field"))
    {
        return Some(field);
    }
    matches!(
        bullet,
        "Request parameters" | "Response parameters" | "Parameter description" | "参数说明"
    )
    .then_some(bullet)
}

fn take_caption(out: &mut Vec<Block>) -> Option<Unit> {
    match out.last() {
        Some(Block::Line(unit)) if caption(&unit.text).is_some() => match out.pop() {
            Some(Block::Line(unit)) => Some(unit),
            _ => None,
        },
        _ => None,
    }
}

fn pipe_blocks(units: Vec<Unit>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        if !is_pipe_separator(&unit.text) {
            out.push(Block::Line(unit.clone()));
            i += 1;
            continue;
        }
        let width = separator_width(&unit.text);
        // Rows opened by a lone `|`: said by a leading pipe on the
        // separator, or by such a line right after it.
        let row_opener =
            unit.text.starts_with('|') || units.get(i + 1).is_some_and(|u| u.text == "|");
        // One-line rows: the heading row is the line before, whole.
        if let Some(Block::Line(heading)) = out.last() {
            if row_cells(&heading.text).is_some_and(|cells| cells.len() == width) {
                let table = one_line_rows(&mut out, &units, &mut i, width);
                out.push(Block::Table(table));
                continue;
            }
        }
        // The heading cells are the lines just before the separator.
        let mut headings = Vec::new();
        while headings.len() < width {
            match out.pop() {
                Some(Block::Line(u)) if pipe_cell(&u.text).is_some() => headings.push(u),
                Some(other) => {
                    out.push(other);
                    break;
                }
                None => break,
            }
        }
        headings.reverse();
        for h in &mut headings {
            h.text = pipe_cell(&h.text).unwrap_or(&h.text).to_owned();
        }
        // A lone `|` that opened the heading row.
        if row_opener && matches!(out.last(), Some(Block::Line(u)) if u.text == "|") {
            out.pop();
        }
        let caption = take_caption(&mut out);
        i += 1;
        let mut rows = Vec::new();
        let mut cells: Vec<Option<Unit>> = Vec::new();
        let mut pending: Option<Unit> = None;
        while i < units.len() {
            let u = &units[i];
            // Where rows are opened by a lone `|`, it is not a cell.
            if row_opener && cells.is_empty() && pending.is_none() && u.text == "|" {
                i += 1;
                continue;
            }
            // A new row must start with a complete cell; anything else ends
            // the table.
            if cells.is_empty() && pending.is_none() && pipe_cell(&u.text).is_none() {
                break;
            }
            // A heading row of the next table.
            if cells.is_empty() && pending.is_none() && next_is_separator(&units, i) {
                break;
            }
            i += 1;
            let Some(text) = pipe_cell(&u.text) else {
                let p = pending.get_or_insert(Unit {
                    line: u.line,
                    text: String::new(),
                });
                if !p.text.is_empty() {
                    p.text.push('\n');
                }
                p.text.push_str(&u.text);
                continue;
            };
            let mut cell = pending.take().unwrap_or(Unit {
                line: u.line,
                text: String::new(),
            });
            if !cell.text.is_empty() && !text.is_empty() {
                cell.text.push('\n');
            }
            cell.text.push_str(text);
            cells.push((!cell.text.is_empty()).then_some(cell));
            if cells.len() == headings.len() {
                let line = cells.iter().flatten().next().map_or(u.line, |c| c.line);
                rows.push(Row {
                    line,
                    cells: std::mem::take(&mut cells),
                });
            }
        }
        // The page ended inside a cell (an excerpt cut before its pipe):
        // the cell is the row's next, cut short (see `cut.rs`).
        if let Some(cell) = pending {
            cells.push(Some(cell));
        }
        if !cells.is_empty() {
            let line = cells.iter().flatten().next().map_or(0, |c| c.line);
            cells.resize(headings.len(), None);
            rows.push(Row { line, cells });
        }
        let columns = headings
            .iter()
            .map(|h| vocabulary::column(&h.text).unwrap_or(Column::Unknown))
            .collect();
        out.push(Block::Table(Table {
            caption,
            headings,
            columns,
            rows,
        }));
    }
    out
}

/// A table of one-line rows: the heading row is the last block of `out`,
/// the separator at `units[*i]`; rows run while lines split into cells.
fn one_line_rows(out: &mut Vec<Block>, units: &[Unit], i: &mut usize, width: usize) -> Table {
    let Some(Block::Line(heading)) = out.pop() else {
        unreachable!("the caller saw the heading line")
    };
    let caption = take_caption(out);
    let headings: Vec<Unit> = row_cells(&heading.text)
        .unwrap_or_default()
        .into_iter()
        .map(|text| Unit {
            line: heading.line,
            text: text.to_owned(),
        })
        .collect();
    *i += 1;
    let mut rows = Vec::new();
    while let Some(u) = units.get(*i) {
        // A separator, or the heading row of the next table.
        let next_is_separator = units
            .get(*i + 1)
            .is_some_and(|n| is_pipe_separator(&n.text));
        if is_pipe_separator(&u.text) || next_is_separator {
            break;
        }
        let Some((text, lines)) = one_line_row(units, *i, width) else {
            break;
        };
        let mut cells: Vec<Option<Unit>> = row_cells(&text)
            .unwrap_or_default()
            .into_iter()
            .map(|text| {
                (!text.is_empty()).then(|| Unit {
                    line: u.line,
                    text: text.replace("<br>", "\n"),
                })
            })
            .collect();
        cells.resize(width, None);
        rows.push(Row {
            line: u.line,
            cells,
        });
        *i += lines;
    }
    let columns = headings
        .iter()
        .map(|h| vocabulary::column(&h.text).unwrap_or(Column::Unknown))
        .collect();
    Table {
        caption,
        headings,
        columns,
        rows,
    }
}

/// The text of the one-line row at `units[i]` and how many lines it takes.
/// A cell that runs over lines (a note under a description, or an empty
/// last cell closed by a lone `|` on the next line) makes a row of several
/// lines: they are joined when that gives exactly `width` cells. Otherwise
/// the row is its line alone, if that splits into cells.
fn one_line_row(units: &[Unit], i: usize, width: usize) -> Option<(String, usize)> {
    /// How far a row may run on; notes under a cell are a few lines.
    const MAX_ROW_LINES: usize = 12;
    let first = &units[i].text;
    let cells = row_cells(first).map_or(0, |c| c.len());
    // Only a line that holds cells already can be continued.
    if cells < width && first.contains('|') {
        let mut text = first.clone();
        for (k, next) in units.iter().enumerate().skip(i + 1).take(MAX_ROW_LINES) {
            // A separator or a row of its own ends the search.
            if is_pipe_separator(&next.text) || row_cells(&next.text).is_some() {
                break;
            }
            text.push('\n');
            text.push_str(&next.text);
            match row_cells(&text).map_or(0, |c| c.len()) {
                n if n == width => return Some((text, k - i + 1)),
                n if n > width => break,
                _ => {}
            }
        }
    }
    (cells > 0).then(|| (first.clone(), 1))
}

/// Whether the cells from `i` on are a heading row: exactly as many cells
/// as the `---|` line that follows them has columns.
fn next_is_separator(units: &[Unit], i: usize) -> bool {
    let Some(offset) = units[i..]
        .iter()
        .take_while(|u| pipe_cell(&u.text).is_some())
        .position(|u| is_pipe_separator(&u.text))
    else {
        return false;
    };
    separator_width(&units[i + offset].text) == offset
}

fn plain_blocks(units: Vec<Unit>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let Some(headings_end) = heading_run(&units, i) else {
            out.push(Block::Line(units[i].clone()));
            i += 1;
            continue;
        };
        let headings: Vec<Unit> = units[i..headings_end].to_vec();
        let columns: Vec<Column> = headings
            .iter()
            .map(|h| vocabulary::column(&h.text).unwrap_or(Column::Unknown))
            .collect();
        let caption = take_caption(&mut out);
        let end = (headings_end..units.len())
            .find(|&k| ends_plain_table(&units, k))
            .unwrap_or(units.len());
        let rows = plain_rows(&units[headings_end..end], &columns);
        out.push(Block::Table(Table {
            caption,
            headings,
            columns,
            rows,
        }));
        i = end;
    }
    out
}

/// If a heading row starts at `i`, where it ends. A heading row starts with a
/// name or status-code heading and has at least one more known heading; an
/// unknown word in it counts as a heading unless it starts a row.
fn heading_run(units: &[Unit], i: usize) -> Option<usize> {
    let first = vocabulary::column(&units[i].text)?;
    if !matches!(first, Column::Name | Column::StatusCode) {
        return None;
    }
    let known_from = |k: usize| units.get(k).and_then(|u| vocabulary::column(&u.text));
    let mut end = i + 1;
    let mut known = 1;
    while end < units.len() {
        match known_from(end) {
            Some(Column::Name | Column::StatusCode) => break,
            Some(_) => known += 1,
            None if !looks_like_heading(&units[end].text) => break,
            None if known_from(end + 1).is_some() => {}
            None if starts_row(units, end, &[first]) || known < 2 => break,
            None if ends_plain_table(units, end) => break,
            None => {}
        }
        end += 1;
    }
    (known >= 2).then_some(end)
}

/// A column heading is a short label: a few capitalised words, or a few
/// CJK characters.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let capitalised = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_ascii());
    (1..=3).contains(&words) && capitalised && text.chars().count() <= 30
}

fn ends_plain_table(units: &[Unit], k: usize) -> bool {
    let text = &units[k].text;
    vocabulary::ends_table(text)
        && !(vocabulary::column(text).is_some() && heading_run(units, k).is_some())
        || caption(text).is_some()
        || status_line(text).is_some()
        || (k > 0 && heading_run(units, k).is_some())
}

/// `Status code: 200` / `状态码:200` / `状态码： 200`.
pub(crate) fn status_line(text: &str) -> Option<u16> {
    let rest = text
        .strip_prefix("Status code")
        .or_else(|| text.strip_prefix("状态码"))?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    rest.parse().ok().filter(|code| (100..600).contains(code))
}

fn is_name(text: &str) -> bool {
    if vocabulary::is_array_element(text) {
        return true;
    }
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn is_status_code(text: &str) -> bool {
    text == "default"
        || (text.len() == 3 && text.parse::<u16>().is_ok_and(|c| (100..600).contains(&c)))
}

/// Whether a row starts at `k`: a name followed by a "Mandatory" word or a
/// type (or, in a status-code table, a status code).
fn starts_row(units: &[Unit], k: usize, columns: &[Column]) -> bool {
    let text = &units[k].text;
    if columns.first() == Some(&Column::StatusCode) {
        return is_status_code(text);
    }
    let cell = |i: usize| units.get(k + i).map(|u| u.text.as_str()).unwrap_or("");
    let flag_or_type = |t: &str| vocabulary::mandatory(t).is_some() || PageType::parse(t).is_some();
    // With a Sub-Parameter column: `<name>⏎N/A⏎Yes…` or `<name>⏎<sub>⏎Yes…`.
    let sub = columns.get(1) == Some(&Column::SubName)
        && (vocabulary::is_nothing(cell(1)) || is_name(cell(1)))
        && flag_or_type(cell(2));
    is_name(text) && (flag_or_type(cell(1)) || sub)
}

fn plain_rows(units: &[Unit], columns: &[Column]) -> Vec<Row> {
    let row_start = |k: usize| starts_row(units, k, columns);
    let mut rows = Vec::new();
    let mut k = 0;
    while k < units.len() {
        if !row_start(k) {
            // Text before the first row: keep it, as a description of an
            // unnamed row, so that it is reported rather than lost.
            let line = units[k].line;
            let mut cells = vec![None; columns.len()];
            let end = (k..units.len())
                .find(|&j| row_start(j))
                .unwrap_or(units.len());
            if let Some(d) = columns.iter().position(|c| *c == Column::Description) {
                cells[d] = Some(join(&units[k..end]));
            }
            rows.push(Row { line, cells });
            k = end;
            continue;
        }
        let line = units[k].line;
        let mut cells: Vec<Option<Unit>> = vec![None; columns.len()];
        cells[0] = Some(units[k].clone());
        k += 1;
        for (c, column) in columns.iter().enumerate().skip(1) {
            let Some(unit) = units.get(k) else { break };
            let fits = match column {
                Column::Mandatory => vocabulary::mandatory(&unit.text).is_some(),
                Column::Type => PageType::parse(&unit.text).is_some(),
                Column::Location => vocabulary::location_word(&unit.text).is_some(),
                Column::SubName => {
                    vocabulary::is_nothing(&unit.text)
                        || (is_name(&unit.text) && vocabulary::mandatory(&unit.text).is_none())
                }
                _ => break,
            };
            if fits {
                cells[c] = Some(unit.clone());
                k += 1;
            }
        }
        let end = (k..units.len())
            .find(|&j| row_start(j))
            .unwrap_or(units.len());
        if end > k {
            if let Some(d) = columns.iter().position(|c| *c == Column::Description) {
                cells[d] = Some(join(&units[k..end]));
            }
        }
        k = end;
        rows.push(Row { line, cells });
    }
    rows
}

fn join(units: &[Unit]) -> Unit {
    Unit {
        line: units[0].line,
        text: units
            .iter()
            .map(|u| u.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
