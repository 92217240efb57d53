use std::path::Path;

use super::infer::{ENOUGH, Level, MIXED, infer};
use super::*;
use crate::config::Settings;
use crate::lexicon::{Lexicon, LexiconBuilder};
use crate::lint::vocabulary;
use crate::render::report_html as html;

fn survey(lexicon: &Lexicon, path: &str, text: &str) -> Survey {
    let found = vocabulary(text, lexicon, &Settings::default());
    Survey::new(Path::new(path), text, &found, lexicon)
}

fn inventory(lexicon: &Lexicon, documents: &[(&str, &str)]) -> Inventory {
    let mut inventory = Inventory::default();
    for (path, text) in documents {
        inventory.add(survey(lexicon, path, text));
    }
    inventory.finish();
    inventory
}

#[test]
fn technical_uses_and_fixed_phrases_are_counted_apart_from_roles() {
    let lexicon = Lexicon::builtin().unwrap();
    let text = "The HTTP client retries. Call customer service. Our clients sign a contract.\n";
    let tally = survey(&lexicon, "a.md", text).document.tally();
    assert_eq!(tally.role("client"), 1);
    assert_eq!(tally.role("customer"), 0);
    assert_eq!(tally.technical, 1);
    assert_eq!(tally.fixed, 1);
    assert!(!tally.mixes());
}

#[test]
fn a_mix_is_counted_per_language() {
    let lexicon = Lexicon::builtin().unwrap();
    let two_languages = survey(
        &lexicon,
        "a.md",
        "Our clients pay monthly.\n\n顾客可以退货。\n",
    );
    assert!(!two_languages.document.mixed);
    assert_eq!(two_languages.document.languages.len(), 2);
    let one_language = survey(&lexicon, "b.md", "Our clients pay. Customers pay too.\n");
    assert!(one_language.document.mixed);
    assert!((one_language.document.mix - 0.5).abs() < 1e-9);
}

#[test]
fn folders_roll_up_everything_below_them_and_documents_sort_most_mixed_first() {
    let lexicon = Lexicon::builtin().unwrap();
    let inventory = inventory(
        &lexicon,
        &[
            ("docs/shop/a.md", "Customers pay at the checkout.\n"),
            (
                "docs/shop/b.md",
                "A client orders. Customers pay. Customers return goods.\n",
            ),
            (
                "docs/firm/c.md",
                "Clients and clients' lawyers meet. Customers wait.\n",
            ),
            ("top.md", "Members vote.\n"),
            ("empty.md", "Nothing to count here.\n"),
        ],
    );
    assert_eq!(inventory.read, 5);
    let order: Vec<&str> = inventory
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "docs/firm/c.md",
            "docs/shop/b.md",
            "docs/shop/a.md",
            "top.md"
        ]
    );
    let folder = |path: &str| inventory.folders.iter().find(|f| f.path == path).unwrap();
    assert_eq!(folder("docs").documents, 3);
    assert_eq!(folder("docs").mixed, 2);
    assert_eq!(folder("docs").tally.role("customer"), 4);
    assert_eq!(folder("docs").tally.role("client"), 3);
    assert_eq!(folder("docs/shop").tally.role("customer"), 3);
    assert_eq!(folder(".").tally.role("member"), 1);
    assert_eq!(inventory.languages["en"].documents, 4);
    assert_eq!(inventory.mixed(), 2);
    assert_eq!(folders_of("a/b/c.md"), ["a", "a/b"]);
    let nested = self::inventory(
        &lexicon,
        &[
            ("../up/docs/a/x.md", "Clients sign.\n"),
            ("../up/docs/y.md", "Clients pay.\n"),
        ],
    );
    let paths: Vec<&str> = nested.folders.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["../up/docs", "../up/docs/a"]);
    assert_eq!(folders_of("c.md"), ["."]);
}

