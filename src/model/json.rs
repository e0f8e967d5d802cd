//! JSON for greenfit's own formats: a small reader into a borrowed tree, typed decoding with
//! the path of whatever is wrong ("canvases[0].pains[2].importance: ..."), and a writer of
//! compact and pretty text in serde_json's layout.
//!
//! Why not serde: its code generated for every type of every format, and the parts of
//! serde_json it pulls in (float formatting for its error messages among them), were about a
//! tenth of the widget's download (docs/performance.md). The formats are fixed and small; this
//! reader is one parser for all of them, and each type's conversion is a few plain lines.

use std::borrow::Cow;
use std::fmt;

use super::sorted::SortedMap;

/// Nesting deeper than this is refused (as serde_json does), so that hostile input cannot
/// exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value, borrowing from the text where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number as written (already checked against JSON's number grammar).
    Number(&'a str),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in the order written; keys are unique (the reader refuses duplicates).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Text that is not JSON: what and where (line and column of the character that breaks it,
/// both from 1; serde_json counts one column less for some errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub reason: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

/// A value of the wrong shape: where (a path such as `canvases[0].name`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Path segments, innermost first (they are added while the error travels outwards).
    segments: Vec<Segment>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl DecodeError {
    pub fn new(reason: impl Into<String>) -> DecodeError {
        DecodeError {
            segments: Vec::new(),
            reason: reason.into(),
        }
    }

    /// This error, inside the member `key`.
    #[inline(never)]
    pub fn at(mut self, key: &str) -> DecodeError {
        self.segments.push(Segment::Key(key.to_owned()));
        self
    }

    /// This error, inside item `index` of a list.
    pub fn at_index(mut self, index: usize) -> DecodeError {
        self.segments.push(Segment::Index(index));
        self
    }

    /// Where the error is, e.g. `canvases[0].name`; empty for the whole value.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.segments.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            path if path.is_empty() => f.write_str(&self.reason),
            path => write!(f, "{path}: {}", self.reason),
        }
    }
}

/// Either kind of error, for readers that parse and decode in one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Syntax(SyntaxError),
    Decode(DecodeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
        }
    }
}

