//! Fixtures for every connector of every language, each with the false
//! friends that look like it and are not a collapse.

use std::sync::LazyLock;

use crate::config::Settings;
use crate::lexicon::Lexicon;
use crate::lint::lint_text;
use crate::registry::RuleId;
use crate::span::Span;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().unwrap());

/// `(matched, first side)` of every self-contrast finding in `markdown`.
fn found(markdown: &str) -> Vec<(String, String)> {
    lint_text(markdown, &LEXICON, &Settings::default())
        .into_iter()
        .filter(|d| d.rule == RuleId::SelfContrast)
        .map(|d| {
            let first = d.related[0].span.slice(markdown).unwrap().to_owned();
            (d.matched, first)
        })
        .collect()
}

#[track_caller]
fn assert_pair(markdown: &str, first: &str, second: &str) {
    assert_eq!(
        found(markdown),
        [(second.to_owned(), first.to_owned())],
        "{markdown:?}"
    );
}

#[track_caller]
fn assert_none(markdown: &str) {
    assert_eq!(found(markdown), [], "{markdown:?}");
}

#[test]
fn english_connectors() {
    for (text, first, second) in [
        ("Client vs client: who pays?", "Client", "client"),
        ("Client vs. client.", "Client", "client"),
        ("The client versus the client.", "client", "client"),
        ("Call them clients or clients?", "clients", "clients"),
        ("Clients, not clients, sign here.", "Clients", "clients"),
        ("Clients rather than clients.", "Clients", "clients"),
        ("Clients as opposed to clients.", "Clients", "clients"),
        ("A client compared to a client.", "client", "client"),
        (
            "A client compared with a client is rare.",
            "client",
            "client",
        ),
        ("The gap between a client and a client.", "client", "client"),
        (
            "Neither the customer nor the customer.",
            "customer",
            "customer",
        ),
        ("Both customers and customers.", "customers", "customers"),
        ("We serve clients and clients alike.", "clients", "clients"),
        ("Tell a customer from a customer.", "customer", "customer"),
        (
            "Turn customers into customers who stay.",
            "customers",
            "customers",
        ),
        (
            "The words \"client\" and \"client\" differ.",
            "client",
            "client",
        ),
        ("A **client** or a **client**.", "client", "client"),
        (
            "An HTTP client or an HTTP client?",
            "HTTP client",
            "HTTP client",
        ),
        (
            "A customer buys once, whereas a customer returns.",
            "customer",
            "customer",
        ),
    ] {
        assert_pair(text, first, second);
    }
}

#[test]
fn english_false_friends() {
    for text in [
        "Clients or customers: pick one.",
        "Client vs customer.",
        "Again and again a client calls.",
        "Client after client called.",
        "Assign a user or user group.",
        "A customer or customer price group.",
        "A new client or a client.",
        "Mobile users or users on tablets.",
        "The words client and client.",
        "**The client list** and **client**.",
        "A vendor/client or client/vendor account.",
        "Customer service or customer success?",
        "The client pays, and the client signs.",
        "Between the client and the server.",
        "A client for client work.",
        "A client or\n\na client.",
    ] {
        assert_none(text);
    }
}

#[test]
fn russian_connectors() {
    for (text, first, second) in [
        ("Клиент против клиента.", "Клиент", "клиента"),
        ("Клиент vs клиент.", "Клиент", "клиент"),
        ("Клиент или клиент?", "Клиент", "клиент"),
        (
            "Клиентами или же клиентами будет.",
            "Клиентами",
            "клиентами",
        ),
        ("Клиент либо клиент.", "Клиент", "клиент"),
        (
            "Ориентирован на клиентов, а не на клиентов.",
            "клиентов",
            "клиентов",
        ),
        ("Разница между клиентом и клиентом.", "клиентом", "клиентом"),
        ("Ни клиент, ни клиент не платят.", "клиент", "клиент"),
        ("И клиенты, и клиенты.", "клиенты", "клиенты"),
        ("Как клиенты, так и клиенты.", "клиенты", "клиенты"),
        ("Клиент в отличие от клиента.", "Клиент", "клиента"),
        ("Клиент отличается от клиента.", "Клиент", "клиента"),
        ("Отличить клиента от клиента.", "клиента", "клиента"),
        ("Чем отличается клиент от клиента?", "клиент", "клиента"),
        (
            "Как превратить клиентов в клиентов.",
            "клиентов",
            "клиентов",
        ),
        (
            "Слова «клиент» и «клиент» как синонимы.",
            "клиент",
            "клиент",
        ),
        (
            "Клиент платит сразу, в то время как клиент ждёт.",
            "Клиент",
            "клиент",
        ),
        (
            "В то время как у клиента есть нужда, клиент ждёт.",
            "клиента",
            "клиент",
        ),
        (
            "Клиент-сервер или клиент-сервер?",
            "Клиент-сервер",
            "клиент-сервер",
        ),
    ] {
        assert_pair(text, first, second);
    }
}

