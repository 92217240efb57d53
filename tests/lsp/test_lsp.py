"""End-to-end tests of `clientele lsp`, driven by pytest-lsp as an editor
would drive it: over stdio, with the real binary.

The binary is $CLIENTELE (default: target/debug/clientele).
"""

import asyncio
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
import pytest_lsp.client
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLIENTELE = os.environ.get("CLIENTELE", str(ROOT / "target" / "debug" / "clientele"))
SERVER = ClientServerConfig(server_command=[CLIENTELE, "lsp"])

RELATIONSHIP = 'business = "relationship"\n'

# How long to wait for the server's diagnostics: generous, as the suite may
# run on a loaded machine.
TIMEOUT = 30


def record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
    """Keep every publication, in order, as well as the latest per document
    (what pytest-lsp keeps): a test that waits for one must find it even if
    it came before the test began to wait."""
    client.diagnostics[params.uri] = params.diagnostics
    client.__dict__.setdefault("published", []).append(params)


pytest_lsp.client.DEFAULT_CLIENT_FEATURES[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = (
    record_diagnostics
)


@pytest.fixture
def workspace(tmp_path):
    """A documentation folder whose business has clients."""
    (tmp_path / "clientele.toml").write_text(RELATIONSHIP)
    return tmp_path


async def start(client: LanguageClient, workspace, encodings=None):
    """Initialize as Neovim does, offering `encodings` (none: the LSP
    default, UTF-16)."""
    capabilities = client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="docs")],
        )
    )


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace):
    result = await start(lsp_client, workspace)
    assert result.capabilities.position_encoding == "utf-16"
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: LanguageClient, workspace):
    result = await start(lsp_client, workspace, encodings=["utf-8", "utf-16"])
    assert result.capabilities.position_encoding == "utf-8"
    yield
    await lsp_client.shutdown_session()


def document(workspace, name, text):
    path = workspace / name
    path.write_text(text)
    return path.as_uri()


