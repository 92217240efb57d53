//! `clientele report` and `clientele suggest` on fixture trees, and the
//! HTML report in a real browser.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{clientele, json, root, tree};

/// The fixture tree of one kind of business in one language.
fn business(lang: &str, kind: &str) -> PathBuf {
    root().join("tests/fixtures/business").join(lang).join(kind)
}

/// `clientele suggest --format json` on `dir`.
fn suggest(dir: &Path) -> serde_json::Value {
    let output = clientele(dir)
        .args(["suggest", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    json(&output.stdout)
}

#[test]
fn each_kind_of_business_is_told_in_every_language() {
    for lang in ["en", "ru", "zh"] {
        for (kind, expected) in [
            ("shop", "transactional"),
            ("law-firm", "relationship"),
            ("community", "membership"),
        ] {
            let suggestion = suggest(&business(lang, kind));
            let at = format!("{lang}/{kind}: {suggestion:#}");
            assert_eq!(suggestion["business"], expected, "{at}");
            assert_eq!(
                suggestion["line"],
                format!("business = \"{expected}\""),
                "{at}"
            );
            assert_ne!(suggestion["level"], "low", "{at}");
            // The winner's evidence names its cues, most frequent first.
            let cues = suggestion["evidence"][0]["cues"].as_array().unwrap();
            assert!(cues.len() >= 3, "{at}");
            assert!(cues.iter().all(|c| c["lang"] == lang), "{at}");
        }
        let suggestion = suggest(&business(lang, "mixed"));
        let at = format!("{lang}/mixed: {suggestion:#}");
        assert_eq!(suggestion["business"], "mixed", "{at}");
        assert_eq!(suggestion["level"], "low", "{at}");
    }
}

#[test]
fn suggest_prints_the_verdict_its_evidence_and_the_line_to_paste() {
    let output = clientele(&business("en", "law-firm"))
        .arg("suggest")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!("suggest_law_firm", text);
}

#[test]
fn the_shops_technical_client_is_counted_apart() {
    for lang in ["en", "ru", "zh"] {
        let output = clientele(&business(lang, "shop"))
            .args(["report", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let report = json(&output.stdout);
        let tally = &report["languages"][lang]["tally"];
        assert_eq!(tally["technical"], 1, "{lang}: {tally}");
        assert_eq!(tally["roles"].get("client"), None, "{lang}: {tally}");
        assert!(tally["roles"]["customer"].as_u64().unwrap() >= 3, "{lang}");
        assert_eq!(report["read"], 3);
        assert!(
            report["documents"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["mixed"] == false)
        );
    }
}

/// A small tree with one mixed document, one consistent one, and one in
/// Russian.
fn small_tree() -> tempfile::TempDir {
    tree(&[
        (
            "docs/guide.md",
            "# Guide\n\nEvery client signs a contract. Customers get a receipt.\n\n## Setup\n\nThe API client retries.\n",
        ),
        (
            "docs/shop/cart.md",
            "# Cart\n\nCustomers pay at the checkout.\n",
        ),
        (
            "docs/ru/guide.md",
            "# Гид\n\nКаждый клиент получает отчёт.\n",
        ),
        ("notes.md", "Nothing here names a role.\n"),
    ])
}

#[test]
fn report_lists_the_most_mixed_documents_first_then_folders_and_languages() {
    let dir = small_tree();
    let output = clientele(dir.path()).arg("report").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!("report_small_tree", text);
}

#[test]
fn report_json_rolls_folders_up() {
    let dir = small_tree();
    let output = clientele(dir.path())
        .args(["report", "--format", "json", "docs"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output.stdout);
    assert_eq!(report["read"], 3);
    assert_eq!(report["documents"][0]["path"], "docs/guide.md");
    assert_eq!(report["documents"][0]["mixed"], true);
    let folders: Vec<(&str, u64)> = report["folders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(folders, [("docs", 3), ("docs/ru", 1), ("docs/shop", 1)]);
    assert_eq!(report["folders"][0]["tally"]["roles"]["customer"], 2);
    assert_eq!(report["folders"][0]["tally"]["technical"], 1);
    assert_eq!(report["languages"]["ru"]["tally"]["roles"]["client"], 1);
}

#[test]
fn an_unreadable_document_is_an_error_and_the_others_are_still_counted() {
    let dir = small_tree();
    std::fs::write(dir.path().join("docs/bad.md"), b"Customers \xff\xfe pay.\n").unwrap();
    let output = clientele(dir.path())
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("bad.md"), "{stderr}");
    assert!(stderr.contains("UTF-8"), "{stderr}");
    assert_eq!(json(&output.stdout)["read"], 4);
}

#[test]
fn init_prefills_business_from_the_documents_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(business("zh", "shop")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let output = clientele(dir.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8(output.stdout).unwrap();
    assert!(said.contains("business = \"transactional\""), "{said}");
    let config = std::fs::read_to_string(dir.path().join("clientele.toml")).unwrap();
    assert!(
        config.contains("\nbusiness = \"transactional\"\n"),
        "{config}"
    );
    // The shop's own documents pass under the business they suggest.
    clientele(dir.path()).assert().code(0);
}

/// The browser the HTML test drives: `CLIENTELE_CHROMIUM`, or Debian's.
fn chromium() -> PathBuf {
    std::env::var_os("CLIENTELE_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

#[test]
#[ignore = "needs Chromium; .ci/run installs it and runs this test"]
fn the_html_report_renders_in_a_headless_browser() {
    let dir = tempfile::tempdir().unwrap();
    let output = clientele(&root())
        .args(["report", "--format", "html", "examples"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = dir.path().join("report.html");
    std::fs::write(&page, &output.stdout).unwrap();
    let shot = dir.path().join("report.png");
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1100,1400",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (1100, 1400));
    let channels = frame.color_type.samples();
    let rgb: Vec<[u8; 3]> = pixels[..frame.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    // Not blank: some pixels are far from the white page.
    let inked = rgb.iter().filter(|p| p.iter().all(|&c| c < 200)).count();
    assert!(inked > 5_000, "{inked} dark pixels");
    // The bars were drawn: pixels in the client and customer colours.
    let near = |p: &[u8; 3], q: [u8; 3]| p.iter().zip(q).all(|(&a, b)| a.abs_diff(b) < 12);
    let client = rgb.iter().filter(|p| near(p, [0x2f, 0x6d, 0xb5])).count();
    let customer = rgb.iter().filter(|p| near(p, [0xe0, 0x7b, 0x22])).count();
    assert!(client > 2_000, "{client} client-blue pixels");
    assert!(customer > 2_000, "{customer} customer-orange pixels");
}

/// The folder labels of the HTML report's chart, each with its full path
/// (the hover title), in order.
fn chart_labels(page: &str) -> Vec<(String, String)> {
    page.split("<g><title>")
        .skip(1)
        .map(|rest| {
            let (title, rest) = rest.split_once("</title>").unwrap();
            let label = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
            (title.to_owned(), label.to_owned())
        })
        .collect()
}

#[test]
fn html_labels_of_absolute_paths_keep_whole_folder_names_at_their_end() {
    let dir = tree(&[
        ("docs/faq/a.md", "Our clients.\n"),
        (
            "docs/handbook/onboarding-for-new-staff-members/guide.md",
            "Our customers, and our clients.\n",
        ),
    ]);
    let docs = dir.path().canonicalize().unwrap().join("docs");
    let output = clientele(dir.path())
        .args(["report", "--format", "html"])
        .arg(&docs)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8(output.stdout).unwrap();
    let labels = chart_labels(&page);
    assert_eq!(labels.len(), 4, "{labels:?}");
    let deepest = &labels[3];
    assert!(deepest.0.starts_with('/'), "{deepest:?}");
    assert!(deepest.0.chars().count() > 40, "{deepest:?}");
    for (path, label) in &labels {
        assert!(label.chars().count() <= 40, "{label}");
        match label.strip_prefix('…') {
            // Cut before a `/`, so the first name shown is a whole one.
            Some(tail) => {
                assert!(tail.starts_with('/'), "{path} drawn as {label}");
                assert!(path.ends_with(tail), "{path} drawn as {label}");
            }
            None => assert_eq!(label, path),
        }
    }
    assert_eq!(deepest.1, "…/onboarding-for-new-staff-members");
}
