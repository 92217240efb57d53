//! Standard input and output as two channels of LSP messages.
//!
//! lsp-server's own stdio transport ends the connection at the first
//! message that is not valid JSON-RPC; an editor would lose its server to
//! one bad byte. This reader logs such a message, answers it with an error
//! when it has an id, and goes on with the next one.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::notification::{LogMessage, Notification as _};
use lsp_types::{LogMessageParams, MessageType};

/// The threads that move messages between the channels and stdio.
pub struct IoThreads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait for both threads; the first I/O error either met.
    pub fn join(self) -> io::Result<()> {
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
pub fn stdio() -> io::Result<(Sender<Message>, Receiver<Message>, IoThreads)> {
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
    input: &mut dyn BufRead,
    incoming: &Sender<Message>,
    replies: &Sender<Message>,
) -> io::Result<()> {
    loop {
        let body = match read_frame(input) {
            Ok(Some(body)) => body,
            Ok(None) => return Ok(()),
            Err(Frame::Io(error)) => return Err(error),
            Err(Frame::Malformed(why)) => {
                log(replies, &format!("ignored a malformed message: {why}"));
                continue;
            }
        };
        match serde_json::from_slice::<Message>(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return Ok(());
                }
            }
            Err(error) => {
                log(
                    replies,
                    &format!("ignored a message that is not JSON-RPC: {error}"),
                );
                if let Some(id) = request_id(&body) {
                    let reply = Response::new_err(
                        id,
                        ErrorCode::InvalidRequest as i32,
                        format!("not a JSON-RPC request: {error}"),
                    );
                    let _ = replies.send(reply.into());
                }
            }
        }
    }
}

/// Why a frame could not be read.
enum Frame {
    /// The stream failed: nothing more can be read.
    Io(io::Error),
    /// The headers were wrong; the next frame may be fine.
    Malformed(String),
}

/// The body of the next `Content-Length` frame, or `None` at the end.
fn read_frame(input: &mut dyn BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(Frame::Io)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // A blank line before any header: a stray line break.
            continue;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(Frame::Malformed(format!("not a header: {header:?}")));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| Frame::Malformed(format!("bad Content-Length: {value:?}")))?,
            );
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    input.read_exact(&mut body).map_err(Frame::Io)?;
    Ok(Some(body))
}

/// The `id` of a message that is JSON but not a valid request.
fn request_id(body: &[u8]) -> Option<RequestId> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
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

    /// What the reader passes on and what it answers, for `input`.
    fn read(input: &str) -> (Vec<Message>, Vec<Message>) {
        let (incoming, received) = unbounded();
        let (replies, answered) = unbounded();
        read_loop(&mut input.as_bytes(), &incoming, &replies).unwrap();
        drop((incoming, replies));
        (received.iter().collect(), answered.iter().collect())
    }

    #[test]
    fn a_malformed_message_is_answered_and_the_next_one_read() {
        let ping = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            // JSON with an id, but neither a request, a response nor a
            // notification.
            frame(r#"{"jsonrpc":"2.0","id":7,"error":"broken"}"#),
            "Content-Length: many\r\n".to_owned(),
            frame(ping),
        ]
        .concat();
        let (received, answered) = read(&input);
        assert_eq!(received.len(), 1, "{received:?}");
        assert!(matches!(&received[0], Message::Notification(n) if n.method == "initialized"));
        let errors: Vec<_> = answered
            .iter()
            .filter_map(|m| match m {
                Message::Response(r) => Some((r.id.clone(), r.error.as_ref()?.code)),
                _ => None,
            })
            .collect();
        assert_eq!(
            errors,
            [(RequestId::from(7), ErrorCode::InvalidRequest as i32)]
        );
        let logged = answered
            .iter()
            .filter(|m| matches!(m, Message::Notification(n) if n.method == "window/logMessage"))
            .count();
        assert_eq!(logged, 3);
    }

    #[test]
    fn reading_stops_after_exit() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let (received, _) = read(&input);
        assert_eq!(received.len(), 1);
    }
}
