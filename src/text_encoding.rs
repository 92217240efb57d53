//! The encodings a document may come in: UTF-8 (with or without a byte
//! order mark) and UTF-16 with a byte order mark, as some Windows editors
//! save Markdown. A UTF-16 file is checked like any other and written back
//! in UTF-16 by `--fix`; calling it binary would let a page nobody checked
//! pass.

/// How a document's text is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum TextEncoding {
    /// UTF-8; a byte order mark, if any, is part of the text.
    #[default]
    Utf8,
    /// UTF-16, little-endian, starting with the mark `FF FE`.
    Utf16Le,
    /// UTF-16, big-endian, starting with the mark `FE FF`.
    Utf16Be,
}

/// Why bytes marked as UTF-16 are not UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadUtf16 {
    /// The encoding the byte order mark named.
    pub(crate) encoding: TextEncoding,
    /// Byte offset of the first unit that is not part of a character.
    pub(crate) offset: usize,
}

impl TextEncoding {
    /// The UTF-16 encoding whose byte order mark `bytes` start with.
    pub(crate) fn utf16_by_mark(bytes: &[u8]) -> Option<Self> {
        match bytes {
            // `FF FE 00 00` is UTF-32's mark, which is not read.
            [0xFF, 0xFE, 0, 0, ..] => None,
            [0xFF, 0xFE, ..] => Some(Self::Utf16Le),
            [0xFE, 0xFF, ..] => Some(Self::Utf16Be),
            _ => None,
        }
    }

    /// The name a user knows the encoding by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
        }
    }

    /// The text of `bytes` in this UTF-16 encoding, its mark kept as the
    /// text's first character (as a UTF-8 mark is), so that writing it
    /// back gives the same bytes.
    pub(crate) fn decode_utf16(self, bytes: &[u8]) -> Result<String, BadUtf16> {
        let unit = |pair: &[u8]| match self {
            Self::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
            Self::Utf16Le | Self::Utf8 => u16::from_le_bytes([pair[0], pair[1]]),
        };
        let units = bytes.chunks_exact(2).map(unit);
        let mut text = String::with_capacity(bytes.len());
        let mut offset = 0;
        for decoded in char::decode_utf16(units) {
            match decoded {
                Ok(c) => {
                    text.push(c);
                    offset += 2 * c.len_utf16();
                }
                Err(_) => {
                    return Err(BadUtf16 {
                        encoding: self,
                        offset,
                    });
                }
            }
        }
        if bytes.len() % 2 == 1 {
            return Err(BadUtf16 {
                encoding: self,
                offset: bytes.len() - 1,
            });
        }
        Ok(text)
    }

    /// `text` as bytes in this encoding.
    pub(crate) fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Self::Utf8 => text.as_bytes().to_vec(),
            Self::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Self::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(encoding: TextEncoding, text: &str) -> Vec<u8> {
        encoding.encode(&format!("\u{FEFF}{text}"))
    }

    #[test]
    fn utf16_with_a_mark_reads_and_writes_back_the_same_bytes() {
        for encoding in [TextEncoding::Utf16Le, TextEncoding::Utf16Be] {
            let bytes = utf16(encoding, "Клиент 客户 client 𝄞\r\n");
            assert_eq!(TextEncoding::utf16_by_mark(&bytes), Some(encoding));
            let text = encoding.decode_utf16(&bytes).unwrap();
            assert_eq!(text, "\u{FEFF}Клиент 客户 client 𝄞\r\n");
            assert_eq!(encoding.encode(&text), bytes);
        }
    }

    #[test]
    fn a_lone_surrogate_or_an_odd_byte_is_not_utf16() {
        let mut lone = utf16(TextEncoding::Utf16Le, "ab");
        lone.extend([0x00, 0xD8, b'c', 0]);
        let error = TextEncoding::Utf16Le.decode_utf16(&lone).unwrap_err();
        assert_eq!(error.offset, 6);
        let mut odd = utf16(TextEncoding::Utf16Be, "ab");
        odd.push(b'c');
        let error = TextEncoding::Utf16Be.decode_utf16(&odd).unwrap_err();
        assert_eq!(error.offset, 6);
    }

    #[test]
    fn only_utf16_marks_are_taken() {
        assert_eq!(TextEncoding::utf16_by_mark(b"\xEF\xBB\xBFclient"), None);
        assert_eq!(TextEncoding::utf16_by_mark(b"\xFF\xFE\0\0c\0\0\0"), None);
        assert_eq!(TextEncoding::utf16_by_mark(b"client"), None);
    }
}
