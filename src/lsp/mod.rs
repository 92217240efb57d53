//! `clientele lsp`: a language server on stdin and stdout.
//!
//! Editors get the command line's findings as the writer types:
//! diagnostics on open, change (debounced) and save; a quick fix per
//! suggestion and a "fix all" action; a hover with the rule's explanation.
//! The server is synchronous (lsp-server, as rust-analyzer uses it): one
//! thread reads messages, one writes them, and the main loop lints.
//!
//! - [`transport`]: stdio framing that survives malformed messages;
//! - [`server`]: the documents and the dispatch of every message;
//! - [`workspace`]: which config applies, and reloading it;
//! - [`position`]: byte offsets to LSP positions in the negotiated encoding;
//! - [`convert`], [`actions`]: findings as diagnostics, code actions, hovers.

mod actions;
mod convert;
pub(crate) mod position;
mod server;
mod transport;
mod workspace;

use std::io;
use std::path::PathBuf;

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, InitializeResult, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use position::Encoding;

/// Serve the Language Server Protocol on stdin and stdout until the client
/// sends `exit` or goes away; whether it asked for a `shutdown` first (the
/// protocol wants exit code 1 otherwise).
pub fn run() -> io::Result<bool> {
    let (sender, receiver, threads) = transport::stdio()?;
    let connection = Connection { sender, receiver };
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("initialize: {e}")))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "clientele".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(io::Error::other)?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| io::Error::other(e.to_string()))?;

    let mut server = server::Server::new(connection.sender.clone(), encoding, folders(&params));
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watches {
        server.watch_configs();
    }
    let orderly = server.run(&connection.receiver);
    // Closing the channel lets the writer finish what it holds and stop.
    drop(server);
    drop(connection);
    threads.join()?;
    Ok(orderly)
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