#[test]
fn russian_false_friends() {
    for text in [
        "Разница между клиентом и покупателем.",
        "Это заказчики или клиенты?",
        "Клиент и клиент.",
        "Перспективный клиент или клиент.",
        "Для всех клиентов или для клиентов в пуле.",
        "Глухим пользователям или пользователям с нарушениями слуха.",
        "Клиенты B2C заказывают мало, тогда как клиенты B2B много.",
        "Пользователь в лице А, тогда как пользователь в лице Б.",
        "Клиент за клиентом уходил.",
        "Покупательница или покупатель?",
        "Раз за разом клиент звонит.",
        "**Сведения о пользователе** и **пользователи**.",
        "Поставщику/клиенту или клиенту/поставщику.",
    ] {
        assert_none(text);
    }
}

#[test]
fn chinese_connectors() {
    for (text, first, second) in [
        ("客户与客户——区别是什么?", "客户", "客户"),
        ("“客户”和“客户”这两个词。", "客户", "客户"),
        ("客户或客户吗?", "客户", "客户"),
        ("客户或者客户?", "客户", "客户"),
        ("客户及客户。", "客户", "客户"),
        ("客户跟客户之间。", "客户", "客户"),
        ("客户对客户。", "客户", "客户"),
        ("客户对比客户。", "客户", "客户"),
        ("客户VS客户", "客户", "客户"),
        ("客户 vs 客户", "客户", "客户"),
        ("客户VS。 客户——最大的不同", "客户", "客户"),
        ("整个客户与客户的辩论。", "客户", "客户"),
        ("客户端与客户端对比。", "客户端", "客户端"),
        ("把客户变成客户。", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
}

#[test]
fn chinese_false_friends() {
    for text in [
        "客户和顾客不同。",
        "客户或客户组。",
        "客户和客户订单。",
        "包括客户、客户 ID。",
        "目标客户或客户。",
        "客户对客户的成功有影响。",
        "供应商/客户或客户/供应商。",
        "客户端与客户。",
    ] {
        assert_none(text);
    }
}

#[test]
fn a_repeated_heading_is_flagged_at_the_second_with_a_note_at_the_first() {
    let text = "# Guide\n\n## Who is a client?\n\nText.\n\n## Who is a client\n\nMore.\n";
    assert_eq!(
        found(text),
        [("Who is a client".to_owned(), "Who is a client?".to_owned())]
    );
}

#[test]
fn title_lines_count_as_headings_in_plain_text() {
    let text = "Что такое клиент?\n\nТекст.\n\nЧто такое клиент?\n\nЕщё.\n";
    assert_eq!(found(text).len(), 1);
    let chinese = "谁是客户?\n客户是买东西的人。\n谁是客户?\n";
    assert_eq!(
        found(chinese),
        [("谁是客户?".to_owned(), "谁是客户?".to_owned())]
    );
}

#[test]
fn repeated_headings_that_are_fine() {
    for text in [
        // Different sections.
        "## 1.1\n\n### Clients\n\nA.\n\n## 1.0\n\n### Clients\n\nB.\n",
        // No term.
        "## Setup\n\nA.\n\n## Setup\n\nB.\n",
        // Parallel structure: the same steps once per platform.
        "## Web\n\n### Step 1\n\n### Add clients\n\n### Step 3\n\n## App\n\n### Step 1\n\n### Add clients\n\n### Step 3\n",
        "# Install\n\n### Step 1\n\n### Add clients\n\n### Step 3\n\n### Step 1\n\n### Add clients\n\n### Step 3\n",
        // Code makes them differ.
        "## A client for `v1`\n\n## A client for `v2`\n",
        // Sentences are not headings.
        "A client pays.\n\nA client pays.\n",
    ] {
        assert_none(text);
    }
}

#[test]
fn a_term_defined_twice_in_one_list_is_flagged() {
    let bullets = "  • Покупатель — тот, кто совершает любую покупку в магазине.\n  • Пользователь — тот, кто работает с вашим продуктом каждый день.\n  • Покупатели — те, кто сравнивают несколько вариантов перед покупкой.\n";
    assert_eq!(
        found(bullets),
        [("Покупатели".to_owned(), "Покупатель".to_owned())]
    );
    let list = "- **Subscriber**: someone who follows your posts on social media.\n- Buyer: someone who buys from you, once or many times.\n- **Subscriber**: someone who pays for the content you publish.\n";
    assert_eq!(
        found(list),
        [("Subscriber".to_owned(), "Subscriber".to_owned())]
    );
}

#[test]
fn definitions_that_are_fine() {
    for text in [
        // Two lists.
        "- Buyer: someone who buys from you, once or often.\n\nText.\n\n- Buyer: someone who buys from you, once or often.\n",
        // Steps, not a glossary.
        "1. Customer: sends the quote to the sales team.\n2. Agent: reviews the quote.\n3. Customer: signs the quote and sends it back.\n",
        // Labels, not definitions.
        "- Клиент - акт выверки (отчет 1)\n- Клиент - оборотная ведомость (отчет 2)\n",
        // A hyphenated word, not a dash.
        "- Client-owned assets are listed here in full.\n- Client-owned assets are listed here in full.\n",
    ] {
        assert_none(text);
    }
}

/// Whether the pack of `lang` joins the first `first` of `text` with the
/// last `second` after it.
fn joins(lang: &str, text: &str, first: &str, second: &str) -> bool {
    let lang = LEXICON.find_language(lang).unwrap();
    let a = text.find(first).unwrap();
    let b = text.rfind(second).unwrap();
    LEXICON.language(lang).contrasts(
        text,
        Span::new(a, a + first.len()),
        Span::new(b, b + second.len()),
    )
}

/// The `mixed-terms` findings of `text`, with no business declared.
fn mixed(text: &str) -> Vec<String> {
    lint_text(text, &LEXICON, &Settings::default())
        .into_iter()
        .filter(|d| d.rule == RuleId::MixedTerms)
        .map(|d| d.matched)
        .collect()
}

#[test]
fn the_connectors_join_two_different_roles_too() {
    for (lang, text, first, second) in [
        (
            "en",
            "Serve clients, not customers.",
            "clients",
            "customers",
        ),
        ("en", "Clients versus customers", "Clients", "customers"),
        (
            "en",
            "Unlike customers, clients pay a retainer.",
            "customers",
            "clients",
        ),
        (
            "en",
            "Clients rather than customers sign off.",
            "Clients",
            "customers",
        ),
        (
            "en",
            "Both clients and customers get it.",
            "clients",
            "customers",
        ),
        (
            "ru",
            "Нужны не клиенты, а покупатели.",
            "клиенты",
            "покупатели",
        ),
        (
            "ru",
            "Нужны не клиенты а покупатели.",
            "клиенты",
            "покупатели",
        ),
        (
            "ru",
            "В отличие от клиентов, покупатели платят сразу.",
            "клиентов",
            "покупатели",
        ),
        (
            "ru",
            "Клиенты, в отличие от покупателей, ждут.",
            "Клиенты",
            "покупателей",
        ),
        (
            "ru",
            "Как клиенты, так и покупатели довольны.",
            "клиенты",
            "покупатели",
        ),
        ("zh", "不是客户，而是顾客。", "客户", "顾客"),
        ("zh", "不同于客户，顾客都是一次性付款。", "客户", "顾客"),
        ("zh", "是客户，不是顾客。", "客户", "顾客"),
        ("zh", "客户或者顾客都可以。", "客户", "顾客"),
    ] {
        assert!(joins(lang, text, first, second), "{text}");
    }
}

#[test]
fn two_roles_side_by_side_without_a_connector_are_not_joined() {
    for (lang, text, first, second) in [
        ("en", "Clients call customers.", "Clients", "customers"),
        ("en", "Unlike clients customers", "clients", "customers"),
        (
            "ru",
            "Клиенты звонят покупателям.",
            "Клиенты",
            "покупателям",
        ),
        ("zh", "客户联系顾客。", "客户", "顾客"),
        ("zh", "不是客户，而是顾客经理。", "客户", "顾客"),
    ] {
        assert!(!joins(lang, text, first, second), "{text}");
    }
}

#[test]
fn a_preposition_said_again_a_verb_between_or_a_predicate_before_the_connector() {
    for (text, first, second) in [
        (
            "Does the refund go to the customer or to the customer?",
            "customer",
            "customer",
        ),
        (
            "Send the invoice for the client or for the client?",
            "client",
            "client",
        ),
        (
            "В письме вместо покупателя указывался покупатель.",
            "покупателя",
            "покупатель",
        ),
        ("Вместо клиента платит клиент.", "клиента", "клиент"),
        ("费用由客户承担，而非客户。", "客户", "客户"),
        ("发票开给顾客，而不是顾客。", "顾客", "顾客"),
        ("客户与客户有什么不同？", "客户", "客户"),
        ("顾客和顾客有何区别？", "顾客", "顾客"),
    ] {
        assert_pair(text, first, second);
    }
    for text in [
        // A kind of the term, or another thing, on the second side.
        "Send it to the client or to the client's bank.",
        "Вместо клиента работает менеджер клиента.",
        "Вместо клиента пришёл его представитель.",
        "客户经理负责，而非客户。",
        "费用由客户承担，而非客户公司。",
        "费用由客户承担，而非顾客。",
        "客户与客户经理有什么不同？",
    ] {
        assert_none(text);
    }
}

#[test]
fn parallel_sides_and_connectors_with_a_clause_between() {
    for (text, first, second) in [
        (
            "The note goes to the customer directly, rather than to the customer.",
            "customer",
            "customer",
        ),
        (
            "We treat a member differently from a member.",
            "member",
            "member",
        ),
        (
            "Вместо заказчика акт вправе подписать заказчик.",
            "заказчика",
            "заказчик",
        ),
        ("您是客户抑或客户？", "客户", "客户"),
        ("诉讼费由客户垫付，而非由客户垫付。", "客户", "客户"),
        ("客户按月付费，而客户按单付款。", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
    for text in [
        // What each term modifies is what is set apart.
        "请核对客户的订单，而不是客户的发票。",
        // One customer doing two things is no contrast.
        "您为客户开票 1,000.00，而客户支付 999.90。",
        // A modifier said twice makes two kinds.
        "Clients in Europe, not clients in Asia, pay VAT.",
        "Вместо клиента документы подписывает представитель клиента.",
        "客户按月付费，而客户经理按单结算。",
    ] {
        assert_none(text);
    }
}

#[test]
fn a_relative_clause_inside_a_role_contrast_keeps_it_a_contrast() {
    assert!(
        mixed("Unlike customers, who leave for a cheaper offer, clients stay for years.")
            .is_empty()
    );
    assert!(
        mixed("В отличие от покупателя, который уходит к тому, кто дешевле, клиент остаётся.")
            .is_empty()
    );
}

#[test]
fn a_phrase_after_the_first_of_two_roles_keeps_them_a_contrast_but_makes_kinds_of_one_word() {
    assert!(
        mixed(
            "Unlike customers of a retail service, our clients pay a monthly retainer. \
             Our clients call us. Our clients stay."
        )
        .is_empty()
    );
    // One word qualified on one side only is two kinds of it.
    assert_none("Unlike customers of a retail shop, our customers get a loyalty card.");
    assert_none("Unlike clients in Europe, clients in Asia pay in advance.");
}

#[test]
fn between_a_word_and_itself_the_sentence_may_go_on_unless_a_modifier_follows() {
    assert_pair(
        "Акт подписывается между клиентом и клиентом после сдачи этапа.",
        "клиентом",
        "клиентом",
    );
    assert_none("Спор между клиентом и клиентом банка решает суд.");
    assert_none("Разница между клиентом и клиентом в банке невелика.");
}

#[test]
fn apart_from_one_for_each_as_well_as_a_cleft_question_and_a_comparison() {
    for (text, first, second) in [
        (
            "What sets a customer apart from a customer?",
            "customer",
            "customer",
        ),
        (
            "Two columns, one for the client and one for the client.",
            "client",
            "client",
        ),
        (
            "Send it to the client as well as to the client, then file it.",
            "client",
            "client",
        ),
        (
            "Is it the client who signs, or the client?",
            "client",
            "client",
        ),
        (
            "Customers pay less than customers.",
            "Customers",
            "customers",
        ),
        (
            "Покупатель платит вдвое меньше, чем покупатель.",
            "Покупатель",
            "покупатель",
        ),
        ("他们既不是顾客，也不是顾客。", "顾客", "顾客"),
    ] {
        assert_pair(text, first, second);
    }
    for text in [
        // The same person twice, or a kind of the term.
        "The client gets more than the client expected.",
        "What sets a customer apart from a customer in the scheme?",
        "Send it to the client as well as to the client team.",
        "Клиент платит больше, чем клиент банка.",
    ] {
        assert_none(text);
    }
}

#[test]
fn what_tells_the_sides_apart_and_what_is_among_them() {
    for (text, first, second) in [
        (
            "Клиент отличается от клиента тем, что подписал договор.",
            "Клиент",
            "клиента",
        ),
        ("客户与客户之间究竟有什么不同？", "客户", "客户"),
        ("客户与客户之间的区别。", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
    // Among customers, not between two senses of the word.
    assert_none("评论区里顾客与顾客之间的争执，客服一般不介入。");
}

#[test]
fn a_naming_verb_said_twice_once_denied_a_bracketed_correction_and_a_clause_with_ze() {
    for (text, first, second) in [
        ("称对方为客户，不要称为客户。", "客户", "客户"),
        ("我们把企业视为客户，从不把他们当作客户。", "客户", "客户"),
        ("宁可写顾客，也别写顾客。", "顾客", "顾客"),
        (
            "价格只适用于客户（而不是客户），门店另有标价。",
            "客户",
            "客户",
        ),
        ("客户按月结算，客户则按单付款。", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
    // A naming verb once, or a sequence, is no contrast.
    assert_none("我们称对方为客户，客户也这样称呼我们。");
    assert_none("客户（包括潜在客户）都能看到价格。");
}

#[test]
fn two_roles_in_parallel_clauses_and_after_a_verb_like_an_adjective() {
    // The first role opens its sentence, the second follows `а`.
    assert!(
        mixed(
            "Разница простая: покупатель платит за каждый заказ, а клиент заключает договор. \
             Клиент получает счёт. Клиенты платят раз в месяц."
        )
        .is_empty()
    );
    // `пишем` ends like an adjective, but qualifies no role.
    assert!(mixed("Мы пишем клиент, а не покупатель. Клиент платит. Клиенты ждут.").is_empty());
    // A role inside the first clause is compared by what follows, not set
    // against the other: the second is still a slip.
    assert_eq!(
        mixed("Визит доступен каждому клиенту раз в месяц, а покупателям — дважды. Клиенты рады."),
        ["покупателям"]
    );
    // The same word twice after `а` is two actions, not a collapse.
    assert_none("Клиент платит сразу, а клиент банка ждёт выписку.");
}

#[test]
fn chinese_comparisons_and_distinctions() {
    for (text, first, second) in [
        ("客户和客户不同。", "客户", "客户"),
        ("客户跟客户不一样，要分开写。", "客户", "客户"),
        ("客户比客户更看重服务。", "客户", "客户"),
        ("和客户相比，客户更在意价格。", "客户", "客户"),
        ("请区分客户和客户。", "客户", "客户"),
        ("您是客户呢，还是客户？", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
    // Kinds of one word, and a comparison with something else.
    assert_none("老客户比新客户更忠诚。");
    assert_none("客户比其他人更早收到通知。");
    assert_none("和客户相比，我们的报价更低。");
}

#[test]
fn chinese_replacements_aspects_choices_and_namings() {
    for text in [
        "与其称他们为客户，不如称他们为客户。",
        "对方要么是客户，要么是客户。",
        "客户、客户分别享有哪些权益？",
        "合同以客户取代客户。",
        "客户和客户的权限不同。",
        "把客户与客户区分开来。",
        "客户与客户并无实质差异。",
        "客户并不等同于客户，请看下文。",
        "这次客户拿到的折扣反而不如客户多。",
        "首页写的是客户，结算页却写成了客户，读者会糊涂。",
        "客户指签约方，而客户则指使用服务的部门。",
        "| 客户 / 客户 | 付费的一方 |",
    ] {
        assert_pair(text, "客户", "客户");
    }
    // A compound after the second side, a pair of accounts, and one
    // word in two unrelated clauses.
    assert_none("客户和客户组的权限不同。");
    assert_none("科目为客户/客户的凭证。");
    assert_none("合同以客户为准，客户签字后生效。");
    assert_none("客户拿到的折扣不如客户经理承诺的多。");
}

#[test]
fn chinese_shared_nouns_contrast_frames_definitions_and_scopes() {
    for text in [
        "您是以客户还是客户身份登录？",
        "与客户不同，客户无需签署协议。",
        "客户是指签约的法人；而客户是指接收成果的个人。",
        "本优惠仅限客户使用，不适用于客户",
    ] {
        assert_pair(text, "客户", "客户");
    }
    // An ID card is another word, a definition of something else, and
    // a scope that names another group.
    assert_none("请填写客户或客户身份证号码。");
    assert_none("请核对客户或客户身份信息。");
    assert_none("客户是指签约的法人；客户经理是指我们的员工。");
    assert_none("本优惠仅限客户使用，不适用于客户的员工。");
}

#[test]
fn chinese_two_concepts_rules_each_side_follows_and_options_in_brackets() {
    for text in [
        "客户和客户是两个不同的概念。",
        "客户与客户适用不同期限。",
        "客户与客户的权益对比",
        "我们既懂客户，也懂客户。",
        "请选择身份(客户/客户)，然后继续。",
        "与其说读者是客户，不如说他们是客户。",
    ] {
        assert_pair(text, "客户", "客户");
    }
    // A longer word on the second side, and a pair of accounts outside
    // brackets.
    assert_none("客户和客户经理是两个不同的岗位。");
    assert_none("科目为客户/客户（往来）的凭证。");
}

#[test]
fn replacements_changes_of_status_and_comma_questions() {
    for (text, first, second) in [
        (
            "Replace every occurrence of \"member\" with \"member\" in the help pages.",
            "member",
            "member",
        ),
        (
            "Convert the customer to a customer after the first order.",
            "customer",
            "customer",
        ),
        ("Are you a client, or a client?", "client", "client"),
        (
            "Choose **Client** if you have an agreement, or **Client** if you only shop.",
            "Client",
            "Client",
        ),
        ("Do not confuse clients with clients.", "clients", "clients"),
        ("A client is not the same as a client.", "client", "client"),
        (
            "Замените слово «клиент» на «клиент» во всех шаблонах.",
            "клиент",
            "клиент",
        ),
        (
            "Переведите покупателя в покупатели после первого заказа.",
            "покупателя",
            "покупатели",
        ),
        ("Не путайте клиентов с клиентами.", "клиентов", "клиентами"),
        ("请将所有的“客户”统一替换为“客户”。", "客户", "客户"),
        ("从顾客变成顾客只需要下一单。", "顾客", "顾客"),
        ("顧客，還是顧客？請先確認。", "顧客", "顧客"),
    ] {
        assert_pair(text, first, second);
    }
    // The second side is something of the term's, or a kind of it, or the
    // comma starts another clause.
    assert_none("Replace the client with the client's lawyer.");
    assert_none("Change client to client ID.");
    assert_none("Call the client, or the client will cancel.");
    assert_none("客户变成客户经理。");
    assert_none("潜在客户转化为客户。");
}

#[test]
fn sides_said_to_differ_a_few_words_on() {
    for (text, first, second) in [
        (
            "Clients and clients differ in how they pay.",
            "Clients",
            "clients",
        ),
        (
            "Members and members have different rights.",
            "Members",
            "members",
        ),
        ("Клиенты и клиенты платят по-разному.", "Клиенты", "клиенты"),
        (
            "Заказчик и заказчик — разные стороны договора.",
            "Заказчик",
            "заказчик",
        ),
        ("顾客和顾客享受的折扣不同。", "顾客", "顾客"),
        ("客户跟客户不是一回事。", "客户", "客户"),
        (
            "Clients pay monthly; clients, by contrast, pay per order.",
            "Clients",
            "clients",
        ),
    ] {
        assert_pair(text, first, second);
    }
    // A modifier makes the second side another thing, and a noun glued to
    // a Chinese term makes another word.
    assert_none("The client and the client portal are different.");
    assert_none("Клиент и клиент банка имеют разные права.");
    assert_none("客户和客户经理的职责不同。");
}

#[test]
fn parallel_clauses_that_change_only_what_frames_the_term() {
    for (text, first, second) in [
        (
            "The firm serves the client, while the shop serves the client.",
            "client",
            "client",
        ),
        (
            "Для фирмы главное — клиент, тогда как для магазина главное — клиент.",
            "клиент",
            "клиент",
        ),
        ("律所面对的是客户，超市面对的则是客户。", "客户", "客户"),
        ("您是以客户身份还是以客户身份登录？", "客户", "客户"),
        ("区分客户（长期委托）和客户（单次购买）。", "客户", "客户"),
    ] {
        assert_pair(text, first, second);
    }
    // One word before both terms is a compound, a long clause between
    // them is no parallel subject, and a frame of small words frames
    // nothing.
    assert_none("It creates team members but never deletes the generic team member or its tasks.");
    assert_none("Track which stores a user visited, but not how often the users visited them.");
    assert_none(
        "Откройте **Журнал платежей клиентов**, а затем, на странице **Журнал платежей клиентов**, выберите строку.",
    );
    assert_none("Send the invoice to the client, but send the receipt to the client.");
}

#[test]
fn a_table_or_a_list_that_sets_a_term_against_itself() {
    assert_pair(
        "| Term | Meaning |\n|---|---|\n| Customer | Someone with an ongoing engagement |\n| Customer | Someone who buys once |\n",
        "Customer",
        "Customer",
    );
    assert_pair(
        "| Роль | Описание |\n|---|---|\n| Клиент | Заключил договор |\n| Клиент | Разово купил товар |\n",
        "Клиент",
        "Клиент",
    );
    assert_pair(
        "| 客户 | 客户 |\n|---|---|\n| 签约 | 付款 |\n",
        "客户",
        "客户",
    );
    assert_pair("Account type:\n\n- [ ] 客户\n- [ ] 客户\n", "客户", "客户");
    assert_pair("- Customer\n- Vendor\n- Customer\n", "Customer", "Customer");
    // A table of rights lists a role once per right; a header row that
    // only starts with the term; two lists; items that say more.
    assert_none("| Role | Right |\n|---|---|\n| Client | Reads |\n| Client | Writes |\n");
    assert_none("| Client | Client portal |\n|---|---|\n| a | b |\n");
    assert_none("- Customer\n- Vendor\n\nText.\n\n- Customer\n");
    assert_none("- Customer pays first.\n- Customer signs.\n");
    assert_none("| Client | Client |\nNot a table: no delimiter row.\n");
}
