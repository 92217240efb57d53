//! `clientele lsp`: a language server on stdin and stdout.
//!
//! Editors get the command line's findings as the writer types:
//! diagnostics on open, change (debounced) and save; a quick fix per
//! suggestion and a "fix all" action; a hover with the rule's explanation.
//! The server is synchronous (lsp-server, as rust-analyzer uses it): one
//! thread reads messages, one writes them, and the main loop lints.
//!
//! - `transport`: stdio framing that survives malformed messages;
//! - `server`: the documents and the dispatch of every message;
//! - `workspace`: which config applies, and reloading it;
//! - `stamps`: whether the files the configs were read from changed;
//! - `position`: byte offsets to LSP positions in the negotiated encoding;
//! - `convert`, `actions`: findings as diagnostics, code actions, hovers.

mod actions;
mod convert;
pub(crate) mod position;
mod server;
mod stamps;
mod transport;
mod workspace;

pub use transport::MAX_HEADER;

use std::io;
use std::path::PathBuf;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Response};
use lsp_types::notification::{Exit, Notification as _};
use lsp_types::request::{Initialize, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, InitializeResult, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use position::Encoding;

/// The largest document the server checks, in bytes. A larger one gets a
/// single diagnostic saying so, and requests about it an error: checking
/// it and its fixes for every keystroke would take the editor's memory.
pub const MAX_DOCUMENT: usize = 4 * 1024 * 1024;

/// Serve the Language Server Protocol on stdin and stdout until the client
/// sends `exit` or goes away; whether it asked for a `shutdown` first (the
/// protocol wants exit code 1 otherwise).
pub(crate) fn run() -> io::Result<bool> {
    let (sender, receiver, threads) = transport::stdio()?;
    let orderly = serve(&receiver, &sender);
    // Closing the channels lets the writer finish what it holds and stop.
    drop((sender, receiver));
    threads.join()?;
    Ok(orderly)
}

/// Serve the messages of `receiver`, answering on `sender`, from
/// `initialize` to `exit` or the end of the messages; whether a `shutdown`
/// came first.
fn serve(receiver: &Receiver<Message>, sender: &Sender<Message>) -> bool {
    let Some(params) = initialize(receiver, sender) else {
        return false;
    };
    let workspace = params.capabilities.workspace.as_ref();
    let client = server::Client {
        encoding: negotiated(&params),
        watches: workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false),
        versioned_edits: workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
    };
    let mut server = server::Server::new(sender.clone(), client, folders(&params));
    server.run(receiver)
}

/// Wait for a valid `initialize` request and answer it; `None` when the
/// client leaves first. Other requests are answered with
/// `ServerNotInitialized` and notifications dropped, as the protocol asks.
fn initialize(receiver: &Receiver<Message>, sender: &Sender<Message>) -> Option<InitializeParams> {
    let error = |id, code: ErrorCode, message: String| {
        let _ = sender.send(Response::new_err(id, code as i32, message).into());
    };
    loop {
        match receiver.recv().ok()? {
            Message::Request(request) if request.method == Initialize::METHOD => {
                let params = match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => params,
                    Err(why) => {
                        error(
                            request.id,
                            ErrorCode::InvalidParams,
                            format!("invalid initialize parameters: {why}"),
                        );
                        continue;
                    }
                };
                let result = InitializeResult {
                    capabilities: capabilities(negotiated(&params)),
                    server_info: Some(ServerInfo {
                        name: "clientele".to_owned(),
                        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                    }),
                };
                match serde_json::to_value(result) {
                    Ok(result) => {
                        let _ = sender.send(Response::new_ok(request.id, result).into());
                        return Some(params);
                    }
                    Err(why) => error(request.id, ErrorCode::InternalError, why.to_string()),
                }
            }
            Message::Request(request) => error(
                request.id,
                ErrorCode::ServerNotInitialized,
                format!("`{}` before `initialize`", request.method),
            ),
            Message::Notification(notification) if notification.method == Exit::METHOD => {
                return None;
            }
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
}

/// Run the server in-process on `input` as its standard input, for the
/// fuzzer: framing, the handshake and every message's handling. Returns
/// the messages it sent.
#[cfg(any(test, feature = "fuzzing"))]
pub fn serve_bytes(input: &[u8]) -> Vec<Message> {
    let (incoming, received) = crossbeam_channel::unbounded();
    let (replies, answered) = crossbeam_channel::unbounded();
    let mut input = input;
    // Reading from a slice cannot fail.
    let _ = transport::read_loop(&mut input, &incoming, &replies);
    drop(incoming);
    serve(&received, &replies);
    drop(replies);
    answered.try_iter().collect()
}

/// The position encoding the client and the server agree on.
fn negotiated(params: &InitializeParams) -> Encoding {
    Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    )
}

/// What the server offers, positions counted in `encoding`.
fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The workspace folders of `params`, or its root.
#[allow(
    deprecated,
    reason = "rootUri and rootPath are what older clients send"
)]
fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders
            .iter()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
    }
    if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()) {
        return vec![root];
    }
    params.root_path.iter().map(PathBuf::from).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Whether `message` says a handler panicked (the server catches the
    /// panic and logs it; the fuzzer aborts on it).
    fn says_a_handler_failed(message: &Message) -> bool {
        let Message::Notification(n) = message else {
            return false;
        };
        n.method == "window/logMessage"
            && n.params["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("clientele:") && m.contains(" failed: "))
    }

    #[test]
    fn the_lsp_inputs_the_fuzzer_kept_still_pass() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/lsp");
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 5, "{} inputs in {folder:?}", inputs.len());
        for path in inputs {
            let sent = serve_bytes(&std::fs::read(&path).unwrap());
            let failed: Vec<_> = sent.iter().filter(|m| says_a_handler_failed(m)).collect();
            assert!(failed.is_empty(), "{}: {failed:?}", path.display());
        }
    }

    #[test]
    fn a_session_in_process_is_answered() {
        let session = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/lsp/session"),
        )
        .unwrap();
        let sent = serve_bytes(&session);
        let answered: Vec<String> = sent
            .iter()
            .filter_map(|m| match m {
                Message::Response(r) => Some(r.id.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(answered, ["1", "2", "3", "4", "99"]);
        assert!(sent.iter().any(
            |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
        ));
    }
}