impl From<SyntaxError> for Error {
    fn from(e: SyntaxError) -> Error {
        Error::Syntax(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Error {
        Error::Decode(e)
    }
}

/// Parses `text` and decodes it as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    Ok(T::from_json(&parse(text)?)?)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Parses one JSON value; only whitespace may follow it.
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        reader.at += 1;
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

/// Where in `text` (a text that parses) the value an error is about begins, as line and
/// column; for a member that is missing, where the object that lacks it begins.
pub fn locate(text: &str, error: &DecodeError) -> Option<(usize, usize)> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.skip_space();
    let mut found = reader.at;
    'segments: for segment in error.segments.iter().rev() {
        match segment {
            Segment::Key(wanted) => {
                if reader.peek() != Some(b'{') {
                    break;
                }
                reader.at += 1;
                loop {
                    reader.skip_space();
                    if reader.peek() != Some(b'"') {
                        break 'segments;
                    }
                    reader.at += 1;
                    let key = reader.string().ok()?;
                    reader.skip_space();
                    reader.at += 1; // the colon
                    reader.skip_space();
                    if key == wanted.as_str() {
                        found = reader.at;
                        continue 'segments;
                    }
                    reader.value(0).ok()?;
                    reader.skip_space();
                    reader.at += 1; // the comma or the closing brace
                }
            }
            Segment::Index(wanted) => {
                if reader.peek() != Some(b'[') {
                    break;
                }
                reader.at += 1;
                for _ in 0..*wanted {
                    reader.value(0).ok()?;
                    reader.skip_space();
                    reader.at += 1; // the comma
                }
                reader.skip_space();
                found = reader.at;
            }
        }
    }
    reader.at = found + 1;
    let error = reader.error("");
    Some((error.line, error.column))
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, reason: &'static str) -> SyntaxError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        SyntaxError {
            reason,
            line,
            column: before.len() - line_start,
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        self.skip_space();
        let Some(first) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match first {
            b'{' | b'[' if depth >= MAX_DEPTH => {
                self.at += 1;
                Err(self.error("recursion limit exceeded"))
            }
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => {
                self.at += 1;
                Ok(Json::Str(self.string()?))
            }
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => {
                self.at += 1;
                Err(self.error("expected value"))
            }
        }
    }

    fn word(&mut self, word: &'static str, value: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        for expected in word.bytes() {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) => {
                    self.at += 1;
                    if b != expected {
                        return Err(self.error("expected ident"));
                    }
                }
            }
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    self.at += 1;
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("EOF while parsing a value")),
            _ => {
                self.at += 1;
                return Err(self.error("invalid number"));
            }
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.number_error());
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.number_error());
            }
        }
        let text = &self.text[start..self.at];
        // Like serde_json, refuse what no float can hold (a long mantissa or an exponent).
        if (text.len() > 20 || text.contains(['e', 'E'])) && !decimal(text).is_finite() {
            return Err(self.error("number out of range"));
        }
        Ok(Json::Number(text))
    }

    fn number_error(&mut self) -> SyntaxError {
        if self.at >= self.bytes.len() {
            return self.error("EOF while parsing a value");
        }
        self.at += 1;
        self.error("invalid number")
    }

    /// A string's contents; the opening quote is read.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let start = self.at;
        // Borrowed while there is no escape.
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => {
                    self.at += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                Some(_) => self.at += 1,
            }
        }
        let mut owned = String::from(&self.text[start..self.at]);
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            owned.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut owned)?;
                }
                Some(_) => {
                    self.at += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(self.error("unexpected end of hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(code)
                            .ok_or_else(|| self.error("invalid unicode code point"))?
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone leading surrogate in hex escape"))
                    }
                    code => char::from_u32(code)
                        .ok_or_else(|| self.error("invalid unicode code point"))?,
                }
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.at += 1;
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            code = code * 16 + u32::from(digit);
        }
        Ok(code)
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `,` or `]`"));
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        self.at += 1;
        let mut members: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            match self.peek() {
                Some(b'"') => self.at += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("key must be a string"));
                }
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `:`"));
                }
            }
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.at += 1;
                    if has_duplicate(&members) {
                        return Err(self.error("duplicate key in an object"));
                    }
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `,` or `}`"));
                }
            }
        }
    }
}

/// A key written twice would leave it to chance which value counts: such text is refused.
fn has_duplicate(members: &[(Cow<'_, str>, Json<'_>)]) -> bool {
    if members.len() <= 8 {
        return members
            .iter()
            .enumerate()
            .any(|(i, (key, _))| members[..i].iter().any(|(other, _)| other == key));
    }
    let mut keys: Vec<&str> = members.iter().map(|(key, _)| key.as_ref()).collect();
    super::sort_unstable_by(&mut keys, |a, b| a < b);
    keys.windows(2).any(|pair| pair[0] == pair[1])
}

impl<'a> Json<'a> {
    /// What kind of value this is, for messages: "text", "a number", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::Str(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// The value of member `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        Object::new(self).ok()?.raw(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(text) => Some(text),
            _ => None,
        }
    }

    fn expected(&self, what: &str) -> DecodeError {
        DecodeError::new(format!("expected {what}, found {}", self.kind()))
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError>;
}

impl FromJson for String {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Str(text) => Ok(text.as_ref().to_owned()),
            other => Err(other.expected("text")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => Err(other.expected("true or false")),
        }
    }
}

/// A whole number from 0 to `max`, written without fraction or exponent.
pub fn whole(value: &Json<'_>, max: u64) -> Result<u64, DecodeError> {
    let out_of_range = || DecodeError::new(format!("expected a whole number from 0 to {max}"));
    match value {
        Json::Number(text) if text.bytes().all(|b| b.is_ascii_digit()) => {
            let mut n: u64 = 0;
            for digit in text.bytes() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(digit - b'0')))
                    .ok_or_else(out_of_range)?;
            }
            if n > max {
                return Err(out_of_range());
            }
            Ok(n)
        }
        Json::Number(_) => Err(out_of_range()),
        other => Err(other.expected("a number")),
    }
}

