//! Rust names for wire names: case conversion, keywords, digits, non-ASCII letters and
//! collisions.
//!
//! The rules, applied in this order:
//!
//! 1. Non-ASCII letters are folded to ASCII (`ä` → `a`, `ß` → `ss`, `æ` → `ae`); any other
//!    non-ASCII letter or digit becomes the word `u<hex>` (`日` → `u65e5`), everything else
//!    non-alphanumeric is a word separator (`$select` → `select`, `odata.nextLink` →
//!    `odata_next_link`).
//! 2. heck converts the case (`to_snake_case`, `to_upper_camel_case`, ...).
//! 3. A name that comes out empty becomes `field_N` (N = 1-based position) or the caller's
//!    fallback; a name starting with a digit gets a `_` prefix.
//! 4. `self`, `Self`, `super`, `crate` (which cannot be raw identifiers) get a `_` suffix.
//! 5. Collisions: the first name keeps its spelling, later ones get a numeric suffix (`_2`,
//!    `_3`, ... for snake case; `2`, `3`, ... for type names so they stay UpperCamelCase).
//! 6. Other keywords become raw identifiers (`r#type`); module names, which also name files,
//!    get a `_` suffix instead (`mod_`).

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that are valid as raw identifiers (`r#type`), in every edition up to 2024.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// True for a keyword that needs `r#` to be used as an identifier.
pub fn is_raw_keyword(s: &str) -> bool {
    RAW_KEYWORDS.contains(&s)
}

/// True for `self`, `Self`, `super` and `crate`.
pub fn is_non_raw_keyword(s: &str) -> bool {
    NON_RAW_KEYWORDS.contains(&s)
}

/// ASCII fold of one non-ASCII letter, for the Latin letters the docs use.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "Ae",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "Oe",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'þ' => "th",
        'Þ' => "Th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// Folds `s` to ASCII: known Latin letters to their base letters, other non-ASCII letters and
/// digits to ` u<hex> ` words, any other non-ASCII character to a space.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(f) = fold_char(c) {
            out.push_str(f);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

fn digit_prefixed(s: String) -> String {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

/// snake_case form of a wire name (rules 1–3 without the fallback); may be empty.
pub fn snake(wire: &str) -> String {
    digit_prefixed(ascii_fold(wire).to_snake_case())
}

/// UpperCamelCase form of a wire name (rules 1–3 without the fallback); may be empty.
pub fn camel(wire: &str) -> String {
    digit_prefixed(ascii_fold(wire).to_upper_camel_case())
}

/// SCREAMING_SNAKE_CASE form of a wire name; may be empty.
pub fn shouty(wire: &str) -> String {
    digit_prefixed(ascii_fold(wire).to_shouty_snake_case())
}

/// kebab-case form of a wire name, for cargo feature names; may be empty.
pub fn kebab(wire: &str) -> String {
    ascii_fold(wire).to_kebab_case()
}

/// The identifier for a name produced by a [`NameSet`] (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// How a [`NameSet`] spells its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Fields, parameters, methods: `snake_case`, collisions `_2`, keywords `r#type`.
    Snake,
    /// Modules (they name files too): `snake_case`, collisions `_2`, keywords `type_`.
    Module,
    /// Types and variants: `UpperCamelCase`, collisions `2`.
    Camel,
    /// Statics: `SCREAMING_SNAKE_CASE`, collisions `_2`.
    Shouty,
    /// Cargo features: `kebab-case`, collisions `-2`.
    Kebab,
}

/// The names given out in one scope; hands out unique names in first-come order.
#[derive(Debug, Clone)]
pub struct NameSet {
    style: Style,
    used: BTreeSet<String>,
}

impl NameSet {
    /// An empty scope.
    pub fn new(style: Style) -> Self {
        NameSet {
            style,
            used: BTreeSet::new(),
        }
    }

    /// A scope where `reserved` are already taken (spelled as final names, without `r#`).
    pub fn with_reserved(style: Style, reserved: &[&str]) -> Self {
        let mut set = NameSet::new(style);
        for r in reserved {
            set.used.insert((*r).to_string());
        }
        set
    }

