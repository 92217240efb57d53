//! The server's state and main loop: open documents, their lint results,
//! and the dispatch of every message.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Initialized, LogMessage, Notification as _,
    PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, HoverRequest, Initialize, RegisterCapability, Request as _,
};
use lsp_types::{
    CodeActionParams, CodeActionResponse, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, LogMessageParams, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, ShowMessageParams, Url,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::MAX_DOCUMENT;
use super::actions::{Linted, QUICK_FIX_BUDGET, fix_all_kind};
use super::convert;
use super::position::{Encoding, offset};
use super::workspace::Workspace;
use crate::config::{CONFIG_NAMES, Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lint::{fix_document, lint_document};
use crate::source::SourceFile;
use crate::span::Span;

/// The least time between two lints of one document. A change to a
/// document not linted for that long is linted at once; changes that come
/// faster, or while the server is busy, are linted together once the time
/// is up (a debounce that also fires on the leading edge).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

/// An open document.
struct Document {
    source: SourceFile,
    version: i32,
    /// When it is due to be linted again, if it changed since.
    due: Option<Instant>,
    /// When it was last linted.
    linted_at: Option<Instant>,
    /// What the last lint found, and under which settings.
    lint: Option<LintState>,
}

struct LintState {
    /// The version of the document that was linted.
    version: i32,
    diagnostics: Vec<Diagnostic>,
    config: Arc<Config>,
    settings: Settings,
}

/// What a request handler failed with.
struct Failure {
    code: ErrorCode,
    message: String,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// What the client said it can do, in `initialize`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Client {
    /// The position encoding agreed on.
    pub(crate) encoding: Encoding,
    /// Whether it watches files for the server when asked to.
    pub(crate) watches: bool,
    /// Whether it takes edits naming the document version they are for
    /// (`documentChanges`), and so refuses one made for an older text.
    pub(crate) versioned_edits: bool,
}

/// The language server.
pub(crate) struct Server {
    sender: Sender<Message>,
    encoding: Encoding,
    watches: bool,
    versioned_edits: bool,
    workspace: Workspace,
    documents: HashMap<Url, Document>,
    /// Config and pack files that carry error diagnostics now.
    broken_files: HashSet<Url>,
    /// Error messages already shown in a window since the last reload.
    shown: HashSet<String>,
    next_id: i32,
    shutting_down: bool,
}

impl Server {
    /// A server that writes to `sender`, for a workspace of `folders`.
    pub(crate) fn new(sender: Sender<Message>, client: Client, folders: Vec<PathBuf>) -> Self {
        let fallback = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Self {
            sender,
            encoding: client.encoding,
            watches: client.watches,
            versioned_edits: client.versioned_edits,
            workspace: Workspace::new(folders, fallback),
            documents: HashMap::new(),
            broken_files: HashSet::new(),
            shown: HashSet::new(),
            next_id: 0,
            shutting_down: false,
        }
    }

    /// Ask the client to tell the server when a `.toml` file changes (a
    /// config or a pack), for clients that take registrations.
    fn watch_configs(&mut self) {
        let watchers = ["**/*.toml"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_owned()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "clientele-configs".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("clientele-{}", self.next_id)),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        self.send(request.into());
    }

    /// Serve until `exit` or until the client goes away; whether the
    /// client asked for a `shutdown` first, as it should.
    pub(crate) fn run(&mut self, receiver: &Receiver<Message>) -> bool {
        loop {
            let next_due = self.documents.values().filter_map(|d| d.due).min();
            let message = match next_due {
                Some(due) => match receiver.recv_deadline(due) {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return self.shutting_down,
                },
                None => match receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return self.shutting_down,
                },
            };
            match message {
                Some(Message::Request(request)) => self.request(request),
                Some(Message::Notification(notification)) => {
                    if notification.method == "exit" {
                        return self.shutting_down;
                    }
                    self.notification(notification);
                }
                // Answers to the server's own requests (registrations).
                Some(Message::Response(_)) => {}
                None => self.lint_due(),
            }
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let result =
            catch_unwind(AssertUnwindSafe(|| self.dispatch(request))).unwrap_or_else(|panic| {
                let why = panic_message(&*panic);
                self.log(&format!("clientele: `{method}` failed: {why}"));
                Err(Failure::new(
                    ErrorCode::InternalError,
                    format!("clientele failed on this request: {why}"),
                ))
            });
        let response = match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err(failure) => {
                self.log(&format!("clientele: `{method}`: {}", failure.message));
                Response::new_err(id, failure.code as i32, failure.message)
            }
        };
        self.send(response.into());
    }

    fn dispatch(&mut self, request: Request) -> Result<serde_json::Value, Failure> {
        if self.shutting_down {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            ));
        }
        match request.method.as_str() {
            Initialize::METHOD => Err(Failure::new(
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            )),
            "shutdown" => {
                self.shutting_down = true;
                Ok(serde_json::Value::Null)
            }
            CodeActionRequest::METHOD => {
                let params: CodeActionParams = params(request.params)?;
                reply(self.code_actions(&params)?)
            }
            HoverRequest::METHOD => {
                let params: HoverParams = params(request.params)?;
                let at = params.text_document_position_params;
                let uri = at.text_document.uri;
                self.lint_if_due(&uri);
                let linted = self.linted(&uri)?;
                let offset = offset(linted.source, at.position, self.encoding);
                reply(linted.hover(offset))
            }
            method => Err(Failure::new(
                ErrorCode::MethodNotFound,
                format!("clientele does not handle `{method}`"),
            )),
        }
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let handled = catch_unwind(AssertUnwindSafe(|| self.notify(notification)));
        match handled {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => self.log(&format!("clientele: `{method}`: {}", failure.message)),
            Err(panic) => self.log(&format!(
                "clientele: `{method}` failed: {}",
                panic_message(&*panic)
            )),
        }
    }

    fn notify(&mut self, notification: Notification) -> Result<(), Failure> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams = params(notification.params)?;
                let document = params.text_document;
                self.documents.insert(
                    document.uri.clone(),
                    Document {
                        source: SourceFile::new(document.text),
                        version: document.version,
                        due: None,
                        linted_at: None,
                        lint: None,
                    },
                );
                self.lint(&document.uri);
            }
            DidChangeTextDocument::METHOD => {
                let params: DidChangeTextDocumentParams = params(notification.params)?;
                let uri = params.text_document.uri;
                let encoding = self.encoding;
                let document = self.documents.get_mut(&uri).ok_or_else(|| unknown(&uri))?;
                let mut text = document.source.text().to_owned();
                for change in params.content_changes {
                    match change.range {
                        // Full sync is what the server asks for; a ranged
                        // change is applied all the same.
                        Some(range) => {
                            let current = SourceFile::new(text);
                            let start = offset(&current, range.start, encoding);
                            let end = offset(&current, range.end, encoding).max(start);
                            text = current.text().to_owned();
                            text.replace_range(start..end, &change.text);
                        }
                        None => text = change.text,
                    }
                }
                document.source = SourceFile::new(text);
                document.version = params.text_document.version;
                let now = Instant::now();
                let earliest = document.linted_at.map_or(now, |at| at + DEBOUNCE);
                document.due = Some(earliest.max(now));
            }
            DidSaveTextDocument::METHOD => {
                let params: DidSaveTextDocumentParams = params(notification.params)?;
                let uri = params.text_document.uri;
                if is_config(&uri) {
                    let path = document_path(&uri);
                    if self.workspace.changed_among(&[path]) {
                        self.reload();
                    }
                } else if self.documents.contains_key(&uri) {
                    self.lint(&uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: DidCloseTextDocumentParams = params(notification.params)?;
                let uri = params.text_document.uri;
                if self.documents.remove(&uri).is_some() {
                    self.workspace.close(&document_path(&uri));
                    self.publish(&uri, Vec::new(), None);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let params: DidChangeWatchedFilesParams = params(notification.params)?;
                let paths: Vec<PathBuf> = params
                    .changes
                    .iter()
                    .filter_map(|change| change.uri.to_file_path().ok())
                    .collect();
                // The server may have seen the change itself already, on
                // its own look before a check: no second reload then.
                if self.workspace.changed_among(&paths) {
                    self.reload();
                }
            }
            DidChangeWorkspaceFolders::METHOD => {
                let params: DidChangeWorkspaceFoldersParams = params(notification.params)?;
                let paths = |folders: &[lsp_types::WorkspaceFolder]| -> Vec<PathBuf> {
                    folders
                        .iter()
                        .filter_map(|f| f.uri.to_file_path().ok())
                        .collect()
                };
                self.workspace
                    .change_folders(&paths(&params.event.removed), paths(&params.event.added));
                self.reload();
            }
            // Registrations wait until the client is ready for them; a
            // second `initialized` asks for nothing new.
            Initialized::METHOD if std::mem::take(&mut self.watches) => self.watch_configs(),
            // `$/cancelRequest`, `$/setTrace` and the rest need nothing
            // from this server.
            _ => {}
        }
        Ok(())
    }

    /// Read every config again, and lint every open document with them.
    fn reload(&mut self) {
        self.forget_configs();
        self.lint_due();
    }

    /// Forget every config read, and make every open document due to be
    /// linted with the configs read afresh.
    fn forget_configs(&mut self) {
        self.workspace.reload();
        self.shown.clear();
        for uri in std::mem::take(&mut self.broken_files) {
            self.publish(&uri, Vec::new(), None);
        }
        let now = Instant::now();
        for document in self.documents.values_mut() {
            document.due = Some(now);
        }
    }

    /// Forget the configs if a file they were read from changed on disk:
    /// the server's own look, for editors that do not watch files for it.
    fn forget_changed_configs(&mut self) {
        if self.workspace.changed_on_disk() {
            self.forget_configs();
        }
    }

    /// Lint the documents whose pause after a change is over.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .documents
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|due| due <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.lint(&uri);
        }
    }

    /// Lint `uri` now if a change is waiting, so that a request sees the
    /// text the client has.
    fn lint_if_due(&mut self, uri: &Url) {
        self.forget_changed_configs();
        if self.documents.get(uri).is_some_and(|d| d.due.is_some()) {
            self.lint(uri);
        }
    }

    /// Lint one open document and publish what was found.
    fn lint(&mut self, uri: &Url) {
        // The other open documents are linted when the loop next has time.
        self.forget_changed_configs();
        let path = document_path(uri);
        let resolved = self.workspace.config_for(&path);
        for error in &resolved.errors {
            self.report_config_error(error, &resolved.root);
        }
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        document.due = None;
        document.linted_at = Some(Instant::now());
        let version = Some(document.version);
        let Some(config) = resolved.config.filter(|c| !c.is_excluded(&path)) else {
            document.lint = None;
            self.publish(uri, Vec::new(), version);
            return;
        };
        let size = document.source.text().len();
        if size > MAX_DOCUMENT {
            document.lint = None;
            let diagnostic = convert::too_large(size);
            self.publish(uri, vec![diagnostic], version);
            return;
        }
        let settings = config.settings_for(&path);
        let text = document.source.text();
        // A server lints on every keystroke for hours: the faster automaton
        // pays for itself.
        config.lexicon().matcher().prepare_for_many();
        let linted = catch_unwind(AssertUnwindSafe(|| {
            lint_document(&path, text, config.lexicon(), &settings)
        }));
        let (diagnostics, published) = match linted {
            Ok(Ok(diagnostics)) => {
                let published = diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(uri, &document.source, d, encoding))
                    .collect();
                (diagnostics, published)
            }
            // A bad `clientele` entry in the front matter: shown where it is.
            Ok(Err(error)) => {
                let (_, diagnostic) = convert::error(&error, Path::new(""), encoding);
                (Vec::new(), vec![diagnostic])
            }
            Err(panic) => {
                let why = panic_message(&*panic);
                self.log(&format!("clientele: linting {uri} failed: {why}"));
                return;
            }
        };
        document.lint = Some(LintState {
            version: document.version,
            diagnostics,
            config,
            settings,
        });
        self.publish(uri, published, version);
    }

    /// Show a config or pack error on the file it is about, and once in a
    /// window.
    fn report_config_error(&mut self, error: &Error, root: &Path) {
        let (path, diagnostic) = convert::error(error, root, self.encoding);
        if let Ok(uri) = Url::from_file_path(&path) {
            self.broken_files.insert(uri.clone());
            self.publish(&uri, vec![diagnostic], None);
        }
        let message =
            format!("clientele: {error}; documents under it keep the last config that worked");
        if self.shown.insert(message.clone()) {
            let params = ShowMessageParams {
                typ: MessageType::ERROR,
                message,
            };
            self.send(Notification::new(ShowMessage::METHOD.to_owned(), params).into());
        }
    }

    fn code_actions(&mut self, params: &CodeActionParams) -> Result<CodeActionResponse, Failure> {
        let uri = &params.text_document.uri;
        self.lint_if_due(uri);
        let linted = self.linted(uri)?;
        let span = Span::new(
            offset(linted.source, params.range.start, self.encoding),
            offset(linted.source, params.range.end, self.encoding),
        );
        let wanted = |kind: &lsp_types::CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let mut actions = Vec::new();
        let document = self.documents.get(uri).ok_or_else(|| unknown(uri))?;
        // No lint (an excluded document, or no config): no findings to fix.
        let Some(state) = document.lint.as_ref() else {
            return Ok(actions);
        };
        let path = document_path(uri);
        if wanted(&lsp_types::CodeActionKind::QUICKFIX) {
            let lint = |text: &str| {
                lint_document(&path, text, state.config.lexicon(), &state.settings).ok()
            };
            actions.extend(linted.quick_fixes(span, QUICK_FIX_BUDGET, lint));
        }
        if wanted(&fix_all_kind()) {
            let fix = |text: &str, diagnostics| {
                fix_document(
                    &path,
                    text,
                    state.config.lexicon(),
                    &state.settings,
                    diagnostics,
                )
                .ok()
                .map(|fixed| fixed.text)
            };
            actions.extend(linted.fix_all(fix));
        }
        Ok(actions)
    }

    /// The last lint of `uri`, for actions: nothing found in a document
    /// without a config to lint it with. An error for a document that is not
    /// open, is too large to check, or whose lint is of another version
    /// than its text (a lint that failed): actions made from it would
    /// edit the wrong text.
    fn linted<'a>(&'a self, uri: &'a Url) -> Result<Linted<'a>, Failure> {
        let document = self.documents.get(uri).ok_or_else(|| unknown(uri))?;
        let size = document.source.text().len();
        if size > MAX_DOCUMENT {
            return Err(Failure::new(
                ErrorCode::RequestFailed,
                format!(
                    "{uri} is {size} bytes, over the {MAX_DOCUMENT} bytes the language server checks"
                ),
            ));
        }
        let diagnostics = match &document.lint {
            Some(lint) if lint.version != document.version => {
                return Err(Failure::new(
                    ErrorCode::ContentModified,
                    format!(
                        "{uri} changed (version {}) since it was last checked (version {})",
                        document.version, lint.version
                    ),
                ));
            }
            Some(lint) => lint.diagnostics.as_slice(),
            None => &[],
        };
        Ok(Linted {
            uri,
            source: &document.source,
            version: self.versioned_edits.then_some(document.version),
            diagnostics,
            encoding: self.encoding,
        })
    }

    fn publish(&self, uri: &Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into());
    }

    fn log(&self, message: &str) {
        let params = LogMessageParams {
            typ: MessageType::ERROR,
            message: message.to_owned(),
        };
        self.send(Notification::new(LogMessage::METHOD.to_owned(), params).into());
    }

    fn send(&self, message: Message) {
        // The writer is gone only when the client is; the loop ends then.
        let _ = self.sender.send(message);
    }
}