impl FromJson for u64 {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        whole(value, u64::MAX)
    }
}

impl FromJson for usize {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        whole(value, u32::MAX.into()).map(|n| n as usize)
    }
}

impl FromJson for u8 {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        whole(value, u8::MAX.into()).map(|n| n as u8)
    }
}

impl FromJson for f64 {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Number(text) => Ok(decimal(text)),
            other => Err(other.expected("a number")),
        }
    }
}

/// The value of a number in JSON's grammar (checked by the reader). Exact (correctly rounded)
/// for up to 15 significant digits and exponents up to 22, which covers every number greenfit
/// writes (scores and quartiles from 0 to 100); otherwise within a few units in the last place.
/// (The standard parser is correct for all inputs, and about 20 KB of the download.)
pub fn decimal(text: &str) -> f64 {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (number, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let mut mantissa: u64 = 0;
    let mut scale: i32 = 0;
    let mut after_point = false;
    for b in number.bytes() {
        match b {
            b'.' => after_point = true,
            digit => {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(digit - b'0');
                    if after_point {
                        scale -= 1;
                    }
                } else if !after_point {
                    scale += 1;
                }
            }
        }
    }
    let exponent: i32 = {
        let (sign, digits) = match exponent.as_bytes().first() {
            Some(b'-') => (-1, &exponent[1..]),
            Some(b'+') => (1, &exponent[1..]),
            _ => (1, exponent),
        };
        let magnitude = digits.bytes().fold(0i32, |n, d| {
            n.saturating_mul(10).saturating_add(i32::from(d - b'0'))
        });
        sign * magnitude.min(1000)
    };
    let power = scale.saturating_add(exponent);
    let mut value = mantissa as f64;
    if value != 0.0 {
        const EXACT: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let mut left = power;
        while left > 0 {
            let step = left.min(22);
            value *= EXACT[step as usize];
            left -= step;
        }
        while left < 0 {
            let step = (-left).min(22);
            value /= EXACT[step as usize];
            left += step;
        }
    }
    if negative {
        -value
    } else {
        value
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for std::rc::Rc<T> {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        T::from_json(value).map(std::rc::Rc::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item).map_err(|e| e.at_index(i)))
                .collect(),
            other => Err(other.expected("a list")),
        }
    }
}

impl<T: FromJson> FromJson for SortedMap<String, T> {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Object(members) => {
                let mut entries = Vec::with_capacity(members.len());
                for (key, value) in members {
                    let value = T::from_json(value).map_err(|e| e.at(key))?;
                    entries.push((key.as_ref().to_owned(), value));
                }
                // `parse` refuses an object with a key twice, so this only sorts.
                SortedMap::from_unique(entries)
                    .ok_or_else(|| DecodeError::new("a key is twice in an object"))
            }
            other => Err(other.expected("an object")),
        }
    }
}

/// The members of an object, read one by one into a struct.
pub struct Object<'j, 'a> {
    members: &'j [(Cow<'a, str>, Json<'a>)],
}

impl<'j, 'a> Object<'j, 'a> {
    /// `value` as an object whose members may be anything (unknown ones are ignored).
    pub fn new(value: &'j Json<'a>) -> Result<Self, DecodeError> {
        match value {
            Json::Object(members) => Ok(Object { members }),
            other => Err(other.expected("an object")),
        }
    }

    /// `value` as an object with no members but `known`.
    pub fn only(value: &'j Json<'a>, known: &[&str]) -> Result<Self, DecodeError> {
        let object = Self::new(value)?;
        if let Some((key, _)) = object
            .members
            .iter()
            .find(|(key, _)| !known.contains(&key.as_ref()))
        {
            return Err(DecodeError::new("is not a name greenfit knows (mistyped?)").at(key));
        }
        Ok(object)
    }

