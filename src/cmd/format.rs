//! Output as podman prints it: aligned tables, `--format json`, Go templates
//! (`{{.ID}}`, `{{json .}}`, `table {{.ID}}\t{{.Size}}`), human sizes and ages.
//!
//! Templates are Go's text/template, run by the gtmpl crate over each row's
//! JSON (objects become Go structs: an unknown field is an error, as in podman).

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use gtmpl_value::{FuncError, Value as GValue};
use serde_json::Value;

/// How the user asked rows to be printed.
pub enum Format {
    /// The command's default table.
    Table,
    /// A JSON array of the rows.
    Json,
    /// A Go template per row; `table` adds a header line and aligns columns.
    Template {
        /// The template text, `\t` and `\n` escapes expanded.
        text: String,
        /// Whether to print a header and align.
        table: bool,
    },
}

impl Format {
    /// Whether `--format json` was asked for.
    pub fn is_json(&self) -> bool {
        matches!(self, Format::Json)
    }

    /// Parses `--format`; `None` is the default table.
    pub fn parse(arg: Option<&str>) -> Format {
        match arg.map(str::trim) {
            None | Some("") | Some("table") => Format::Table,
            Some("json") => Format::Json,
            Some(t) => {
                let (table, body) = match t.strip_prefix("table ") {
                    Some(rest) => (true, rest),
                    None => (false, t),
                };
                let mut text = body.replace("\\t", "\t").replace("\\n", "\n");
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                Format::Template { text, table }
            }
        }
    }
}

/// Prints `rows` with the template `text`, a header line first if `header`
/// (`headers` maps field names to titles; other fields get their name in
/// capitals), and columns aligned if `align`.
pub fn print_template(
    out: &mut dyn Write,
    text: &str,
    header: bool,
    align: bool,
    rows: &[Value],
    headers: &[(&str, &str)],
) -> Result<()> {
    let tmpl = compile(text)?;
    let mut lines = String::new();
    if header {
        let mut titles = serde_json::Map::new();
        for (field, title) in headers {
            titles.insert((*field).to_string(), Value::String((*title).to_string()));
        }
        if let Some(Value::Object(first)) = rows.first() {
            for k in first.keys() {
                titles
                    .entry(k.clone())
                    .or_insert_with(|| Value::String(k.to_uppercase()));
            }
        }
        lines.push_str(&render(&tmpl, &Value::Object(titles))?);
    }
    for row in rows {
        lines.push_str(&render(&tmpl, row)?);
    }
    if align {
        write_aligned(out, &lines)
    } else {
        out.write_all(lines.as_bytes()).context("writing output")
    }
}

/// Prints `rows` as `fmt` asks: a JSON array, the user's template, or the
/// command's `default` table template with a header.
pub fn print_rows(
    out: &mut dyn Write,
    fmt: &Format,
    rows: &[Value],
    default: &str,
    headers: &[(&str, &str)],
) -> Result<()> {
    match fmt {
        Format::Json => print_json(out, &Value::Array(rows.to_vec())),
        Format::Template { text, table } => {
            print_template(out, text, *table, *table, rows, headers)
        }
        Format::Table => print_template(out, default, true, true, rows, headers),
    }
}