#[test]
fn business_cues_count_as_whole_words_in_every_language() {
    let lexicon = Lexicon::builtin().unwrap();
    let text = "Add it to the cart; carts empty at night. Carton boxes. \
                Корзина пуста, корзину сохраним. 购物车里有三件商品。\n";
    let found = survey(&lexicon, "a.md", text);
    let count = |word: &str| {
        found
            .cues
            .iter()
            .filter(|(key, _)| key.word == word)
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    assert_eq!(count("cart"), 1);
    assert_eq!(count("carts"), 1);
    assert_eq!(count("корзин"), 2);
    assert_eq!(count("购物车"), 1);
    assert!(
        found
            .cues
            .iter()
            .all(|(key, _)| key.business == "transactional")
    );
}

#[test]
fn cues_in_code_and_link_targets_do_not_count() {
    let lexicon = Lexicon::builtin().unwrap();
    let text = "See [the guide](https://example.com/cart/checkout) and `cart.checkout()`.\n";
    assert!(survey(&lexicon, "a.md", text).cues.is_empty());
}

/// An inventory whose cues are `cues` (business, word, count) and whose
/// business-sense roles are `roles`.
fn counted(cues: &[(&str, &str, usize)], roles: &[(&str, usize)]) -> Inventory {
    let mut inventory = Inventory::default();
    for &(business, word, n) in cues {
        let key = CueKey {
            business: business.to_owned(),
            lang: "en".to_owned(),
            word: word.to_owned(),
        };
        inventory.cues.insert(key, n);
    }
    let mut tally = Tally::default();
    for &(role, n) in roles {
        tally.roles.insert(role.to_owned(), n);
    }
    inventory.languages.insert(
        "en".to_owned(),
        LanguageTally {
            documents: 1,
            mixed: 0,
            tally,
        },
    );
    inventory
}

#[test]
fn one_sided_evidence_gives_its_type_with_high_confidence() {
    let lexicon = Lexicon::builtin().unwrap();
    let words = [
        "retainer",
        "lawyer",
        "consultation",
        "bespoke",
        "tailored",
        "advice",
    ];
    let mut cues: Vec<(&str, &str, usize)> =
        words.iter().map(|w| ("relationship", *w, 16)).collect();
    cues[0].2 = 25;
    cues.push(("transactional", "discount", 1));
    let suggestion = infer(&counted(&cues, &[("client", 36)]), &lexicon);
    assert_eq!(suggestion.business.as_deref(), Some("relationship"));
    assert_eq!(
        suggestion.line.as_deref(),
        Some("business = \"relationship\"")
    );
    assert_eq!(suggestion.level, Level::High, "{suggestion:?}");
    let evidence = &suggestion.evidence[0];
    // Each cue counts by the root of its count, the role by half its root.
    assert!(
        (evidence.score - (5.0 + 5.0 * 4.0 + 0.5 * 6.0)).abs() < 1e-9,
        "{evidence:?}"
    );
    assert_eq!(evidence.cues[0].word, "retainer");
    assert_eq!(evidence.cues[0].count, 25);
    assert_eq!(suggestion.evidence[1].business, "transactional");
}

#[test]
fn a_large_tree_with_a_clear_lead_is_high_whatever_its_runner_up_collects() {
    // A manual of a thousand pages says "trust" and "ongoing" somewhere
    // whatever its business: thirty shop words said a hundred times
    // against seven firm words said as often is a lead of four and more,
    // not a doubt.
    let lexicon = Lexicon::builtin().unwrap();
    let shop: Vec<String> = (0..30).map(|i| format!("shop-word-{i}")).collect();
    let firm: Vec<String> = (0..7).map(|i| format!("firm-word-{i}")).collect();
    let mut cues: Vec<(&str, &str, usize)> = shop
        .iter()
        .map(|w| ("transactional", w.as_str(), 100))
        .collect();
    cues.extend(firm.iter().map(|w| ("relationship", w.as_str(), 100)));
    let suggestion = infer(&counted(&cues, &[]), &lexicon);
    assert_eq!(suggestion.business.as_deref(), Some("transactional"));
    assert_eq!(suggestion.level, Level::High, "{suggestion:?}");

    // Under three times the runner-up's score is a lead, but not a clear one.
    let closer: Vec<(&str, &str, usize)> = cues
        .iter()
        .copied()
        .filter(|(business, _, _)| *business == "relationship")
        .chain(cues.iter().copied().take(20))
        .collect();
    let suggestion = infer(&counted(&closer, &[]), &lexicon);
    assert_eq!(suggestion.business.as_deref(), Some("transactional"));
    assert_eq!(suggestion.level, Level::Low, "{suggestion:?}");
}

#[test]
fn a_few_cues_in_a_large_tree_are_weak_evidence() {
    let lexicon = Lexicon::builtin().unwrap();
    let cues = [
        ("transactional", "cart", 16),
        ("transactional", "checkout", 16),
        ("transactional", "refund", 16),
    ];
    let mut page = counted(&cues, &[]);
    page.read = 3;
    let one_page = infer(&page, &lexicon);
    assert_eq!(one_page.level, Level::Medium, "{one_page:?}");
    // The same dozen-odd cues in the examples of a 400-page tutorial.
    let mut tutorial = counted(&cues, &[]);
    tutorial.read = 400;
    let tutorial = infer(&tutorial, &lexicon);
    assert_eq!(tutorial.business.as_deref(), Some("transactional"));
    assert_eq!(tutorial.level, Level::Low, "{tutorial:?}");
}

#[test]
fn evidence_shows_the_form_a_stem_was_met_in_most_often() {
    let lexicon = Lexicon::builtin().unwrap();
    let text = "Доставка бесплатна. Доставка завтра, а доставки в выходные нет.\n";
    let suggestion = infer(&inventory(&lexicon, &[("a.md", text)]), &lexicon);
    let cue = suggestion
        .evidence
        .iter()
        .flat_map(|e| &e.cues)
        .find(|c| c.word == "доставк")
        .unwrap();
    assert_eq!((cue.form.as_str(), cue.count), ("доставка", 3));
}

#[test]
fn little_evidence_is_low_confidence_and_none_is_no_suggestion() {
    let lexicon = Lexicon::builtin().unwrap();
    let few = infer(&counted(&[("membership", "club", 9)], &[]), &lexicon);
    assert_eq!(few.business.as_deref(), Some("membership"));
    assert!(few.confidence <= 3.0 / ENOUGH, "{few:?}");
    assert_eq!(few.level, Level::Low);
    let none = infer(&counted(&[], &[("customer", 1)]), &lexicon);
    assert_eq!(none.business, None);
    assert_eq!(none.line, None);
}

#[test]
fn a_close_runner_up_makes_the_verdict_mixed_and_never_more_than_low() {
    let lexicon = Lexicon::builtin().unwrap();
    for (transactional, relationship) in [(10, 10), (10, 4), (40, 39)] {
        let inventory = counted(
            &[
                ("transactional", "cart", transactional),
                ("transactional", "refund", transactional),
                ("relationship", "retainer", relationship),
                ("relationship", "lawyer", relationship),
            ],
            &[],
        );
        let suggestion = infer(&inventory, &lexicon);
        assert_eq!(
            suggestion.business.as_deref(),
            Some(MIXED),
            "{suggestion:?}"
        );
        assert_eq!(suggestion.level, Level::Low, "{suggestion:?}");
    }
    let lopsided = counted(
        &[
            ("transactional", "cart", 100),
            ("transactional", "refund", 100),
            ("relationship", "lawyer", 2),
        ],
        &[],
    );
    assert_eq!(
        infer(&lopsided, &lexicon).business.as_deref(),
        Some("transactional")
    );
}

#[test]
fn a_user_pack_adds_cues_and_moves_built_in_ones() {
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs().unwrap();
    builder
        .add_pack(
            "team.toml",
            "lang = \"en\"\n[[business-cues]]\nbusiness = \"relationship\"\nwords = [\"cart\", \"onboarding call*\"]\n",
        )
        .unwrap();
    let lexicon = builder.build().unwrap();
    let found = survey(&lexicon, "a.md", "Book onboarding calls. Fill the cart.\n");
    let mut businesses: Vec<&str> = found
        .cues
        .iter()
        .map(|(k, _)| k.business.as_str())
        .collect();
    businesses.dedup();
    assert_eq!(businesses, ["relationship"]);
    assert_eq!(found.cues.len(), 2);
}

#[test]
fn a_business_cue_must_name_a_business_type_and_end_its_stars() {
    let pack = |text: &str| {
        let mut builder = LexiconBuilder::default();
        builder.add_builtin_packs().unwrap();
        builder
            .add_pack("team.toml", text)
            .and_then(|()| builder.build().map(|_| ()))
            .unwrap_err()
            .to_string()
    };
    let error =
        pack("lang = \"en\"\n[[business-cues]]\nbusiness = \"relationshop\"\nwords = [\"x\"]\n");
    assert!(
        error.contains("no business type is called `relationshop`"),
        "{error}"
    );
    assert!(error.contains("did you mean `relationship`?"), "{error}");
    let error = pack(
        "lang = \"en\"\n[[business-cues]]\nbusiness = \"mixed\"\nwords = [\"loyal* points\"]\n",
    );
    assert!(error.contains("has a `*` before its end"), "{error}");
}

#[test]
fn the_page_escapes_paths_and_fetches_nothing() {
    let lexicon = Lexicon::builtin().unwrap();
    let inventory = inventory(
        &lexicon,
        &[
            ("<b>&docs/a.md", "Customers pay. A client waits.\n"),
            ("<b>&docs/b.md", "The HTTP client retries.\n"),
        ],
    );
    let page = html::page(&inventory);
    assert!(page.contains("&lt;b&gt;&amp;docs"));
    assert!(!page.contains("<b>&docs"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("src="));
    assert!(!page.contains("href="));
    // Only the SVG namespace names an address.
    assert_eq!(page.matches("http").count(), 1);
    assert_eq!(page.matches("<svg").count(), 1);
    // The folder's bar: client and customer, half each.
    assert!(page.contains("<title>client: 1</title>"));
    assert!(page.contains("<title>customer: 1</title>"));
    assert!(page.contains("width=\"240.0\""));
}

#[test]
fn the_chart_draws_the_top_folders_and_says_how_many_deeper_ones_it_leaves_out() {
    let lexicon = Lexicon::builtin().unwrap();
    let inventory = inventory(
        &lexicon,
        &[
            ("docs/a/b/c/d.md", "Customers pay.\n"),
            ("docs/e.md", "Clients sign.\n"),
        ],
    );
    assert_eq!(inventory.folders.len(), 4);
    let page = html::page(&inventory);
    for drawn in ["docs", "docs/a", "docs/a/b"] {
        assert!(page.contains(&format!("<title>{drawn}</title>")), "{drawn}");
    }
    assert!(!page.contains("<title>docs/a/b/c</title>"));
    assert!(page.contains("Not drawn: 1 folder deeper down;"), "{page}");
}
