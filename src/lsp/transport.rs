//! Standard input and output as two channels of LSP messages.
//!
//! lsp-server's own stdio transport ends the connection at the first
//! message that is not valid JSON-RPC, and trusts every `Content-Length`;
//! an editor would lose its server to one bad byte. This reader caps what a
//! frame may claim ([`MAX_HEADER`], [`MAX_FRAME`]), logs a frame it cannot
//! read, answers it with an error when it has an id, and finds the next
//! frame by its `Content-Length:` header.

use std::io::{self, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::notification::{LogMessage, Notification as _};
use lsp_types::{LogMessageParams, MessageType};

/// The most bytes a frame's headers may take. Clients send one or two
/// short headers; more is not a frame.
pub const MAX_HEADER: usize = 8 * 1024;

/// The most bytes a message may claim. A document is checked up to
/// [`super::MAX_DOCUMENT`]; JSON may escape each of its bytes into six.
pub(crate) const MAX_FRAME: usize = 64 * 1024 * 1024;

/// How much is read from the input at once.
const CHUNK: usize = 64 * 1024;

/// The threads that move messages between the channels and stdio.
pub(crate) struct IoThreads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait for both threads; the first I/O error either met.
    pub(crate) fn join(self) -> io::Result<()> {
        let reader = self
            .reader
            .join()
            .map_err(|_| io::Error::other("reader panicked"))?;
        let writer = self
            .writer
            .join()
            .map_err(|_| io::Error::other("writer panicked"))?;
        reader.and(writer)
    }
}

/// Channels over stdin and stdout: messages to send, and messages received.
pub(crate) fn stdio() -> io::Result<(Sender<Message>, Receiver<Message>, IoThreads)> {
    let (to_client, outgoing) = unbounded::<Message>();
    let writer = thread::Builder::new()
        .name("clientele-lsp-writer".to_owned())
        .spawn(move || {
            let stdout = io::stdout();
            let mut stdout = stdout.lock();
            for message in outgoing {
                message.write(&mut stdout)?;
            }
            stdout.flush()
        })?;
    let (incoming, from_client) = bounded::<Message>(0);
    let replies = to_client.clone();
    let reader = thread::Builder::new()
        .name("clientele-lsp-reader".to_owned())
        .spawn(move || read_loop(&mut io::stdin().lock(), &incoming, &replies))?;
    Ok((to_client, from_client, IoThreads { reader, writer }))
}

/// Read framed messages from `input` until it ends or `exit` arrives.
pub(crate) fn read_loop(
    input: &mut dyn Read,
    incoming: &Sender<Message>,
    replies: &Sender<Message>,
) -> io::Result<()> {
    let mut frames = Frames::new(input);
    loop {
        let body = match frames.next()? {
            Frame::Body(body) => body,
            Frame::End => return Ok(()),
            Frame::Malformed(why) => {
                log(replies, &format!("ignored a malformed message: {why}"));
                continue;
            }
        };
        match serde_json::from_slice::<Message>(&body) {
            // A request whose method is not a string reads as a response
            // with neither result nor error; its sender waits for an answer.
            Ok(Message::Response(_)) if has_method(&body) => refuse_request(&body, replies),
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return Ok(());
                }
            }
            Err(error) => refuse(&body, &error, replies),
        }
    }
}

/// Log a body that is not a JSON-RPC message and answer it, as JSON-RPC
/// asks, when it has an id: a parse error for a body that is not JSON, an
/// invalid request for JSON that is not a message.
fn refuse(body: &[u8], error: &serde_json::Error, replies: &Sender<Message>) {
    let (code, what, id) = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => (
            ErrorCode::InvalidRequest,
            "not a JSON-RPC message",
            request_id(&value),
        ),
        // JSON but for a byte that is not UTF-8: its id can still be read.
        Err(_) => (
            ErrorCode::ParseError,
            "not JSON",
            serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(body))
                .ok()
                .as_ref()
                .and_then(request_id),
        ),
    };
    log(
        replies,
        &format!("ignored a message that is {what} (not JSON-RPC): {error}"),
    );
    if let Some(id) = id {
        let reply = Response::new_err(id, code as i32, format!("{what}: {error}"));
        let _ = replies.send(reply.into());
    }
}

/// Whether `body` is a JSON object with a `method`.
fn has_method(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .is_ok_and(|value| value.get("method").is_some())
}

