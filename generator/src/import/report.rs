//! What an import could not read, or read only in part.
//!
//! Every entry names the page and line it comes from, so a maintainer can
//! look the text up; nothing the importer skips goes unreported.

use std::fmt;

/// One thing the importer wants a maintainer to know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The page's name, as given on the command line.
    pub page: String,
    /// 1-based line in the page.
    pub line: usize,
    pub kind: FindingKind,
    /// The operation element concerned, written as a fact subject (see
    /// [`super::facts`]), e.g. `ListRegistry query status`; `None` for the
    /// page as a whole.
    pub subject: Option<String>,
    /// The one fact property the finding is about (`required`, `enum`,
    /// `type`, `pattern`), if it is about one: a merge keeps the spec's.
    pub fact: Option<&'static str>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// The page states that a fact exists but the export lost it (an empty
    /// "Range" list, an empty "Mandatory" cell).
    Lost,
    /// Text the importer does not understand; what it would have said is
    /// missing from the result.
    Unreadable,
    /// The page's text was wrong and was mended (a trailing comma in JSON).
    Repaired,
    /// A hint for the maintainer; nothing is missing.
    Hint,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Lost => "lost",
            FindingKind::Unreadable => "unreadable",
            FindingKind::Repaired => "repaired",
            FindingKind::Hint => "hint",
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: ", self.page, self.line, self.kind.as_str())?;
        if let Some(subject) = &self.subject {
            write!(f, "{subject}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Findings of one import, in page and line order.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether the page lost `fact` about `subject` (see [`super::facts`]).
    pub fn lost(&self, subject: &str, fact: &str) -> bool {
        self.has(FindingKind::Lost, subject, fact)
    }

    /// Whether the importer read `fact` about `subject` only in part, or
    /// not at all (what the page report's `unread` records, as this `lost`
    /// reads what its `lost` records).
    pub fn unread(&self, subject: &str, fact: &str) -> bool {
        self.has(FindingKind::Unreadable, subject, fact)
    }

    fn has(&self, kind: FindingKind, subject: &str, fact: &str) -> bool {
        self.findings.iter().any(|f| {
            f.kind == kind && f.fact == Some(fact) && f.subject.as_deref() == Some(subject)
        })
    }

    pub fn of_kind(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }

    pub(crate) fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| (&a.page, a.line, a.kind).cmp(&(&b.page, b.line, b.kind)));
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

/// Collects findings for one page.
pub(crate) struct PageReport<'a> {
    pub page: &'a str,
    pub findings: Vec<Finding>,
}

impl<'a> PageReport<'a> {
    pub fn new(page: &'a str) -> Self {
        PageReport {
            page,
            findings: Vec::new(),
        }
    }

    /// Records that the page lost `fact` about `subject`.
    pub fn lost(
        &mut self,
        line: usize,
        subject: &str,
        fact: &'static str,
        message: impl Into<String>,
    ) {
        self.add_about_fact(FindingKind::Lost, line, subject, fact, message.into());
    }

    /// Records that the importer could not read all the page says of
    /// `fact` about `subject` (what it read may be a part).
    pub fn unread(
        &mut self,
        line: usize,
        subject: &str,
        fact: &'static str,
        message: impl Into<String>,
    ) {
        self.add_about_fact(FindingKind::Unreadable, line, subject, fact, message.into());
    }

    pub fn add(
        &mut self,
        line: usize,
        kind: FindingKind,
        subject: Option<&str>,
        message: impl Into<String>,
    ) {
        self.push(line, kind, subject, None, message.into());
    }

    fn add_about_fact(
        &mut self,
        kind: FindingKind,
        line: usize,
        subject: &str,
        fact: &'static str,
        message: String,
    ) {
        self.push(line, kind, Some(subject), Some(fact), message);
    }

    fn push(
        &mut self,
        line: usize,
        kind: FindingKind,
        subject: Option<&str>,
        fact: Option<&'static str>,
        message: String,
    ) {
        self.findings.push(Finding {
            page: self.page.to_owned(),
            line,
            kind,
            subject: subject.map(str::to_owned),
            fact,
            message,
        });
    }
}