async def open_and_wait(client, uri, text, version=1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    return await diagnostics_of(client, uri, version)


async def diagnostics_of(client, uri, version=None, timeout=TIMEOUT):
    """The diagnostics published for `uri` (for `version`, if given) after
    the last ones this returned for it, whenever they arrived; an error if
    none come within `timeout` seconds."""
    published = client.__dict__.setdefault("published", [])
    taken = client.__dict__.setdefault("taken", {})
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for index in range(taken.get(uri, 0), len(published)):
            params = published[index]
            if params.uri == uri and (version is None or params.version == version):
                taken[uri] = index + 1
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            seen = [(p.version, len(p.diagnostics)) for p in published if p.uri == uri]
            raise AssertionError(
                f"no diagnostics for {uri} (version {version}) in {timeout} s; "
                f"published for it: {seen}"
            )
        await asyncio.sleep(0.01)


async def change(client, uri, version, text):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await diagnostics_of(client, uri, version)


def apply(text, edits):
    """`text` with LSP `edits` (UTF-16 positions) applied."""
    lines = text.splitlines(keepends=True)

    def offset(position):
        before = "".join(lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_of(action, uri, version):
    """The edits of a code action to `uri`, checking that they are for
    `version` when the edit names one (`documentChanges`)."""
    if action.edit.document_changes is not None:
        [change] = action.edit.document_changes
        assert change.text_document.uri == uri
        assert change.text_document.version == version
        return change.edits
    return action.edit.changes[uri]


def fixed_by_the_command_line(workspace, name, text):
    """What `clientele --fix` makes of `text` as the document `name`."""
    result = subprocess.run(
        [CLIENTELE, "--fix", "--stdin-filename", name, "-"],
        input=text.encode(),
        cwd=workspace,
        capture_output=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.stdout.decode()


async def test_diagnostics_after_open_and_after_an_edit(client: LanguageClient, workspace):
    text = "# Onboarding\n\nOur customers meet their account manager.\n"
    uri = document(workspace, "guide.md", text)
    found = await open_and_wait(client, uri, text)
    assert [(d.code, d.source, d.severity) for d in found] == [
        ("wrong-term", "clientele", types.DiagnosticSeverity.Error)
    ]
    assert found[0].range == types.Range(
        start=types.Position(line=2, character=4), end=types.Position(line=2, character=13)
    )
    assert "replace `customers` with `clients`" in found[0].message

    assert await change(client, uri, 2, text.replace("customers", "clients")) == []
    again = await change(client, uri, 3, text + "A customer wrote in.\n")
    assert len(again) == 2

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await diagnostics_of(client, uri) == []


# Before "customers": "Клиент" and "ещё" are 6 and 3 UTF-16 units (12 and
# 6 bytes), "客户" and "——" 2 units each (6 bytes each), "🙂" 2 units (4
# bytes), and six spaces and "our": 24 units, 43 bytes.
MIXED_LINE = "Клиент 客户 🙂 ещё —— our customers.\n"


async def test_utf16_positions_after_cyrillic_and_han_text(client: LanguageClient, workspace):
    uri = document(workspace, "mixed.md", MIXED_LINE)
    [found] = await open_and_wait(client, uri, MIXED_LINE)
    start = len("Клиент 客户 🙂 ещё —— our ".encode("utf-16-le")) // 2
    assert found.range.start == types.Position(line=0, character=start)
    assert found.range.end == types.Position(line=0, character=start + len("customers"))
    assert start == 24


async def test_utf8_positions_when_the_client_prefers_them(
    utf8_client: LanguageClient, workspace
):
    uri = document(workspace, "mixed.md", MIXED_LINE)
    [found] = await open_and_wait(utf8_client, uri, MIXED_LINE)
    start = len("Клиент 客户 🙂 ещё —— our ".encode())
    assert found.range.start == types.Position(line=0, character=start)
    assert start == 43


async def test_a_quick_fix_applied_gives_the_fixed_text(client: LanguageClient, workspace):
    text = "# Встреча\n\nНаши заказчики и 顾客 получают отчёт. Our customer's file.\n"
    uri = document(workspace, "report.md", text)
    found = await open_and_wait(client, uri, text)
    assert [d.code for d in found] == ["wrong-term"] * 3
    target = found[1]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target]),
        )
    )
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Replace `顾客` with `客户`"]
    assert quick[0].is_preferred
    one_fixed = apply(text, edits_of(quick[0], uri, 1))
    assert one_fixed == text.replace("顾客", "客户")

    [fix_all] = [a for a in actions if a.kind == "source.fixAll.clientele"]
    all_fixed = apply(text, edits_of(fix_all, uri, 1))
    assert all_fixed == "# Встреча\n\nНаши клиенты и 客户 получают отчёт. Our client's file.\n"
    assert all_fixed == fixed_by_the_command_line(workspace, "report.md", text)
    assert await change(client, uri, 2, all_fixed) == []


async def test_hover_explains_the_rule(client: LanguageClient, workspace):
    text = "Our customers.\n"
    uri = document(workspace, "hover.md", text)
    await open_and_wait(client, uri, text)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=6),
        )
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "`wrong-term`" in hover.contents.value
    assert "## What it does" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=1),
        )
    )
    assert nothing is None


async def test_config_changes_are_picked_up_and_a_bad_one_is_shown(
    client: LanguageClient, workspace
):
    config = workspace / "clientele.toml"
    config.unlink()
    text = "Our clients and one customer.\n"
    uri = document(workspace, "mixed.md", text)
    found = await open_and_wait(client, uri, text)
    assert [d.code for d in found] == ["mixed-terms"]

    def changed():
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)
                ]
            )
        )

    config.write_text(RELATIONSHIP)
    changed()
    found = await diagnostics_of(client, uri)
    assert [(d.code, d.range.start.character) for d in found] == [("wrong-term", 20)]

    # A broken config: an error on the config file and in a window; the
    # document keeps the last config that worked.
    config.write_text('business = "relationshp"\n')
    changed()
    errors = await diagnostics_of(client, config.as_uri())
    assert len(errors) == 1
    assert errors[0].range.start == types.Position(line=0, character=11)
    assert "unknown business type `relationshp`" in errors[0].message
    assert "did you mean `relationship`" in errors[0].message
    found = await diagnostics_of(client, uri)
    assert [d.code for d in found] == ["wrong-term"]
    assert any("relationshp" in m.message for m in client.messages)

    # Mended: the error goes away.
    config.write_text('business = "transactional"\n')
    changed()
    assert await diagnostics_of(client, config.as_uri()) == []
    found = await diagnostics_of(client, uri)
    assert [(d.code, d.range.start.character) for d in found] == [("wrong-term", 4)]