/// Log and answer (when it has an id) a request whose method is not a
/// string.
fn refuse_request(body: &[u8], replies: &Sender<Message>) {
    let what = "a request whose method is not a string";
    log(replies, &format!("ignored {what}"));
    let value = serde_json::from_slice::<serde_json::Value>(body).ok();
    if let Some(id) = value.as_ref().and_then(request_id) {
        let code = ErrorCode::InvalidRequest as i32;
        let _ =
            replies.send(Response::new_err(id, code, format!("invalid request: {what}")).into());
    }
}

/// What the next frame of the input is.
#[derive(Debug)]
enum Frame {
    /// A body of the length its header gave.
    Body(Vec<u8>),
    /// The input is over.
    End,
    /// A frame that could not be read, skipped up to the next header.
    Malformed(String),
}

/// A byte stream cut into `Content-Length` frames. Bytes read past one
/// frame are kept for the next.
struct Frames<'a> {
    input: &'a mut dyn Read,
    buffer: Vec<u8>,
    /// Where a read lands before it joins the buffer.
    chunk: Vec<u8>,
    ended: bool,
}

impl<'a> Frames<'a> {
    fn new(input: &'a mut dyn Read) -> Self {
        Self {
            input,
            buffer: Vec::new(),
            chunk: vec![0; CHUNK],
            ended: false,
        }
    }

    /// Read more of the input into the buffer; `false` once it has ended.
    fn fill(&mut self) -> io::Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let read = loop {
            match self.input.read(&mut self.chunk) {
                Ok(read) => break read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        };
        self.buffer
            .extend_from_slice(self.chunk.get(..read).unwrap_or_default());
        self.ended = read == 0;
        Ok(!self.ended)
    }

    /// The next frame. Only a failing input is an error.
    fn next(&mut self) -> io::Result<Frame> {
        let (length, start) = match self.headers()? {
            Headers::Length(length, start) => (length, start),
            Headers::End => return Ok(Frame::End),
            Headers::Malformed(why) => {
                self.resynchronise(1)?;
                return Ok(Frame::Malformed(why));
            }
        };
        // A header inside the body means the length overran into the next
        // frame: no JSON holds one, as JSON strings escape line breaks.
        let end = start + length;
        let mut from = start;
        loop {
            match find_header(&self.buffer, from, end) {
                Search::Found(at) => {
                    self.buffer.drain(..at);
                    return Ok(Frame::Malformed(format!(
                        "a message shorter than its Content-Length of {length} bytes \
                         (the next message began after {} bytes)",
                        at - start
                    )));
                }
                Search::Pending(at) => from = at,
                Search::None => from = end.min(self.buffer.len()),
            }
            if self.buffer.len() >= end && from >= end {
                let body = self.buffer[start..end].to_vec();
                self.buffer.drain(..end);
                return Ok(Frame::Body(body));
            }
            if !self.fill()? {
                if self.buffer.len() >= end {
                    // Bytes that could have begun a header, at the very end
                    // of the input: they did not.
                    from = end;
                    continue;
                }
                let got = self.buffer.len() - start;
                self.buffer.clear();
                return Ok(Frame::Malformed(format!(
                    "the input ended {got} bytes into a message of {length}"
                )));
            }
        }
    }

    /// Read the headers of the next frame: its body's length and where the
    /// body starts in the buffer.
    fn headers(&mut self) -> io::Result<Headers> {
        let mut length = None;
        let mut line_start = 0;
        loop {
            let Some(newline) = self.buffer[line_start..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|at| line_start + at)
            else {
                if self.buffer.len() > MAX_HEADER {
                    return Ok(Headers::Malformed(format!(
                        "headers longer than {MAX_HEADER} bytes"
                    )));
                }
                if !self.fill()? {
                    return Ok(Headers::End);
                }
                continue;
            };
            if newline >= MAX_HEADER {
                return Ok(Headers::Malformed(format!(
                    "headers longer than {MAX_HEADER} bytes"
                )));
            }
            let begin = line_start;
            let line = &self.buffer[begin..newline];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Ok(header) = std::str::from_utf8(line) else {
                return Ok(Headers::Malformed(format!(
                    "a header that is not UTF-8: {:?}",
                    String::from_utf8_lossy(line)
                )));
            };
            line_start = newline + 1;
            if header.is_empty() {
                if let Some(length) = length {
                    return Ok(Headers::Length(length, line_start));
                }
                if begin == 0 {
                    // A stray line break between frames.
                    self.buffer.drain(..line_start);
                    line_start = 0;
                    continue;
                }
                return Ok(Headers::Malformed(
                    "headers without a Content-Length".into(),
                ));
            }
            let Some((name, value)) = header.split_once(':') else {
                return Ok(Headers::Malformed(format!("not a header: {header:?}")));
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                let value = value.trim();
                match value.parse::<u64>() {
                    Ok(claimed) if claimed <= MAX_FRAME as u64 => {
                        length = usize::try_from(claimed).ok();
                    }
                    Ok(claimed) => {
                        return Ok(Headers::Malformed(format!(
                            "a message of {claimed} bytes, over the limit of {MAX_FRAME}"
                        )));
                    }
                    Err(_) => {
                        return Ok(Headers::Malformed(format!("bad Content-Length: {value:?}")));
                    }
                }
            }
        }
    }