/// Renders one value with a template (for `inspect --format`).
pub fn render_one(text: &str, value: &Value) -> Result<String> {
    let mut text = text.replace("\\t", "\t").replace("\\n", "\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    render(&compile(&text)?, value)
}

fn compile(text: &str) -> Result<gtmpl::Template> {
    let mut tmpl = gtmpl::Template::default();
    tmpl.add_funcs(&[
        (PRINT_FUNC, print_func as gtmpl_value::Func),
        ("json", json_func as gtmpl_value::Func),
        ("lower", lower_func as gtmpl_value::Func),
        ("upper", upper_func as gtmpl_value::Func),
        ("join", join_func as gtmpl_value::Func),
        ("truncate", truncate_func as gtmpl_value::Func),
    ]);
    tmpl.parse(print_like_go(text))
        .map_err(|e| anyhow!("invalid --format template {text:?}: {e}"))?;
    Ok(tmpl)
}

fn render(tmpl: &gtmpl::Template, value: &Value) -> Result<String> {
    tmpl.render(&gtmpl::Context::from(to_gtmpl(value)))
        .map_err(|e| anyhow!("--format template: {e}"))
}

/// The row itself becomes a struct (an unknown field is an error, as in Go);
/// objects below it become maps (`{{.Labels.x}}` of a missing key is empty).
fn to_gtmpl(v: &Value) -> GValue {
    convert(v, true)
}

fn convert(v: &Value, top: bool) -> GValue {
    match v {
        Value::Null => GValue::Nil,
        Value::Bool(b) => GValue::Bool(*b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.into()
            } else if let Some(i) = n.as_i64() {
                i.into()
            } else {
                n.as_f64().unwrap_or(0.0).into()
            }
        }
        Value::String(s) => GValue::String(s.clone()),
        Value::Array(a) => GValue::Array(a.iter().map(|x| convert(x, false)).collect()),
        Value::Object(o) => {
            let map: HashMap<String, GValue> = o
                .iter()
                .map(|(k, x)| (k.clone(), convert(x, false)))
                .collect();
            if top {
                GValue::Object(map)
            } else {
                GValue::Map(map)
            }
        }
    }
}

fn from_gtmpl(v: &GValue) -> Value {
    match v {
        GValue::NoValue | GValue::Nil | GValue::Function(_) => Value::Null,
        GValue::Bool(b) => Value::Bool(*b),
        GValue::String(s) => Value::String(s.clone()),
        GValue::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(Value::Null),
        GValue::Array(a) => Value::Array(a.iter().map(from_gtmpl).collect()),
        GValue::Object(o) | GValue::Map(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), from_gtmpl(&o[k])))
                    .collect(),
            )
        }
    }
}

/// The function every printing action is routed through (see [`print_like_go`]).
const PRINT_FUNC: &str = "rctlprint";

/// gtmpl prints lists and maps in Rust's debug form; Go prints `[a b]` and
/// `map[k:v]`, and scripts read that. So each action that prints (not a
/// control word, not an assignment) is rewritten to pass its pipeline through
/// [`print_func`], which formats as Go's `%v` does.
fn print_like_go(text: &str) -> String {
    const CONTROL: &[&str] = &[
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ];
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = action_end(after) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        let (lead, body) = match inner.strip_prefix("- ") {
            Some(b) => ("- ", b),
            None => ("", inner),
        };
        let (body, trail) = match body.strip_suffix(" -") {
            Some(b) => (b, " -"),
            None => (body, ""),
        };
        let word = body
            .trim_start()
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let prints = !body.trim().is_empty()
            && !CONTROL.contains(&word)
            && !body.trim_start().starts_with("/*")
            && !body.contains(":=")
            && (!body.trim_start().starts_with('$') || !body.contains(" = "));
        if prints {
            out.push_str(&format!("{{{{{lead}{PRINT_FUNC} ({body}){trail}}}}}"));
        } else {
            out.push_str(&format!("{{{{{inner}}}}}"));
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Where the action starting at `s` (just after `{{`) ends, skipping `}}`
/// inside string literals.
fn action_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(b'"'), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, c @ (b'"' | b'`' | b'\'')) => quote = Some(c),
            (None, b'}') if b.get(i + 1) == Some(&b'}') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Formats a value as Go's `%v`.
fn go_string(v: &GValue) -> String {
    match v {
        GValue::NoValue => "<no value>".into(),
        GValue::Nil => "<nil>".into(),
        GValue::Bool(b) => b.to_string(),
        GValue::String(s) => s.clone(),
        GValue::Number(n) => n.to_string(),
        GValue::Function(_) => String::new(),
        GValue::Array(a) => format!(
            "[{}]",
            a.iter().map(go_string).collect::<Vec<_>>().join(" ")
        ),
        GValue::Object(m) | GValue::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", go_string(&m[*k])))
                .collect();
            format!("map[{}]", items.join(" "))
        }
    }
}

fn print_func(args: &[GValue]) -> Result<GValue, FuncError> {
    Ok(GValue::String(go_string(one_arg(PRINT_FUNC, args)?)))
}

