//! A small HTML tag scanner, enough to find what a sanitiser must remove: elements, attribute
//! names, and URL attribute values as a browser would read them (entities decoded, ASCII
//! whitespace and controls dropped).
//! Shared by tests/hostile.rs and tests/properties.rs (`#[path] mod`).

#![allow(dead_code)]

/// One start tag: lower-case name and attributes (lower-case names, decoded values).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// Decodes the character references a browser decodes in attribute values (numeric and
/// the few named ones that matter for URLs).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The start tags of an HTML document, skipping comments, end tags and the contents of
/// raw-text elements.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let end = b[j + 1..]
                        .iter()
                        .position(|c| *c == q)
                        .map_or(b.len(), |e| j + 1 + e);
                    value = html[j + 1..end].to_string();
                    j = end + 1;
                } else {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[start..j].to_string();
                }
            }
            if start == j {
                j += 1;
            }
            attrs.push((attr, decode_entities(&value)));
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            j = html[j.min(b.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| j + e);
        }
        tags.push(Tag { name, attrs });
        i = j;
    }
    tags
}

/// Attributes whose value is a URL a browser may load or navigate to.
pub const URL_ATTRS: [&str; 10] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
];

/// Everything in `html` that a sanitiser must have removed, described.
pub fn dangers(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in start_tags(html) {
        if matches!(
            tag.name.as_str(),
            "script"
                | "iframe"
                | "frame"
                | "frameset"
                | "object"
                | "embed"
                | "applet"
                | "style"
                | "base"
                | "svg"
                | "math"
        ) {
            out.push(format!("<{}>", tag.name));
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                out.push(format!("<{} {name}=…>", tag.name));
            }
            if URL_ATTRS.contains(&name.as_str()) {
                let url: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    if url.starts_with(scheme) || url.contains(&format!(", {scheme}")) {
                        out.push(format!("<{} {name}=\"{value}\">", tag.name));
                    }
                }
            }
        }
    }
    out
}