    /// Skip at least `skip` bytes, then up to the next `Content-Length`
    /// header or the end of the input.
    fn resynchronise(&mut self, skip: usize) -> io::Result<()> {
        self.buffer.drain(..skip.min(self.buffer.len()));
        loop {
            match find_header(&self.buffer, 0, self.buffer.len()) {
                Search::Found(at) => {
                    self.buffer.drain(..at);
                    return Ok(());
                }
                Search::Pending(at) => {
                    self.buffer.drain(..at);
                }
                Search::None => self.buffer.clear(),
            }
            if !self.fill()? {
                self.buffer.clear();
                return Ok(());
            }
        }
    }
}

/// What the headers of a frame gave.
enum Headers {
    /// The body's length, and where it starts in the buffer.
    Length(usize, usize),
    /// The input ended between frames.
    End,
    /// Headers that are not a frame's.
    Malformed(String),
}

/// Where a `Content-Length` header starts in a buffer.
#[derive(Debug, PartialEq, Eq)]
enum Search {
    /// A whole header starts here.
    Found(usize),
    /// The buffer ends in what may be the start of one, from here.
    Pending(usize),
    /// No header starts in the range searched.
    None,
}

/// The first `Content-Length: <digits>` and line break starting in
/// `from..to` of `bytes` (it may end past `to`).
fn find_header(bytes: &[u8], from: usize, to: usize) -> Search {
    const NAME: &[u8] = b"content-length:";
    let to = to.min(bytes.len());
    for at in from..to {
        if !bytes[at].eq_ignore_ascii_case(&b'c') {
            continue;
        }
        match header_at(&bytes[at..], NAME) {
            Some(true) => return Search::Found(at),
            None => return Search::Pending(at),
            Some(false) => {}
        }
    }
    Search::None
}

/// Whether `bytes` start with the header `name`, up to 16 spaces, 1 to 20
/// digits and a line break; `None` when they end before that is known.
fn header_at(bytes: &[u8], name: &[u8]) -> Option<bool> {
    let mut rest = bytes.iter();
    for expected in name {
        match rest.next() {
            None => return None,
            Some(b) if b.eq_ignore_ascii_case(expected) => {}
            Some(_) => return Some(false),
        }
    }
    let mut spaces = 0;
    let mut digits = 0;
    loop {
        match rest.next() {
            None => return None,
            Some(b' ' | b'\t') if digits == 0 && spaces < 16 => spaces += 1,
            Some(b'0'..=b'9') if digits < 20 => digits += 1,
            Some(b'\r' | b'\n') => return Some(digits > 0),
            Some(_) => return Some(false),
        }
    }
}