fn one_arg<'a>(name: &str, args: &'a [GValue]) -> Result<&'a GValue, FuncError> {
    match args {
        [a] => Ok(a),
        _ => Err(FuncError::ExactlyXArgs(name.into(), 1)),
    }
}

fn json_func(args: &[GValue]) -> Result<GValue, FuncError> {
    let v = one_arg("json", args)?;
    Ok(GValue::String(
        serde_json::to_string(&from_gtmpl(v)).unwrap_or_default(),
    ))
}

fn string_arg(name: &str, args: &[GValue]) -> Result<String, FuncError> {
    match one_arg(name, args)? {
        GValue::String(s) => Ok(s.clone()),
        other => Ok(other.to_string()),
    }
}

fn lower_func(args: &[GValue]) -> Result<GValue, FuncError> {
    Ok(GValue::String(string_arg("lower", args)?.to_lowercase()))
}

fn upper_func(args: &[GValue]) -> Result<GValue, FuncError> {
    Ok(GValue::String(string_arg("upper", args)?.to_uppercase()))
}

fn join_func(args: &[GValue]) -> Result<GValue, FuncError> {
    match args {
        [GValue::Array(items), GValue::String(sep)] => Ok(GValue::String(
            items
                .iter()
                .map(|i| match i {
                    GValue::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(sep),
        )),
        _ => Err(FuncError::Generic(
            "join needs a list and a separator".into(),
        )),
    }
}

fn truncate_func(args: &[GValue]) -> Result<GValue, FuncError> {
    match args {
        [GValue::String(s), GValue::Number(n)] => {
            let n: usize = n.to_string().parse().unwrap_or(0);
            Ok(GValue::String(s.chars().take(n).collect()))
        }
        _ => Err(FuncError::Generic(
            "truncate needs a string and a length".into(),
        )),
    }
}

/// Aligns tab-separated cells into columns as Go's tabwriter does with podman's
/// settings (minimum width 12, padding 2); the last cell of a line is not padded.
pub fn write_aligned(out: &mut dyn Write, text: &str) -> Result<()> {
    const MIN_WIDTH: usize = 12;
    const PADDING: usize = 2;
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let mut widths: Vec<usize> = Vec::new();
    for cells in &lines {
        for (i, c) in cells.iter().enumerate().take(cells.len().saturating_sub(1)) {
            let w = (c.chars().count() + PADDING).max(MIN_WIDTH);
            if widths.len() <= i {
                widths.push(w);
            } else {
                widths[i] = widths[i].max(w);
            }
        }
    }
    let mut s = String::new();
    for cells in &lines {
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count()));
            }
        }
        s.push('\n');
    }
    out.write_all(s.as_bytes()).context("writing output")
}

/// Prints `value` as podman does: indented by four spaces, with a newline.
pub fn print_json(out: &mut dyn Write, value: &Value) -> Result<()> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(value, &mut ser).context("encoding JSON")?;
    buf.push(b'\n');
    out.write_all(&buf).context("writing output")
}

/// Sizes as podman prints them: SI units, three significant digits (`4.26MB`
/// in `system df`, `4.26 MB` in tables; the caller picks the separator).
pub fn human_size(bytes: u64, sep: &str) -> String {
    scaled(bytes, 1000.0, &SI_UNITS, 3, sep)
}

/// Sizes as docker's go-units `HumanSize` prints them, which `stats` uses:
/// SI units, four significant digits, no space (`1.235MB`).
pub fn si_size(bytes: u64) -> String {
    scaled(bytes, 1000.0, &SI_UNITS, 4, "")
}

/// Sizes as go-units' `BytesSize`: binary units, four significant digits
/// (`64MiB`).
pub fn binary_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    scaled(bytes, 1024.0, &UNITS, 4, "")
}

const SI_UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];

fn scaled(bytes: u64, base: f64, units: &[&str], digits: i32, sep: &str) -> String {
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= base && unit < units.len() - 1 {
        size /= base;
        unit += 1;
    }
    format!("{}{sep}{}", significant(size, digits), units[unit])
}

