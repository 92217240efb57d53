//! Helpers shared by the unit tests: the built-in lexicon, settings from
//! a config text, and generated Markdown for property tests.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use proptest::prelude::*;

use crate::config::packs::Lexicons;
use crate::config::{Config, Settings};
use crate::lexicon::Lexicon;

/// The lexicon of the built-in packs, built once.
pub(crate) static LEXICON: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::builtin().unwrap()));

/// The settings `toml` gives a document beside it.
pub(crate) fn settings(toml: &str) -> Settings {
    let path = Path::new("/tmp/clientele.toml");
    let mut lexicons = Lexicons::with_builtin("/".into(), Arc::clone(&LEXICON));
    Config::from_toml(path, path, toml, &mut lexicons)
        .unwrap()
        .settings_for(Path::new("/tmp/doc.md"))
}

/// Pieces of Markdown that generated documents are made of: terms in the
/// three languages and their forms, technical and fixed senses, Markdown
/// syntax, line endings, connectors, directives and front matter.
pub(crate) const FRAGMENTS: &[&str] = &[
    "client",
    "Customers",
    "CUSTOMER'S",
    "клиентами",
    "Покупателя",
    "заказчице",
    "客户",
    "顾客",
    "客户端",
    "HTTP client",
    "customer service",
    " ",
    " and ",
    "\n",
    "\r\n",
    "\n\n",
    "`",
    "**",
    "# ",
    "- ",
    "> ",
    "ё",
    "😀",
    "\u{feff}",
    "https://x.example/customer ",
    // Connectors and glossary marks, so that self-contrast fires.
    " or ",
    " vs. ",
    "between ",
    "между ",
    " и ",
    " против ",
    "与",
    "或",
    " — ",
    ": ",
    "• ",
    "«",
    "»",
    // Directives and front matter, valid and not.
    "<!-- clientele-disable -->",
    "<!-- clientele-enable wrong-term -->",
    "<!-- clientele-disable-next-line mixed-terms, self-contrast -->",
    "<!-- clientele-disabel wrong-trm -->",
    "---\n",
    "+++\n",
    "clientele: ",
    "business: membership\n",
    "?",
    ". ",
    "client vs client",
    "между клиентом и клиентом",
    "客户与客户",
    "• Покупатель — тот, кто платит за каждую покупку сам\n",
    "Who is a client?\n\n",
    // Forms and contrasts that test what a fix may and may not replace.
    "Clients, not customers",
    "заказчика",
    "клиенток",
    "Покупательницам",
    "CUSTOMERS' ",
    "customer\u{2019}s",
    // Chinese words and script, and typography: false friends, compounds,
    // Traditional characters, wide spaces and invisible characters inside
    // words, emphasis and math.
    "照顾客户",
    "游客户外",
    "老客户",
    "客户群",
    "客戶",
    "顧客與顧客",
    "客戶端",
    "customer\u{a0}support",
    "на\u{a0}стороне клиента",
    "cli\u{ad}ents",
    "кли\u{ad}ента",
    "顾\u{200b}客",
    "\u{200d}",
    "_customers_",
    "$client$",
];

/// A Markdown document of up to 40 fragments.
pub(crate) fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|f| f.concat())
}

/// `../shared/<path>` beside the checkout, for the tests that measure
/// clientele on the shared corpus. Without it they are skipped with a
/// note, so that a lone clone still passes; under CI (`CI` set) its
/// absence is a failure, so CI never skips them.
pub(crate) fn shared(path: &str) -> Option<std::path::PathBuf> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    if full.exists() {
        return Some(full);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing, and CI is set: the corpus tests must run",
        full.display()
    );
    // Written to the process's stderr, past the test harness's capture,
    // so that the skip shows in a passing run.
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped, {} is not beside the checkout",
        full.display()
    );
    None
}