/// Decode a message's parameters.
fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, Failure> {
    serde_json::from_value(value)
        .map_err(|e| Failure::new(ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

/// A handler's result as JSON.
fn reply(value: impl Serialize) -> Result<serde_json::Value, Failure> {
    serde_json::to_value(value).map_err(|e| {
        Failure::new(
            ErrorCode::InternalError,
            format!("cannot encode the reply: {e}"),
        )
    })
}

fn unknown(uri: &Url) -> Failure {
    Failure::new(
        ErrorCode::InvalidParams,
        format!("{uri} is not an open document"),
    )
}

/// The path a document's config is looked up for: its file, or for an
/// unsaved buffer (`untitled:`) a file of that name in the current folder.
fn document_path(uri: &Url) -> PathBuf {
    uri.to_file_path().unwrap_or_else(|()| {
        let name = uri.path().rsplit('/').next().unwrap_or("untitled.md");
        std::env::current_dir().unwrap_or_default().join(name)
    })
}

/// Whether `uri` is a config file.
fn is_config(uri: &Url) -> bool {
    let name = uri.path().rsplit('/').next().unwrap_or_default();
    CONFIG_NAMES.contains(&name)
}

/// What a panic said.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods, reason = "the test writes its config")]

    use super::*;

    /// The codes of the last diagnostics published for `uri` among `sent`.
    fn last_published(sent: &Receiver<Message>, uri: &Url) -> Option<Vec<String>> {
        sent.try_iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == PublishDiagnostics::METHOD => {
                    serde_json::from_value::<PublishDiagnosticsParams>(n.params).ok()
                }
                _ => None,
            })
            .filter(|p| &p.uri == uri)
            .last()
            .map(|p| {
                p.diagnostics
                    .iter()
                    .map(|d| format!("{:?}", d.code))
                    .collect()
            })
    }

    /// A server for an editor that does not watch files, rooted at `dir`,
    /// with `a.md` open holding a customer term; and what it sends.
    fn server_with_a_document(dir: &Path) -> (Server, Receiver<Message>, Url) {
        let (sender, sent) = crossbeam_channel::unbounded();
        let client = Client {
            encoding: Encoding::Utf16,
            watches: false,
            versioned_edits: true,
        };
        let mut server = Server::new(sender, client, vec![dir.to_path_buf()]);
        let uri = Url::from_file_path(dir.join("a.md")).unwrap();
        let open = DidOpenTextDocumentParams {
            text_document: lsp_types::TextDocumentItem {
                uri: uri.clone(),
                language_id: "markdown".to_owned(),
                version: 1,
                text: "Our customers.\n".to_owned(),
            },
        };
        server.notification(Notification::new(
            DidOpenTextDocument::METHOD.to_owned(),
            open,
        ));
        (server, sent, uri)
    }

    #[test]
    fn a_config_changed_on_disk_is_seen_without_the_editor_watching() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("clientele.toml");
        // Both 27 bytes: the rewrite keeps the size, and comes within the
        // same second.
        let relationship = "business = \"relationship\" \n";
        let transactional = "business = \"transactional\"\n";
        assert_eq!(relationship.len(), transactional.len());
        std::fs::write(&config, relationship).unwrap();
        let (mut server, sent, uri) = server_with_a_document(dir.path());
        let found = last_published(&sent, &uri).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("wrong-term"), "{found:?}");

        let modified = std::fs::metadata(&config).unwrap().modified().unwrap();
        std::fs::write(&config, transactional).unwrap();
        // The old modification time put back: only the contents (and the
        // status-change time) tell.
        std::fs::File::options()
            .write(true)
            .open(&config)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let save = DidSaveTextDocumentParams {
            text_document: lsp_types::TextDocumentIdentifier { uri: uri.clone() },
            text: None,
        };
        server.notification(Notification::new(
            DidSaveTextDocument::METHOD.to_owned(),
            save,
        ));
        assert_eq!(last_published(&sent, &uri), Some(Vec::new()));

        // Back again, seen on a request (a hover) as well.
        std::fs::write(&config, relationship).unwrap();
        let at = lsp_types::TextDocumentPositionParams {
            text_document: lsp_types::TextDocumentIdentifier { uri: uri.clone() },
            position: lsp_types::Position::new(0, 6),
        };
        server.lint_if_due(&at.text_document.uri);
        assert_eq!(last_published(&sent, &uri).map(|f| f.len()), Some(1));
        // And a watching editor's word for the same change reloads nothing
        // more.
        let watched = DidChangeWatchedFilesParams {
            changes: vec![lsp_types::FileEvent {
                uri: Url::from_file_path(&config).unwrap(),
                typ: lsp_types::FileChangeType::CHANGED,
            }],
        };
        server.notification(Notification::new(
            DidChangeWatchedFiles::METHOD.to_owned(),
            watched,
        ));
        assert_eq!(last_published(&sent, &uri), None, "no second reload");
    }

    #[test]
    fn no_action_is_made_from_a_lint_of_another_version() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("clientele.toml"),
            "business = \"relationship\"\n",
        )
        .unwrap();
        let (mut server, _sent, uri) = server_with_a_document(dir.path());
        let params = CodeActionParams {
            text_document: lsp_types::TextDocumentIdentifier { uri: uri.clone() },
            range: lsp_types::Range::new(
                lsp_types::Position::new(0, 0),
                lsp_types::Position::new(0, 14),
            ),
            context: lsp_types::CodeActionContext::default(),
            work_done_progress_params: lsp_types::WorkDoneProgressParams::default(),
            partial_result_params: lsp_types::PartialResultParams::default(),
        };
        assert_eq!(server.code_actions(&params).ok().map(|a| a.len()), Some(2));

        // A new text whose lint did not happen (as when it panics): the
        // findings' spans are of the old text.
        let document = server.documents.get_mut(&uri).unwrap();
        document.source = SourceFile::new("A new text: a customer.\n".to_owned());
        document.version = 2;
        let refused = server.code_actions(&params).err().unwrap();
        assert_eq!(refused.code as i32, ErrorCode::ContentModified as i32);
        assert!(server.linted(&uri).is_err());
    }
}
