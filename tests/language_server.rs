//! `clientele lsp` through the real binary, spoken to in raw frames: the
//! session from `initialize` to `exit`. The editor-like end-to-end tests
//! are in tests/lsp/ (pytest-lsp, run by .ci/run).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

use crate::support::tree;

struct Session {
    child: Child,
    output: BufReader<ChildStdout>,
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
        let output = BufReader::new(child.stdout.take().unwrap());
        Self { child, output }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.child.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).unwrap() > 0,
                "the server hung up"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next message `matches` accepts, skipping the others.
    fn receive_where(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.receive();
            if matches(&message) {
                return message;
            }
        }
    }
}

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
    let root = url_of(dir.path());
    let mut session = Session::start(dir.path());
    session.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": root, "capabilities": {}}}));
    let initialized = session.receive_where(|m| m["id"] == 1);
    let capabilities = &initialized["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 1);
    assert_eq!(initialized["result"]["serverInfo"]["name"], "clientele");
    session.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    // Garbage between messages is logged, not fatal.
    session.send_raw(b"{\"jsonrpc\": ");

    let uri = format!("{root}/guide.md");
    session.send(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 3,
                         "text": "Наши клиенты платят на кассе.\n"}}}),
    );
    let published = session.receive_where(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["uri"], uri.as_str());
    assert_eq!(published["params"]["version"], 3);
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
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
    let unknown = session.receive_where(|m| m["id"] == 2);
    assert_eq!(unknown["error"]["code"], -32601);

    session.send(&json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    let shutdown = session.receive_where(|m| m["id"] == 3);
    assert_eq!(shutdown["result"], Value::Null);
    session.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(session.child.stdin.take());
    assert!(session.child.wait().unwrap().success());
}

/// `file://` URL of a folder (the test folders have plain ASCII paths).
fn url_of(dir: &std::path::Path) -> String {
    let path = dir.canonicalize().unwrap();
    format!("file://{}", path.display())
}
