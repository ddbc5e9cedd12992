//! Turning a file's bytes into text: a UTF-8 BOM is dropped and CRLF becomes LF silently
//! (Windows editors write both); a file that is not UTF-8 is refused with a message that
//! recognises GBK and says how to re-save the file.

use crate::diagnostics::Diagnostic;

/// Decodes file bytes to text with LF line endings, or explains why it cannot.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => Ok(normalise_newlines(text)),
        Ok(text) => {
            let before_nul = text.split('\0').next().unwrap_or_default();
            Err(not_text().line(before_nul.matches('\n').count() + 1))
        }
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(not_utf8(bytes).line(line))
        }
    }
}

fn normalise_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

fn not_text() -> Diagnostic {
    Diagnostic::error("这不是文本文件（含有二进制内容）。")
        .hint("Markdown 文件必须是纯文本；附件（PDF、Word、图片）请不要使用 .md 扩展名。")
}

fn not_utf8(bytes: &[u8]) -> Diagnostic {
    let looks_gbk = !bytes.contains(&0)
        && encoding_rs::GBK
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some();
    if looks_gbk {
        Diagnostic::error("文件不是 UTF-8 编码，看起来是 GBK 编码（旧版 Windows 记事本、Word 的默认编码）。").hint(
            "请用记事本打开此文件，点“文件 → 另存为”，在“编码”中选择“UTF-8”后保存；VS Code 中点击右下角的“GBK”，选“通过编码保存”→“UTF-8”。",
        )
    } else {
        Diagnostic::error("文件不是 UTF-8 编码的文本。")
            .hint("请用文本编辑器把文件另存为 UTF-8 编码；如果这是附件，请不要使用 .md 扩展名。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap(), "a\nb\n");
    }

    #[test]
    fn recognises_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("标题：政务公开\n");
        let d = decode(&gbk).unwrap_err();
        assert!(d.message.contains("GBK"), "{}", d.message);
        assert!(d.hint.unwrap().contains("UTF-8"));
    }

    #[test]
    fn refuses_binary() {
        assert!(
            decode(b"\x00\x01\x02")
                .unwrap_err()
                .message
                .contains("二进制")
        );
        assert!(decode(&[0xff, 0xfe, 0x00, 0x41]).is_err());
    }
}