/// `x` with `digits` significant digits, trailing zeros dropped (Go's `%.3g`).
fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// "3 days ago", "About an hour ago", as docker's go-units prints ages.
pub fn ago(t: DateTime<Utc>) -> String {
    let secs = (Utc::now() - t).num_seconds().max(0);
    let text = if secs < 1 {
        "Less than a second".to_string()
    } else if secs == 1 {
        "1 second".to_string()
    } else if secs < 60 {
        format!("{secs} seconds")
    } else if secs / 60 == 1 {
        "About a minute".to_string()
    } else if secs / 60 < 60 {
        format!("{} minutes", secs / 60)
    } else {
        let hours = (secs as f64 / 3600.0 + 0.5) as i64;
        if hours == 1 {
            "About an hour".to_string()
        } else if hours < 48 {
            format!("{hours} hours")
        } else if hours < 24 * 7 * 2 {
            format!("{} days", hours / 24)
        } else if hours < 24 * 30 * 2 {
            format!("{} weeks", hours / 24 / 7)
        } else if hours < 24 * 365 * 2 {
            format!("{} months", hours / 24 / 30)
        } else {
            format!("{} years", hours / 24 / 365)
        }
    };
    format!("{text} ago")
}

/// Go's `time.Time` string form, which podman prints for `CreatedAt`.
pub fn go_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.f +0000 UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes_like_podman() {
        assert_eq!(human_size(0, " "), "0 B");
        assert_eq!(human_size(4_261_000, " "), "4.26 MB");
        assert_eq!(human_size(219_400_000, ""), "219MB");
        assert_eq!(human_size(1_500, " "), "1.5 kB");
        assert_eq!(human_size(999, " "), "999 B");
        assert_eq!(si_size(1_234_567), "1.235MB");
        assert_eq!(si_size(8_400_000_000), "8.4GB");
        assert_eq!(si_size(0), "0B");
        assert_eq!(binary_size(64 << 20), "64MiB");
        assert_eq!(binary_size(1536), "1.5KiB");
    }

    #[test]
    fn ages_like_go_units() {
        let now = Utc::now();
        assert_eq!(ago(now), "Less than a second ago");
        assert_eq!(
            ago(now - chrono::Duration::seconds(90)),
            "About a minute ago"
        );
        assert_eq!(ago(now - chrono::Duration::hours(3)), "3 hours ago");
        assert_eq!(ago(now - chrono::Duration::days(3)), "3 days ago");
        assert_eq!(ago(now - chrono::Duration::days(70)), "2 months ago");
    }

    #[test]
    fn lists_and_maps_print_as_go_does() {
        let row = json!({"Names": ["a", "b"], "Labels": {"z": "1", "a": "2"}, "N": 3});
        assert_eq!(
            render_one("{{.Names}} {{.Labels}} {{.N}}", &row).unwrap(),
            "[a b] map[a:2 z:1] 3\n"
        );
        assert_eq!(
            render_one("{{range .Names}}<{{.}}>{{end}}{{if .N}} yes{{end}}", &row).unwrap(),
            "<a><b> yes\n"
        );
        assert_eq!(render_one("{{$x := .N}}{{$x}}", &row).unwrap(), "3\n");
        assert_eq!(render_one("{{ \"}}\" }}", &row).unwrap(), "}}\n");
        assert_eq!(render_one("{{- .N -}}", &row).unwrap(), "3");
    }

    #[test]
    fn templates_and_tables() {
        let rows = vec![json!({"ID": "abc", "Size": "1 MB", "Names": ["a", "b"]})];
        let mut out = Vec::new();
        let Format::Template { text, table } = Format::parse(Some("table {{.ID}}\\t{{.Size}}"))
        else {
            panic!("a template")
        };
        print_template(&mut out, &text, table, table, &rows, &[("ID", "IMAGE ID")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "IMAGE ID    SIZE\nabc         1 MB\n"
        );
        let mut out = Vec::new();
        print_template(
            &mut out,
            "{{json .Names}} {{join .Names \",\"}}\n",
            false,
            false,
            &rows,
            &[],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[\"a\",\"b\"] a,b\n");
        let mut out = Vec::new();
        assert!(print_template(&mut out, "{{.Nope}}\n", false, false, &rows, &[]).is_err());
    }
}