    /// True when `name` (without `r#`) is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name.strip_prefix("r#").unwrap_or(name))
    }

    /// Converts `wire` in this set's style; `fallback` is used when nothing is left of it.
    pub fn base(&self, wire: &str, fallback: &str) -> String {
        let converted = match self.style {
            Style::Snake | Style::Module => snake(wire),
            Style::Camel => camel(wire),
            Style::Shouty => shouty(wire),
            Style::Kebab => kebab(wire),
        };
        let mut name = if converted.is_empty() {
            fallback.to_string()
        } else {
            converted
        };
        if is_non_raw_keyword(&name) || (self.style == Style::Module && is_raw_keyword(&name)) {
            name.push('_');
        }
        name
    }

    /// A unique name for `wire`, recorded as taken.
    pub fn name(&mut self, wire: &str, fallback: &str) -> String {
        let base = self.base(wire, fallback);
        self.claim(base)
    }

    /// Takes `base` if free, else the first free suffixed form; returns it (as `r#kw` for
    /// raw-able keywords in the snake style).
    pub fn claim(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.used.contains(&name) {
            name = match self.style {
                Style::Camel => format!("{base}{n}"),
                Style::Kebab => format!("{base}-{n}"),
                Style::Snake | Style::Module | Style::Shouty if base.ends_with('_') => {
                    format!("{base}{n}")
                }
                Style::Snake | Style::Module | Style::Shouty => format!("{base}_{n}"),
            };
            n += 1;
        }
        self.used.insert(name.clone());
        if is_raw_keyword(&name) && matches!(self.style, Style::Snake | Style::Camel) {
            format!("r#{name}")
        } else {
            name
        }
    }
}

/// Field names of one struct, in order: the later of two colliding names gets `_2`.
pub fn field_names<'a>(wires: impl IntoIterator<Item = &'a str>, reserved: &[&str]) -> Vec<String> {
    let mut set = NameSet::with_reserved(Style::Snake, reserved);
    wires
        .into_iter()
        .enumerate()
        .map(|(i, w)| set.name(w, &format!("field_{}", i + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(wires: &[&str]) -> Vec<String> {
        field_names(wires.iter().copied(), &[])
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(
            fields(&["type", "ref", "self", "Self", "crate", "async", "super", "mod", "gen"]),
            [
                "r#type", "r#ref", "self_", "self_2", "crate_", "r#async", "super_", "r#mod",
                "r#gen"
            ]
        );
        let mut modules = NameSet::new(Style::Module);
        assert_eq!(modules.name("Mod", "m"), "mod_");
        assert_eq!(modules.name("type", "m"), "type_");
        let mut types = NameSet::new(Style::Camel);
        assert_eq!(types.name("self", "T"), "Self_");
        assert_eq!(types.name("Type", "T"), "Type");
    }

    #[test]
    fn collisions_suffix_the_later_name() {
        assert_eq!(fields(&["URL", "Url"]), ["url", "url_2"]);
        assert_eq!(fields(&["Id", "ID", "id"]), ["id", "id_2", "id_3"]);
        assert_eq!(fields(&["_Links", "Links"]), ["links", "links_2"]);
        assert_eq!(fields(&["Links", "_Links"]), ["links", "links_2"]);
        // A suffixed name that is itself taken moves on.
        assert_eq!(fields(&["a_2", "a", "A"]), ["a_2", "a", "a_3"]);
        let mut types = NameSet::new(Style::Camel);
        assert_eq!(types.name("Foo_Bar", "T"), "FooBar");
        assert_eq!(types.name("FooBar", "T"), "FooBar2");
        assert_eq!(types.name("fooBar", "T"), "FooBar3");
        let mut features = NameSet::new(Style::Kebab);
        assert_eq!(features.name("rest ChatSession", "x"), "rest-chat-session");
        assert_eq!(
            features.name("rest Chat-Session", "x"),
            "rest-chat-session-2"
        );
    }

    #[test]
    fn punctuation_digits_and_empty_names() {
        assert_eq!(
            fields(&["$select", "odata.nextLink", "1stPlace", "", "$", "2"]),
            [
                "select",
                "odata_next_link",
                "_1st_place",
                "field_4",
                "field_5",
                "_2"
            ]
        );
        let mut types = NameSet::new(Style::Camel);
        assert_eq!(types.name("3DModel", "T"), "_3dModel");
        assert_eq!(types.name("", "Model1"), "Model1");
    }

    #[test]
    fn reserved_names_are_avoided() {
        assert_eq!(
            field_names(["options", "Body"], &["options", "body"]),
            ["options_2", "body_2"]
        );
    }

    #[test]
    fn unicode_names_become_ascii() {
        assert_eq!(
            fields(&["Näme", "Größe", "Ærø", "日本", "a–b"]),
            ["name", "grosse", "aero", "u65e5_u672c", "a_b"]
        );
        assert_eq!(camel("Näme"), "Name");
        for name in fields(&["Näme", "日本", "x\u{301}y"]) {
            assert!(name.is_ascii(), "{name}");
            syn::parse_str::<syn::Ident>(&name).unwrap();
        }
    }

    #[test]
    fn idents_parse() {
        for name in fields(&["type", "self", "match", "x", "_1"]) {
            let id = ident(&name);
            assert_eq!(id.to_string(), name);
        }
    }
}