/// The `id` of a message that is JSON but not a valid request.
fn request_id(value: &serde_json::Value) -> Option<RequestId> {
    match value.get("id")? {
        serde_json::Value::Number(n) => Some(RequestId::from(i32::try_from(n.as_i64()?).ok()?)),
        serde_json::Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

/// Send `message` to the client's log.
fn log(replies: &Sender<Message>, message: &str) {
    let params = LogMessageParams {
        typ: MessageType::ERROR,
        message: message.to_owned(),
    };
    let _ = replies.send(Notification::new(LogMessage::METHOD.to_owned(), params).into());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// A reader that hands out one byte at a time, as a slow pipe might.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            match buf.first_mut() {
                Some(byte) => *byte = *first,
                None => return Ok(0),
            }
            self.0 = rest;
            Ok(1)
        }
    }

    /// What the reader passes on and what it answers, for `input`, read
    /// at once and byte by byte (the two must agree).
    fn read(input: &[u8]) -> (Vec<Message>, Vec<Message>) {
        let run = |reader: &mut dyn Read| {
            let (incoming, received) = unbounded();
            let (replies, answered) = unbounded();
            read_loop(reader, &incoming, &replies).unwrap();
            drop((incoming, replies));
            (
                received.iter().collect::<Vec<_>>(),
                answered.iter().collect::<Vec<_>>(),
            )
        };
        let at_once = run(&mut &input[..]);
        let trickled = run(&mut Trickle(input));
        assert_eq!(format!("{at_once:?}"), format!("{trickled:?}"));
        at_once
    }

    fn methods(messages: &[Message]) -> Vec<String> {
        messages
            .iter()
            .map(|m| match m {
                Message::Notification(n) => n.method.clone(),
                Message::Request(r) => r.method.clone(),
                Message::Response(r) => format!("response {}", r.id),
            })
            .collect()
    }

    #[test]
    fn a_malformed_message_is_answered_and_the_next_one_read() {
        let ping = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            // JSON with an id, but neither a request, a response nor a
            // notification.
            frame(r#"{"jsonrpc":"2.0","id":7,"error":"broken"}"#),
            // Reads as a response with neither result nor error.
            frame(r#"{"jsonrpc":"2.0","id":8,"method":5}"#),
            "Content-Length: many\r\n".to_owned(),
            frame(ping),
        ]
        .concat();
        let (received, answered) = read(input.as_bytes());
        assert_eq!(methods(&received), ["initialized"]);
        let errors: Vec<_> = answered
            .iter()
            .filter_map(|m| match m {
                Message::Response(r) => Some((r.id.clone(), r.error.as_ref()?.code)),
                _ => None,
            })
            .collect();
        assert_eq!(
            errors,
            [
                (RequestId::from(7), ErrorCode::InvalidRequest as i32),
                (RequestId::from(8), ErrorCode::InvalidRequest as i32)
            ]
        );
        let logged = answered
            .iter()
            .filter(|m| matches!(m, Message::Notification(n) if n.method == "window/logMessage"))
            .count();
        assert_eq!(logged, 4);
    }

    #[test]
    fn reading_stops_after_exit() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let (received, _) = read(input.as_bytes());
        assert_eq!(received.len(), 1);
    }

    #[test]
    fn after_a_bad_frame_the_next_header_is_found() {
        let ping = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let bad: [&[u8]; 8] = [
            b"Content-Length: 18446744073709551615\r\n\r\n",
            b"Content-Length: 67108865\r\n\r\n{}",
            b"Content-Length: 100\r\n\r\n{}",
            b"Content-Length: 3\r\n\r\n{}",
            b"Content-Length: 2\xff\r\n\r\n{}",
            b"\xff\xfe\r\n",
            b"x: y\r\n\r\n",
            b"\r\n\r\nno header at all",
        ];
        for bad in bad {
            let input = [bad, ping.as_bytes(), bad, ping.as_bytes(), bad].concat();
            let (received, answered) = read(&input);
            assert_eq!(
                methods(&received),
                ["initialized", "initialized"],
                "{:?}",
                String::from_utf8_lossy(bad)
            );
            assert!(!answered.is_empty());
        }
        // A header line longer than the limit, then a frame.
        let long = [vec![b'a'; MAX_HEADER + 1].as_slice(), ping.as_bytes()].concat();
        assert_eq!(methods(&read(&long).0), ["initialized"]);
        // A body may hold the words, escaped as JSON escapes them.
        let quoted = frame(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{"x":"Content-Length: 5\r\n"}}"#,
        );
        assert_eq!(methods(&read(quoted.as_bytes()).0), ["initialized"]);
    }

    #[test]
    fn a_header_is_found_only_when_whole() {
        let h = |bytes: &[u8]| find_header(bytes, 0, bytes.len());
        assert_eq!(h(b"xx content-length: 12\r\n"), Search::Found(3));
        assert_eq!(h(b"xx Content-Length:12\n"), Search::Found(3));
        assert_eq!(h(b"xx Content-Len"), Search::Pending(3));
        assert_eq!(h(b"xx Content-Length: 12"), Search::Pending(3));
        assert_eq!(h(b"Content-Length: 12\\r\\n"), Search::None);
        assert_eq!(h(b"Content-Length: \r\n"), Search::None);
        assert_eq!(h(b"Content-Type: 12\r\n"), Search::None);
    }
}
