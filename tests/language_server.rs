//! `clientele lsp` through the real binary, spoken to in raw frames: the
//! session from `initialize` to `exit`, and what a hostile client sends.
//! The editor-like end-to-end tests are in tests/lsp/ (pytest-lsp, run by
//! .ci/run).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::tree;

/// How long a reply may take before the test gives up on it. Generous: a
/// debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

struct Session {
    child: Child,
    /// What the server wrote, message by message, read by a thread so
    /// that a server that never answers fails the test instead of
    /// hanging it.
    output: Receiver<Value>,
}

impl Session {
    fn start(dir: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, output) = channel();
        thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some(message) = read_message(&mut stdout) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Self { child, output }
    }

    /// Start a server in `dir` and initialize it with `capabilities`.
    fn initialized(dir: &std::path::Path, capabilities: &Value) -> Self {
        let mut session = Self::start(dir);
        session.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": url_of(dir), "capabilities": capabilities}}));
        let initialized = session.receive_where(|m| m["id"] == 1);
        assert!(initialized["result"].is_object(), "{initialized}");
        session.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        session
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send_raw(&mut self, body: &[u8]) {
        self.write(&frame(body));
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn receive(&mut self) -> Value {
        match self.output.recv_timeout(PATIENCE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                panic!("no message from the server in {PATIENCE:?}")
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server hung up: {:?}", self.child.wait())
            }
        }
    }

    /// The next message `matches` accepts, skipping the others.
    fn receive_where(&mut self, mut matches: impl FnMut(&Value) -> bool) -> Value {
        loop {
            let message = self.receive();
            if matches(&message) {
                return message;
            }
        }
    }

    /// The reply to request `id`.
    fn reply(&mut self, id: i64) -> Value {
        self.receive_where(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.receive_where(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn open(&mut self, uri: &str, version: i32, text: &str) {
        self.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": version,
                             "text": text}}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]}}),
        );
    }

    /// Ask for the code actions over `range` of `uri` as request `id`.
    fn code_actions(&mut self, id: i64, uri: &str, range: &Value) -> Value {
        self.send(
            &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction",
            "params": {"textDocument": {"uri": uri}, "range": range,
                       "context": {"diagnostics": []}}}),
        );
        self.reply(id)
    }

    /// `shutdown` and `exit`, and the server's exit status.
    fn finish(mut self) -> std::process::ExitStatus {
        self.send(&json!({"jsonrpc": "2.0", "id": 999_999, "method": "shutdown"}));
        let shutdown = self.reply(999_999);
        assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        drop(self.child.stdin.take());
        self.child.wait().unwrap()
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    [
        format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
        body,
    ]
    .concat()
}

/// The next message of `output`, `None` when it ends.
fn read_message(output: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if output.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    output.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
    let root = url_of(dir.path());
    let mut session = Session::start(dir.path());
    session.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": root, "capabilities": {}}}));
    let initialized = session.reply(1);
    let capabilities = &initialized["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 1);
    assert_eq!(initialized["result"]["serverInfo"]["name"], "clientele");
    session.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    // Garbage between messages is logged, not fatal.
    session.send_raw(b"{\"jsonrpc\": ");

    let uri = format!("{root}/guide.md");
    session.open(&uri, 3, "Наши клиенты платят на кассе.\n");
    let published = session.diagnostics(&uri);
    assert_eq!(published["version"], 3);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "wrong-term");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 5})
    );
    assert_eq!(
        diagnostics[0]["range"]["end"],
        json!({"line": 0, "character": 12})
    );

    session.send(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol",
        "params": {"query": ""}}),
    );
    let unknown = session.reply(2);
    assert_eq!(unknown["error"]["code"], -32601);

    assert!(session.finish().success());
}

/// Twenty requests, each answered with "method not found".
fn twenty_requests(first: i64) -> Vec<u8> {
    (first..first + 20)
        .flat_map(|id| {
            frame(
                json!({"jsonrpc": "2.0", "id": id, "method": "workspace/symbol",
                    "params": {"query": ""}})
                .to_string()
                .as_bytes(),
            )
        })
        .collect()
}

