//! Names are not terms: quoted names, capitalised runs, parties a contract
//! defines, code names, and the names a config or a pack declares are
//! neither flagged nor fixed; the terms around them still are.

use crate::support::{clientele, findings, json, matched_in, tree};

const RELATIONSHIP: &str = "business = \"relationship\"\n";
const TRANSACTIONAL: &str = "business = \"transactional\"\n";

/// The words `rule` flags in `doc` under the config `config`.
fn flagged(config: &str, doc: &str, rule: &str) -> Vec<String> {
    matched_in(config, doc, rule)
}

fn wrong_terms(config: &str, doc: &str) -> Vec<String> {
    flagged(config, doc, "wrong-term")
}

#[test]
fn product_names_in_title_case_are_not_renamed() {
    let doc = "Then sign in to Customer Identity Cloud and open Customer Profiles.\n\n\
               Our customers love it.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["customers"]);
    let doc = "You can install React DOM Client or open the Client Portal app.\n\n\
               Each client pays at the till.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["client"]);
    // Three capitalised words make a name even at a sentence start.
    let doc = "Customer Identity Cloud keeps the records.\n";
    assert!(wrong_terms(RELATIONSHIP, doc).is_empty());
}

#[test]
fn a_capitalised_term_at_a_sentence_start_or_in_a_title_case_heading_is_checked() {
    let doc =
        "# Manage Your Customers\n\nCustomers love us. Customer Profiles lets you sort them.\n";
    assert_eq!(
        wrong_terms(RELATIONSHIP, doc),
        ["Customers", "Customers", "Customer"]
    );
    let doc = "| Customer Name | Email |\n|---|---|\n| Ann | a@b.c |\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["Customer"]);
    // A heading in sentence case keeps its names.
    let doc = "## How to sign in to Customer Identity Cloud\n\nText.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), Vec::<String>::new());
}

#[test]
fn a_quoted_name_is_kept_and_a_quoted_mention_is_checked() {
    let doc = "Click \"Customers\" in the menu, then “Customer Profiles”.\n\n\
               We never say \"customer\" here.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["customer"]);
    let doc = "Откройте «Клиент-Банк» и войдите.\n\nНе пишите «клиент» здесь.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["клиент"]);
    let doc = "打开「客户之声」页面。\n\n我们不说「客户」。\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["客户"]);
}

/// A term quoted after a noun for a word is about the word: flagging it,
/// or fixing it, would make the sentence about another word.
#[test]
fn a_word_named_as_a_word_is_not_checked_and_not_fixed() {
    let doc = "We never use the word \"customer\" here, nor the term “customers”.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), Vec::<String>::new());
    let doc = "Слово «клиент» встречается только в договорах, а термин «клиенты» нигде.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), Vec::<String>::new());
    let doc = "我们不用“客户”一词，术语「客户」也不用。\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), Vec::<String>::new());
    // The noun must name the word: another noun before a quote does not.
    let doc = "Our \"customer\" survey, the words of a customer.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["customer", "customer"]);
    assert_eq!(
        fixed(
            RELATIONSHIP,
            "The word \"customer\" is banned. Our customers agree.\n"
        ),
        "The word \"customer\" is banned. Our clients agree.\n"
    );
}

/// `doc` after `clientele --fix` under `config`, which must exit 0.
fn fixed(config: &str, doc: &str) -> String {
    let dir = tree(&[("clientele.toml", config), ("doc.md", doc)]);
    clientele(dir.path())
        .args(["--fix", "doc.md"])
        .assert()
        .code(0);
    std::fs::read_to_string(dir.path().join("doc.md")).unwrap()
}

#[test]
fn fix_leaves_a_quoted_name_as_it_is() {
    let doc = "Откройте «Клиент-Банк» и войдите. Каждый клиент платит сразу.\n";
    assert_eq!(
        fixed(TRANSACTIONAL, doc),
        "Откройте «Клиент-Банк» и войдите. Каждый покупатель платит сразу.\n"
    );
}