    #[inline(never)]
    pub fn raw(&self, key: &str) -> Option<&'j Json<'a>> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
    }

    /// Member `key`; an error if it is missing.
    pub fn req<T: FromJson>(&self, key: &str) -> Result<T, DecodeError> {
        match self.raw(key) {
            Some(value) => T::from_json(value).map_err(|e| e.at(key)),
            None => Err(DecodeError::new("is missing").at(key)),
        }
    }

    /// Member `key`, or `None` if it is missing.
    pub fn opt<T: FromJson>(&self, key: &str) -> Result<Option<T>, DecodeError> {
        match self.raw(key) {
            Some(value) => T::from_json(value).map(Some).map_err(|e| e.at(key)),
            None => Ok(None),
        }
    }

    /// Member `key`, or the default if it is missing. (An explicit `null` for an `Option` is
    /// `None`; for anything else it is an error, as for any value of the wrong kind.)
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, DecodeError> {
        match self.raw(key) {
            Some(value) => T::from_json(value).map_err(|e| e.at(key)),
            None => Ok(T::default()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A type written as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut Writer);
}

/// Writes JSON text, compact or pretty-printed with two spaces (serde_json's layout).
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// Whether the open container has a member yet.
    first: bool,
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            depth: 0,
            first: true,
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn next_item(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        if self.pretty {
            self.newline();
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.newline();
        }
        self.first = false;
        self.out.push(bracket);
    }

    /// An object; `members` writes its members through [`Writer::member`].
    pub fn object(&mut self, members: impl FnOnce(&mut Writer)) {
        self.open('{');
        members(self);
        self.close('}');
    }

    /// One member of the open object.
    pub fn member<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.next_item();
        self.string(key);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
        value.write_json(self);
    }

    /// A list of `items`.
    pub fn array<'t, T: ToJson + 't>(&mut self, items: impl IntoIterator<Item = &'t T>) {
        self.open('[');
        for item in items {
            self.next_item();
            item.write_json(self);
        }
        self.close(']');
    }

    pub fn string(&mut self, text: &str) {
        self.out.push('"');
        let mut run = 0;
        for (i, b) in text.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&text[run..i]);
            run = i + 1;
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 15)]));
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(&text[run..]);
        self.out.push('"');
    }

    /// A number or other JSON written as is.
    pub fn raw(&mut self, json: &str) {
        self.out.push_str(json);
    }
}

/// `value` as compact JSON.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = Writer::new(false);
    value.write_json(&mut out);
    out.finish()
}

/// `value` as JSON pretty-printed with two spaces.
pub fn to_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = Writer::new(true);
    value.write_json(&mut out);
    out.finish()
}

impl ToJson for str {
    fn write_json(&self, out: &mut Writer) {
        out.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut Writer) {
        out.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut Writer) {
        out.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut Writer) {
        out.raw(&self.to_string());
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut Writer) {
        out.raw(&self.to_string());
    }
}

impl ToJson for u8 {
    fn write_json(&self, out: &mut Writer) {
        out.raw(&self.to_string());
    }
}

/// Written as serde_json writes floats: the shortest text that reads back the same, with
/// ".0" on whole numbers; `null` for what JSON cannot hold. (Only the dashboard writes
/// floats; the float formatting stays out of the widget.)
impl ToJson for f64 {
    fn write_json(&self, out: &mut Writer) {
        if !self.is_finite() {
            return out.raw("null");
        }
        let text = self.to_string();
        out.raw(&text);
        if !text.contains(['.', 'e']) {
            out.raw(".0");
        }
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut Writer) {
        match self {
            Some(value) => value.write_json(out),
            None => out.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for std::rc::Rc<T> {
    fn write_json(&self, out: &mut Writer) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut Writer) {
        out.array(self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut Writer) {
        out.array(self);
    }
}

impl<T: ToJson> ToJson for SortedMap<String, T> {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            for (key, value) in self {
                out.member(key, value);
            }
        });
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut Writer) {
        (**self).write_json(out);
    }
}