async def test_the_server_survives_malformed_and_unknown_requests(
    client: LanguageClient, workspace
):
    # Bytes that are not JSON, and JSON that is not a request.
    writer = client.protocol.writer
    for body in [b"{not json", b'{"jsonrpc": "2.0", "id": "bad", "error": "not an object"}']:
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    # Parameters that do not parse: a document "URI" that is not one.
    with pytest.raises(Exception, match="invalid parameters"):
        await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri="not a uri"),
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=0, character=0),
                ),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )

    # A document the server never saw.
    with pytest.raises(Exception, match="not an open document"):
        await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=(workspace / "nowhere.md").as_uri()),
                position=types.Position(line=0, character=0),
            )
        )

    # Still serving.
    text = "Our customers.\n"
    uri = document(workspace, "after.md", text)
    assert [d.code for d in await open_and_wait(client, uri, text)] == ["wrong-term"]
    logged = " ".join(m.message for m in client.log_messages)
    assert "not JSON-RPC" in logged


# Two configs of one length (27 bytes): a rewrite from one to the other,
# within a second, leaves the size and often the modification time as
# they were.
RELATIONSHIP_27 = 'business = "relationship" \n'
TRANSACTIONAL_27 = 'business = "transactional"\n'

LIBRARY_PACK = """lang = "en"

[preferred]
patron = "patron"

[[term]]
lemma = "patron"
role = "patron"
forms = ["patron", "patrons", "patron's", "patrons'"]

[[business]]
name = "library"
prefer = "patron"
discourage = [{discouraged}]
summary = "a lending library: the people it serves are patrons"
"""


@pytest_lsp.fixture(config=SERVER)
async def unwatching_client(lsp_client: LanguageClient, workspace):
    """A client that does not watch files for the server, as Neovim on
    Linux: no `workspace/didChangeWatchedFiles` in its capabilities."""
    capabilities = client_capabilities("neovim")
    capabilities.workspace.did_change_watched_files = None
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="docs")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def save(client, uri):
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def test_config_changes_on_disk_are_seen_when_the_client_does_not_watch(
    unwatching_client: LanguageClient, workspace
):
    client = unwatching_client
    config = workspace / "clientele.toml"
    config.write_text(RELATIONSHIP_27)
    text = "Our customers.\n"
    uri = document(workspace, "guide.md", text)
    found = await open_and_wait(client, uri, text)
    assert [d.code for d in found] == ["wrong-term"]
    assert "customers" in found[0].message

    # The same size, at once: seen on the next change.
    config.write_text(TRANSACTIONAL_27)
    assert await change(client, uri, 2, text) == []

    # And on the next save.
    config.write_text(RELATIONSHIP_27)
    save(client, uri)
    assert [d.code for d in await diagnostics_of(client, uri)] == ["wrong-term"]

    # A config that appears nearer the document than the one it had.
    (workspace / "handbook").mkdir()
    inner_uri = document(workspace, "handbook/page.md", text)
    assert [d.code for d in await open_and_wait(client, inner_uri, text)] == ["wrong-term"]
    (workspace / "handbook" / ".clientele.toml").write_text('business = "transactional"\n')
    assert await change(client, inner_uri, 2, text) == []

    # A pack the config names, changed on disk.
    (workspace / "library.toml").write_text(LIBRARY_PACK.format(discouraged='"client"'))
    config.write_text('business = "library"\npacks = ["library.toml"]\n')
    assert await change(client, uri, 3, "Our clients.\n") != []
    assert await change(client, uri, 4, "Our customers.\n") == []
    (workspace / "library.toml").write_text(
        LIBRARY_PACK.format(discouraged='"client", "customer"')
    )
    found = await change(client, uri, 5, "Our customers.\n")
    assert [d.code for d in found] == ["wrong-term"]
    assert "patrons" in found[0].message
    assert not client.messages, [m.message for m in client.messages]
