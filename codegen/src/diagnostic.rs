//! Located messages about the input: every error and warning names a file and a line.

use std::fmt;
use std::sync::Arc;

/// A place in the docs: the page (relative to the docs folder) and a 1-based line.
///
/// The file name is shared (`Arc<str>`) because every node of a page points at it, and the
/// corpus has thousands of nodes per page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Path of the page relative to the docs folder, with `/` separators.
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

impl Span {
    /// A span on `line` of `file`.
    pub fn new(file: &Arc<str>, line: u32) -> Self {
        Span {
            file: Arc::clone(file),
            line,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The page cannot be used; the run fails and writes nothing.
    Error,
    /// The page was used, but something in it was doubtful or contradicted another page.
    Warning,
}

/// What a warning is about, so `codegen report` can count warnings by kind without reading
/// their text. It does not change how a diagnostic prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum WarningKind {
    /// Pages contradict each other (two operation ids for one request line, two scalar types
    /// for one property).
    PagesDisagree,
    /// A type name the docs also give to unrelated shapes, replaced by a better guess.
    MisusedTypeName,
    /// A table's Type cell the generator does not understand: the row is typed as if the cell
    /// were blank (from other pages, the samples, or `any`). Raised by `codegen report`.
    UnreadTypeCell,
    /// Anything else, and every error.
    #[default]
    Other,
}

/// One message about the input, printed as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// Error or warning.
    pub severity: Severity,
    /// What was expected or found, in words a docs author understands.
    pub message: String,
    /// What a warning is about (last, so sorting stays by place, then message).
    pub kind: WarningKind,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            severity: Severity::Error,
            message: message.into(),
            kind: WarningKind::Other,
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            severity: Severity::Warning,
            message: message.into(),
            kind: WarningKind::Other,
        }
    }

    /// The same diagnostic, filed under `kind`.
    pub fn with_kind(mut self, kind: WarningKind) -> Self {
        self.kind = kind;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.span, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.span, self.message),
        }
    }
}

/// All the errors of a run, reported together so one bad page never hides another's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s) in the docs:\n{}", .0.len(), render(.0))]
pub struct DocsErrors(pub Vec<Diagnostic>);

fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