#[test]
fn a_bad_frame_loses_nothing_after_it() {
    let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
    let good = br#"{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":{"query":""}}"#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // More than the machine's memory.
        (
            "a length of 2^50",
            b"Content-Length: 1125899906842624\r\n\r\n{}".to_vec(),
        ),
        (
            "a length of 2^64 - 1",
            b"Content-Length: 18446744073709551615\r\n\r\n{}".to_vec(),
        ),
        (
            "a length past the end of the number type",
            b"Content-Length: 99999999999999999999999\r\n\r\n{}".to_vec(),
        ),
        (
            "a header that is not UTF-8",
            [b"Content-Length: 2\xff\r\n\r\n{}".as_slice()].concat(),
        ),
        (
            "a header name that is not UTF-8",
            [b"Content-\xc3\x28Type: x\r\n".as_slice(), &frame(good)].concat(),
        ),
        // The length covers the next frames: they must still be read.
        (
            "a length that overruns",
            b"Content-Length: 5000\r\n\r\n{\"jsonrpc\":\"2.0\"}".to_vec(),
        ),
        (
            "a length that overruns by a few bytes",
            b"Content-Length: 9\r\n\r\n{}".to_vec(),
        ),
        ("a garbage header", b"garbage\r\n\r\n{}".to_vec()),
        (
            "headers without a length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
        ),
        (
            "a header line with no end",
            vec![b'a'; transport_limit() + 10],
        ),
        ("a negative length", b"Content-Length: -1\r\n\r\n".to_vec()),
        (
            "a body that is not JSON and not UTF-8",
            frame(b"{\"jsonrpc\": \xff\xfe"),
        ),
    ];
    for (case, bad) in cases {
        let mut session = Session::initialized(dir.path(), &json!({}));
        session.write(&[bad, twenty_requests(100)].concat());
        let mut logged = Vec::new();
        for id in 100..120 {
            let reply = session.receive_where(|m| {
                if m["method"] == "window/logMessage" {
                    logged.push(m["params"]["message"].as_str().unwrap_or("").to_owned());
                }
                m["id"] == id
            });
            assert_eq!(reply["error"]["code"], -32601, "{case}: {reply}");
        }
        assert!(
            logged.iter().any(|m| m.starts_with("ignored a")),
            "{case}: {logged:?}"
        );
        let status = session.finish();
        assert!(status.success(), "{case}: {status:?}");
    }
}

/// The header limit of the transport, as the README gives it.
fn transport_limit() -> usize {
    clientele::lsp::MAX_HEADER
}

#[test]
fn bodies_that_are_not_json_rpc_are_answered_when_they_have_an_id() {
    let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
    let mut session = Session::initialized(dir.path(), &json!({}));
    // JSON, but not a message: an invalid request.
    session.send_raw(br#"{"jsonrpc":"2.0","id":7,"error":"broken"}"#);
    assert_eq!(session.reply(7)["error"]["code"], -32600);
    // Not JSON for one byte that is not UTF-8: a parse error.
    session.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"x\xff\"}");
    assert_eq!(session.reply(8)["error"]["code"], -32700);
    assert!(session.finish().success());
}

#[test]
fn requests_before_initialize_and_a_bad_initialize_get_errors() {
    let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
    let mut session = Session::start(dir.path());
    session.send(
        &json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": "file:///a.md"},
                   "position": {"line": 0, "character": 0}}}),
    );
    assert_eq!(session.reply(1)["error"]["code"], -32002);
    session.send(&json!({"jsonrpc": "2.0", "id": 2, "method": "initialize",
        "params": {"processId": null, "capabilities": 5}}));
    let refused = session.reply(2);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    session.send(&json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    assert_eq!(session.reply(3)["error"]["code"], -32002);

    // A good `initialize` still works, and a request before `initialized`
    // is served.
    session.send(&json!({"jsonrpc": "2.0", "id": 4, "method": "initialize",
        "params": {"processId": null, "rootUri": url_of(dir.path()), "capabilities": {}}}));
    assert!(session.reply(4)["result"]["capabilities"].is_object());
    session.send(
        &json!({"jsonrpc": "2.0", "id": 5, "method": "workspace/symbol",
        "params": {"query": ""}}),
    );
    assert_eq!(session.reply(5)["error"]["code"], -32601);
    session.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    session.send(&json!({"jsonrpc": "2.0", "id": 6, "method": "initialize",
        "params": {"processId": null, "capabilities": {}}}));
    assert_eq!(session.reply(6)["error"]["code"], -32600);
    assert!(session.finish().success());
}

/// Client capabilities of an editor that takes versioned edits.
fn versioned() -> Value {
    json!({"workspace": {"workspaceEdit": {"documentChanges": true}}})
}

fn whole_line(line: u32) -> Value {
    json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}})
}

/// `text`, of one line of ASCII, with `edits` applied.
fn apply_on_one_line(text: &str, edits: &[Value]) -> String {
    let mut text = text.to_owned();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e["range"]["start"]["character"].as_u64()));
    for edit in edits {
        let at = |end: &str| {
            assert_eq!(edit["range"][end]["line"], 0, "{edit}");
            usize::try_from(edit["range"][end]["character"].as_u64().unwrap()).unwrap()
        };
        text.replace_range(at("start")..at("end"), edit["newText"].as_str().unwrap());
    }
    text
}

/// The one document edit of a code action: its version and its edits.
fn document_edit(action: &Value) -> (Value, Vec<Value>) {
    let changes = action["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{action}");
    (
        changes[0]["textDocument"]["version"].clone(),
        changes[0]["edits"].as_array().unwrap().clone(),
    )
}