#[test]
fn a_party_a_contract_defines_is_a_name() {
    let doc = "Исполнитель передаёт Заказчику результат работ.\n\n\
               Заказчик обязуется оплатить счёт.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["Заказчик"]);
    let doc = "Under this agreement the Customer shall pay within ten days.\n\n\
               The Customer agrees. A Customer may object. Customers may object.\n";
    assert_eq!(wrong_terms(RELATIONSHIP, doc), ["Customer", "Customers"]);
    let doc = "Once signed, the Client shall pay the fee.\n";
    assert!(wrong_terms(TRANSACTIONAL, doc).is_empty());
}

#[test]
fn a_name_is_still_set_against_itself() {
    let doc = "В чем разница между Заказчиком и Заказчиком?\n";
    let dir = tree(&[("clientele.toml", RELATIONSHIP), ("doc.md", doc)]);
    let output = clientele(dir.path())
        .args(["--format", "json", "doc.md"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["rule"], "self-contrast");
    assert_eq!(diagnostics[0]["sense"]["sense"], "allowed");
    assert_eq!(diagnostics[0]["sense"]["by"], "name");
}

#[test]
fn names_do_not_count_towards_a_mix() {
    let doc = "Every client pays an invoice. Then sign in to Customer Identity Cloud.\n";
    assert!(flagged("", doc, "mixed-terms").is_empty());
    let doc = "Every client pays an invoice. Then each customer signs in.\n";
    assert_eq!(flagged("", doc, "mixed-terms"), ["customer"]);
}

#[test]
fn code_names_are_not_terms() {
    let doc = "Set Customer.Name, call Customer::new or Client#send, and read \
               /api/customer-id/list or ?customer=1 with CustomerId and CLIENT_SECRET.\n";
    assert!(wrong_terms(RELATIONSHIP, doc).is_empty());
    assert!(wrong_terms(TRANSACTIONAL, doc).is_empty());
    // A slash that offers a choice is prose.
    assert_eq!(
        wrong_terms(RELATIONSHIP, "Pick a vendor/customer now.\n"),
        ["customer"]
    );
}

#[test]
fn config_names_match_exactly_as_written() {
    let doc = "Customer Hub is ready.\n\ncustomer hub is ready.\n";
    assert_eq!(
        wrong_terms(RELATIONSHIP, doc),
        ["Customer", "customer"],
        "without names, both are uses"
    );
    let config = format!(
        "{RELATIONSHIP}[allow]\nnames = [\"Customer Hub\", \"Клиент Онлайн\", \"顾客之家\"]\n"
    );
    assert_eq!(wrong_terms(&config, doc), ["customer"]);
    // A name wrapped over two lines is still the name.
    assert!(wrong_terms(&config, "Customer\nHub is ready.\n").is_empty());
    let doc = "Клиент Онлайн работает.\n\n顾客之家开门了。\n";
    let config = format!("{TRANSACTIONAL}[allow]\nnames = [\"Клиент Онлайн\"]\n");
    assert!(wrong_terms(&config, doc).is_empty());
    let config = format!("{RELATIONSHIP}[allow]\nnames = [\"顾客之家\"]\n");
    assert!(wrong_terms(&config, doc).is_empty());
}

#[test]
fn a_pack_declares_names() {
    let config = format!("{RELATIONSHIP}packs = [\"names.toml\"]\n");
    let dir = tree(&[
        ("clientele.toml", config.as_str()),
        ("names.toml", "names = [\"Customer Hub\"]\n"),
        ("doc.md", "Customer Hub is ready. Customers love it.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json", "doc.md"])
        .output()
        .unwrap();
    let found: Vec<String> = findings(&json(&output.stdout))
        .into_iter()
        .map(|(_, _, matched)| matched)
        .collect();
    assert_eq!(found, ["Customers"]);
    let dir = tree(&[
        ("clientele.toml", config.as_str()),
        ("names.toml", "names = [\" \"]\n"),
        ("doc.md", "x\n"),
    ]);
    clientele(dir.path()).assert().code(2);
}

#[test]
fn an_unknown_allow_key_is_still_an_error() {
    let config = format!("{RELATIONSHIP}[allow]\nname = [\"Customer Hub\"]\n");
    let dir = tree(&[("clientele.toml", config.as_str()), ("doc.md", "x\n")]);
    clientele(dir.path()).assert().code(2);
}

#[test]
fn a_bold_ui_label_with_a_cue_is_a_name_and_bold_emphasis_is_checked() {
    // A UI noun before the label, or a step verb.
    let doc = "На вкладке **Адрес клиента** укажите город.\n\n\
               Нажмите **Новый клиент** и сохраните запись.\n\n\
               Клиент оплачивает заказ в кассе.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["Клиент"]);
    // No cue: a capitalised bold word at a sentence start is emphasis, and
    // a lowercase bold word is emphasis wherever it stands.
    let doc = "**Клиенты** получают скидку, если платят сразу.\n\n\
               Мы благодарим **постоянных клиентов** за покупки.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["Клиенты", "клиентов"]);
    let doc = "Type a number in the **Client Code** field.\n\n\
               Our **clients** pay at the till.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["clients"]);
}

#[test]
fn a_chinese_label_is_known_by_its_cue() {
    let doc = "在 **客户帐户** 字段中输入编号。\n\n选择“客户”，然后保存。\n\n\
               **客户**可以在付款后取货。\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["客户"]);
}

#[test]
fn a_menu_path_is_a_name() {
    let doc = "Откройте **Продажи \\> Клиенты \\> Карточки**.\n\n\
               Перейдите в Продажи > Клиенты > Карточки, чтобы начать.\n\n\
               转到 **销售 > 设置 >客户模板**。\n\n\
               Go to Sales > Clients.\n\n\
               > Клиенты платят в день покупки.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["Клиенты"]);
}

#[test]
fn link_text_naming_a_page_or_a_report_is_a_name_and_a_sentence_is_not() {
    let doc = "Отчет [Клиент - сводка продаж](https://example.com/?report=12) \
               показывает итоги.\n\n\
               See [Client Settings](Client-Settings.md) for the options.\n\n\
               Read more about [how our clients pay](pay.md) in the guide.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["clients"]);
}

#[test]
fn link_text_titling_a_page_elsewhere_is_a_name_and_a_page_of_the_docs_is_checked() {
    // A page of this docs set: its own title is checked where it stands,
    // and the link text follows it.
    let doc = "- [Возврат товара от клиента](return.md)\n\
               - Подробнее см. в разделе [Скидки для клиентов](discounts.md#groups).\n\
               - 详见[向客户退款](refunds.md)。\n";
    assert_eq!(
        wrong_terms(TRANSACTIONAL, doc),
        ["клиента", "клиентов", "客户"]
    );
    // A page of another site or docs set, a video: the writer cannot
    // retitle it. The term alone as link text is a word of the sentence,
    // and alt text is prose.
    let doc = "- Подробнее см. [Обучение работе с клиентами](https://example.com/training).\n\
               - 请参阅[异步获取客户的资格](/other-docs/qualification)。\n\
               - Write to [clients](https://example.com/c) and ![a happy client](https://example.com/a.png).\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["clients", "client"]);
}

#[test]
fn a_chinese_compound_naming_a_part_of_an_accounting_system_is_a_name() {
    let doc = "打开客户付款日记帐，选择客户过帐模板。\n\n\
               您可以从现有客户创建日记帐行。\n\n\
               登录客户门户查看订单。\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["客户", "客户"]);
}

#[test]
fn a_report_named_with_its_number_is_a_name() {
    let doc = "- Клиент - оборотная ведомость (отчет 12439)\n\
               - Анализ операций клиента (отчет 12442)\n\
               - 客户帐龄分析（报表 120）\n\
               - Клиенты получают выписку, как в оборотной ведомости (отчет 12439).\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["Клиенты"]);
}

#[test]
fn the_value_given_to_a_bold_field_is_a_name() {
    let doc = "- **Тип цены** — **Группа клиента**\n\n\
               - **Скидка** — клиент получает её при оплате.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["клиент"]);
}

#[test]
fn a_russian_bold_label_capitalised_mid_sentence_is_a_name() {
    // Russian capitalises no word mid-sentence but a name.
    let doc = "Сохраните шаблон **Счет клиента** до конца дня.\n\n\
               Сегодня **постоянные клиенты** платят меньше.\n\n\
               **Клиент** всегда прав.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["клиенты", "Клиент"]);
    // English capitalises for emphasis more freely: a cue is needed.
    let doc = "Thank our **Clients** for their orders.\n";
    assert_eq!(wrong_terms(TRANSACTIONAL, doc), ["Clients"]);
}