#[test]
fn fixes_are_made_for_the_version_the_client_has_and_say_so() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let uri = format!("{}/guide.md", url_of(dir.path()));
    let mut session = Session::initialized(dir.path(), &versioned());
    session.open(&uri, 1, "Our customers.\n");
    assert_eq!(session.diagnostics(&uri)["version"], 1);
    // The request comes before the change is linted: the fix must be for
    // the new text, and say which version it is for.
    session.change(&uri, 2, "We thank every customer.\n");
    let actions = session.code_actions(10, &uri, &whole_line(0));
    let actions = actions["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    for action in actions {
        let (version, edits) = document_edit(action);
        assert_eq!(version, 2, "{action}");
        assert_eq!(
            apply_on_one_line("We thank every customer.\n", &edits),
            "We thank every client.\n"
        );
        assert!(action["edit"].get("changes").is_none());
    }
    assert!(session.finish().success());

    // A client without versioned edits gets plain ones.
    let mut session = Session::initialized(dir.path(), &json!({}));
    session.open(&uri, 1, "Our customers.\n");
    let actions = session.code_actions(10, &uri, &whole_line(0));
    let edits = &actions["result"][0]["edit"]["changes"][uri.as_str()];
    assert_eq!(edits[0]["newText"], "clients", "{actions}");
    assert!(session.finish().success());
}

#[test]
fn a_quick_fix_takes_the_preposition_that_changes_with_the_term() {
    let dir = tree(&[("clientele.toml", "business = \"membership\"\n")]);
    let uri = format!("{}/page.md", url_of(dir.path()));
    let mut session = Session::initialized(dir.path(), &json!({}));
    session.open(&uri, 1, "Пишем о клиенте.\n");
    let found = session.diagnostics(&uri);
    let range = &found["diagnostics"][0]["range"];
    assert_eq!(range["start"]["character"], 8, "{found}");
    assert_eq!(range["end"]["character"], 15, "{found}");
    let actions = session.code_actions(10, &uri, &whole_line(0));
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Replace `о клиенте` with `об участнике`");
    let edit = &action["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["range"]["start"]["character"], 6, "{action}");
    assert_eq!(edit["range"]["end"]["character"], 15, "{action}");
    assert_eq!(edit["newText"], "об участнике");
    assert!(session.finish().success());
}

#[test]
fn a_quick_fix_that_would_make_a_new_finding_is_not_offered() {
    // Fixing the second heading would repeat the first word for word,
    // which self-contrast flags; `--fix` refuses it too.
    let page = "# Guide\n\n## Our clients\n\nWho they are.\n\n## Our customers\n\nWhat they buy.\n\nEvery customer gets a call.\n";
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let uri = format!("{}/page.md", url_of(dir.path()));
    let mut session = Session::initialized(dir.path(), &json!({}));
    session.open(&uri, 1, page);
    let found = session.diagnostics(&uri);
    assert!(
        found["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["range"]["start"]["line"] == 6),
        "{found}"
    );
    let heading = session.code_actions(10, &uri, &whole_line(6));
    let quick: Vec<&Value> = heading["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .collect();
    assert!(quick.is_empty(), "{quick:?}");
    // The finding on the last line has its quick fix.
    let last = session.code_actions(11, &uri, &whole_line(10));
    let titles: Vec<&Value> = last["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .map(|a| &a["title"])
        .collect();
    assert_eq!(titles, ["Replace `customer` with `client`"]);
    assert!(session.finish().success());
}

#[test]
fn a_document_over_the_size_limit_is_not_checked_and_says_so() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let uri = format!("{}/big.md", url_of(dir.path()));
    let mut session = Session::initialized(dir.path(), &versioned());
    session.open(&uri, 1, "Our customers.\n");
    assert_eq!(
        session.diagnostics(&uri)["diagnostics"][0]["code"],
        "wrong-term"
    );

    let line = "Our customers read it.\n";
    let big = line.repeat(clientele::lsp::MAX_DOCUMENT / line.len() + 1);
    assert!(big.len() > clientele::lsp::MAX_DOCUMENT);
    session.change(&uri, 2, &big);
    let published = session.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["code"], "too-large");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("not checked"),
        "{published}"
    );
    // No edit made from the text before the change.
    let refused = session.code_actions(10, &uri, &whole_line(0));
    assert_eq!(refused["error"]["code"], -32803, "{refused}");
    session.send(
        &json!({"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri},
                   "position": {"line": 0, "character": 6}}}),
    );
    assert_eq!(session.reply(11)["error"]["code"], -32803);

    session.change(&uri, 3, "Our customers.\n");
    let actions = session.code_actions(12, &uri, &whole_line(0));
    let (version, _) = document_edit(&actions["result"][0]);
    assert_eq!(version, 3);
    assert!(session.finish().success());
}

/// `file://` URL of a folder (the test folders have plain ASCII paths).
fn url_of(dir: &std::path::Path) -> String {
    let path = dir.canonicalize().unwrap();
    format!("file://{}", path.display())
}
