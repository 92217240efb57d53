use super::*;

fn span_of(text: &str, word: &str) -> Span {
    let start = text.find(word).unwrap();
    Span::new(start, start + word.len())
}

fn named(text: &str, word: &str, lang: &str) -> bool {
    let headings = crate::markdown::outline(text).headings;
    is_name(text, &headings, lang, span_of(text, word))
}

#[test]
fn short_capitalised_or_hyphenated_quotes_are_names() {
    assert!(named("Откройте «Клиент-Банк» и войдите.", "Клиент", "ru"));
    assert!(named("Click \"Customers\" in the menu.", "Customers", "en"));
    assert!(named("Open “Customer Profiles” now.", "Customer", "en"));
    assert!(named("Откройте „клиент-банк“ сейчас.", "клиент", "ru"));
    assert!(named("打开「客户之声」页面。", "客户", "zh"));
    assert!(!named("the word \"client\" here", "client", "en"));
    assert!(!named("слова «клиент» и «клиент»", "клиент", "ru"));
    assert!(!named("打开「客户」页面。", "客户", "zh"));
    assert!(!named("很多译文写成了“客户或客户”。", "客户", "zh"));
    assert!(!named(
        "He said \"Customers come first. Always.\"",
        "Customers",
        "en"
    ));
    assert!(!named(
        "a \"Customer\" b \"x\" customer c",
        "customer",
        "en"
    ));
}

#[test]
fn capitalised_runs_are_names_except_at_a_sentence_start() {
    assert!(named(
        "Sign in to Customer Identity Cloud today.",
        "Customer",
        "en"
    ));
    assert!(named("Then install React DOM Client.", "Client", "en"));
    assert!(named("Open the Client Portal app.", "Client", "en"));
    assert!(named(
        "Customer Identity Cloud stores it.",
        "Customer",
        "en"
    ));
    assert!(!named("Customer Profiles lets you work.", "Customer", "en"));
    assert!(!named("Customers love us.", "Customers", "en"));
    assert!(!named(
        "> A NOTE FOR OUR NEW CUSTOMERS: read it.",
        "CUSTOMERS",
        "en"
    ));
    assert!(!named(
        "Клиенты Dynamics 365 Commerce используют его.",
        "Клиенты",
        "ru"
    ));
    assert!(named(
        "Откройте Личный Кабинет Клиента сейчас.",
        "Клиента",
        "ru"
    ));
    assert!(!named("- Customers: see below.", "Customers", "en"));
    assert!(!named("Intro. Our Customers come back.", "Customers", "en"));
    assert!(!named("## Manage Your Customers\n", "Customers", "en"));
    assert!(named(
        "## Sign in to Customer Portal and more here\n",
        "Customer",
        "en"
    ));
    assert!(!named("## Sign In to Customer Portal\n", "Customer", "en"));
    assert!(!named(
        "| Customer Name |\n|---|\n| x |\n",
        "Customer",
        "en"
    ));
}

#[test]
fn a_capitalised_run_may_wrap_across_a_line_break() {
    assert!(named(
        "Plan the work in the Acme Project\nClient before you share it.",
        "Client",
        "en"
    ));
    assert!(named(
        "Plan the work in the Acme\nProject Client before you share it.",
        "Client",
        "en"
    ));
    assert!(named(
        "Plan the work in the Acme Project \nClient before you share it.",
        "Client",
        "en"
    ));
    // A new block is not the same sentence: a list item, a heading, a
    // table row or a blank line stops the run.
    for text in [
        "Plan the work in Acme Project\n- Client calls come first.",
        "Plan the work in Acme Project\n\nClient calls come first.",
        "# Acme Project\nClient calls come first.",
        "| Acme Project |\nClient calls come first.",
    ] {
        let client = text.rfind("Client").unwrap();
        let headings = crate::markdown::outline(text).headings;
        assert!(
            !is_name(text, &headings, "en", Span::new(client, client + 6)),
            "{text:?}"
        );
    }
}

#[test]
fn a_long_wrapped_line_is_read_without_splitting_a_character() {
    // The line is cut around the term inside its Cyrillic letters; the
    // lines beside it are not reached from there.
    let long = "Ж".repeat(700);
    for text in [
        format!("{long} Acme Client {long}\nnext line"),
        format!("first line\n{long} Acme Client {long}"),
    ] {
        assert!(named(&text, "Client", "en"), "{}", text.len());
    }
}

#[test]
fn parties_are_capitalised_mid_sentence() {
    assert!(named(
        "Исполнитель передаёт Заказчику результат.",
        "Заказчику",
        "ru"
    ));
    assert!(named("Then the Client shall pay.", "Client", "en"));
    assert!(!named("Заказчик обязуется оплатить.", "Заказчик", "ru"));
    assert!(!named("  • Заказчик — тот, кто платит.", "Заказчик", "ru"));
    assert!(!named("Then a Client may pay.", "Client", "en"));
    assert!(!named("## Права Заказчика\n", "Заказчика", "ru"));
    assert!(!named("Then the CLIENT shall pay.", "CLIENT", "en"));
}

#[test]
fn code_names_that_words_let_through_are_code() {
    for (text, word) in [
        ("Set Customer.Name now.", "Customer"),
        ("Call Client#send now.", "Client"),
        ("Call Customer::new now.", "Customer"),
        ("Read /api/customer-id/x now.", "customer"),
        ("Open ?customer=1 now.", "customer"),
    ] {
        let mut prose = crate::markdown::ProseMap::new(text.len());
        prose.add(Span::new(0, text.len()));
        assert!(in_code_name(text, &prose, span_of(text, word)), "{text}");
    }
    for (text, word) in [
        ("Ask the customer. Then go.", "customer"),
        ("A client/vendor choice.", "client"),
        ("customer-facing teams", "customer"),
    ] {
        let mut prose = crate::markdown::ProseMap::new(text.len());
        prose.add(Span::new(0, text.len()));
        assert!(!in_code_name(text, &prose, span_of(text, word)), "{text}");
    }
}

#[test]
fn a_bold_field_given_a_marked_value_is_a_label() {
    assert!(named("将 **客户分组** 设置为 **零售**。", "客户", "zh"));
    assert!(named(
        "当 **允许客户退货** 选项设置为 **是** 时，系统会创建退货单。",
        "客户",
        "zh"
    ));
    assert!(named(
        "Set the **Client group** to **Retail**.",
        "Client",
        "en"
    ));
    assert!(named(
        "Для свойства **Разрешить клиенту оплату частями после подтверждения заказа** задайте значение **Нет**.",
        "клиенту",
        "ru"
    ));
    assert!(named(
        "В **группе налогов клиента** выберите **Розница**.",
        "клиента",
        "ru"
    ));
    assert!(named("- **客户编号**：*C-042*", "客户", "zh"));
    assert!(named("- **Номер клиента**: `C-042`", "клиента", "ru"));
}

#[test]
fn a_bold_term_given_no_marked_value_is_still_checked() {
    assert!(!named("**客户**可以随时退货。", "客户", "zh"));
    assert!(!named("- **客户**：购买商品的人。", "客户", "zh"));
    assert!(!named(
        "- **客户**：**购买商品并付款的人，无论是否注册。**",
        "客户",
        "zh"
    ));
    assert!(!named(
        "将 **客户** 设置为 VIP 后可以享受折扣。",
        "客户",
        "zh"
    ));
    assert!(!named(
        "Для **постоянных клиентов** укажите **скидку 5 %**.",
        "клиентов",
        "ru"
    ));
    assert!(!named("We told **clients** to **wait**.", "clients", "en"));
    assert!(!named(
        "- **Наши клиенты:** *все, кто платит*",
        "клиенты",
        "ru"
    ));
    assert!(!named(
        "- **Clients**: *the people we serve, all of them, every day*",
        "Clients",
        "en"
    ));
}

#[test]
fn a_versioned_term_is_an_entity_name() {
    assert!(named("| Клиенты V2 | сущность |", "Клиенты", "ru"));
    assert!(named(
        "Сущность Клиенты v3.1 заменяет прежнюю.",
        "Клиенты",
        "ru"
    ));
    assert!(named("| 客户 V2 | 实体 |", "客户", "zh"));
    assert!(!named("| клиенты v2 | сущность |", "клиенты", "ru"));
    assert!(!named(
        "Клиенты 2 раза в год получают скидку.",
        "Клиенты",
        "ru"
    ));
    assert!(!named("Клиенты VIP получают скидку.", "Клиенты", "ru"));
    assert!(!named("Клиенты v. конкуренты", "Клиенты", "ru"));
}

#[test]
fn a_list_item_under_a_ui_column_header_is_a_name() {
    let ru = "| Рабочая область | Визуализации |\n| --- | --- |\n\
              | Продажи | <ul><li>Выручка по клиентам за прошлый и текущий год</li><li>Новые заказы</li></ul> |\n";
    assert!(named(ru, "клиентам", "ru"));
    let zh = "| 工作区 | 报表 |\n| --- | --- |\n| 销售 | <ul><li>按客户分类的收入</li><li>新订单</li></ul> |\n";
    assert!(named(zh, "客户", "zh"));
    let en = "| Workspace | Report pages |\n|---|---|\n| Sales | <ul><li>Top clients</li></ul> |\n";
    assert!(named(en, "clients", "en"));
    // A whole cell of a few words under such a header is a name too; a
    // cell that holds a sentence is a description.
    let cell = "| 任务 | 页面名称 | 用法 |\n|---|---|---|\n| 设置 | 客户分组 | 创建分组。 |\n";
    assert!(named(cell, "客户", "zh"));
    let field = "| Поле | Описание |\n|---|---|\n| Код НДС клиента | 4, 1, 5 |\n";
    assert!(named(field, "клиента", "ru"));
    let said = "| Поле | Описание |\n|---|---|\n| Клиент платит сразу. | Да |\n";
    assert!(!named(said, "Клиент", "ru"));
    let long = "| Поле | Описание |\n|---|---|\n\
                | Счет клиента для оплаты всех заказов за прошлый и текущий год | Да |\n";
    assert!(!named(long, "клиента", "ru"));
    let lines = "| Тип | Отображаемое имя |\n|---|---|\n| Журнал | Платежи поставщика<br> Платежи клиента |\n";
    assert!(named(lines, "клиента", "ru"));
    // The header says who the items are: people, not pages.
    let described = "| Страница | Описание |\n|---|---|\n| Заказы | Клиенты видят свои заказы |\n";
    assert!(!named(described, "Клиенты", "ru"));
    let people = "| Сегмент | Кто входит |\n| --- | --- |\n\
                  | Розница | <ul><li>Новые клиенты</li><li>Постоянные клиенты</li></ul> |\n";
    assert!(!named(people, "клиенты", "ru"));
    let zh_people = "| 分组 | 成员 |\n| --- | --- |\n| 零售 | <ul><li>新客户</li></ul> |\n";
    assert!(!named(zh_people, "客户", "zh"));
    // A sentence in a list item is prose, whatever the header.
    let sentence =
        "| 工作区 | 报表 |\n| --- | --- |\n| 销售 | <ul><li>客户可以随时退货。</li></ul> |\n";
    assert!(!named(sentence, "客户", "zh"));
    // A list outside a table is not a cell.
    assert!(!named("<ul><li>Новые клиенты</li></ul>", "клиенты", "ru"));
}

#[test]
fn a_chinese_label_spaced_from_its_ui_noun_is_a_label() {
    assert!(named("将联系人与 **客户** 行关联。", "客户", "zh"));
    assert!(named("在表中找到 **客户** 列。", "客户", "zh"));
    assert!(named("启用 **客户确认** 选项。", "客户", "zh"));
    assert!(!named("**客户**行为分析很重要。", "客户", "zh"));
    assert!(!named("关注 **客户** 行为的变化。", "客户", "zh"));
    assert!(!named("**客户** 列出了他们的需求。", "客户", "zh"));
    assert!(named("开始使用 **客户** 表存储供应商信息。", "客户", "zh"));
    assert!(!named("**客户** 表示同意后再发货。", "客户", "zh"));
}

#[test]
fn a_label_before_a_table_template_or_entity_is_a_label() {
    assert!(named("我们建议您使用 **客户发票行** 实体。", "客户", "zh"));
    assert!(named("使用 **客户付款结果** 模板。", "客户", "zh"));
    assert!(named(
        "Open the **Customer** table first.",
        "Customer",
        "en"
    ));
    assert!(named("Заполните таблицу **Клиенты**.", "Клиенты", "ru"));
    // Bold alone, with no such noun, is emphasis.
    assert!(!named("将订单发给 **客户**。", "客户", "zh"));
}

#[test]
fn a_chinese_label_a_step_chooses_from_is_a_label() {
    assert!(named("从 **客户付款模板** 选择一个模板。", "客户", "zh"));
    assert!(named("从 **客户组** 中选择一个组。", "客户", "zh"));
    assert!(!named("从**客户**选择的商品中挑出三件。", "客户", "zh"));
    assert!(!named("从 **客户** 选择了我们的那天起。", "客户", "zh"));
}

#[test]
fn a_long_bold_label_just_after_a_ui_noun_is_a_label() {
    assert!(named(
        "Заполните поле **Адрес доставки клиента по умолчанию для новых заказов**.",
        "клиента",
        "ru"
    ));
    assert!(named(
        "Fill in the field **Default delivery address of the client for new orders**.",
        "client",
        "en"
    ));
    assert!(!named(
        "**Клиенты всегда получают лучшее обслуживание в нашем городе**.",
        "Клиенты",
        "ru"
    ));
    assert!(!named(
        "See the list **Clients who pay on time, as we said, get a discount**.",
        "Clients",
        "en"
    ));
    assert!(!named(
        "Remember: **Clients always get the best service in town**.",
        "Clients",
        "en"
    ));
}

#[test]
fn a_lowercase_quote_a_ui_noun_introduces_is_a_label() {
    assert!(named(
        "Настройте модуль \"расчеты с клиентами\" и \"расчеты с поставщиками\".",
        "клиентами",
        "ru"
    ));
    assert!(named(
        "Настройте модули \"расчеты с поставщиками\" и \"расчеты с клиентами\".",
        "клиентами",
        "ru"
    ));
    assert!(named(
        "Откройте раздел «карточки клиентов», затем сохраните.",
        "клиентов",
        "ru"
    ));
    assert!(!named(
        "Мы говорим \"клиенты\", а не \"покупатели\".",
        "клиенты",
        "ru"
    ));
    assert!(!named("Замените слово «клиент» везде.", "клиент", "ru"));
    assert!(!named(
        "Мы пишем \"поставщики\" и \"клиенты\" по-разному.",
        "клиенты",
        "ru"
    ));
}

#[test]
fn a_quoted_tree_path_is_a_name() {
    assert!(named(
        "Разверните узел \"Отчеты по продажам\\Платежи клиента по месяцам (архив)\".",
        "клиента",
        "ru"
    ));
    assert!(named(
        "Expand \"Reports of the year\\Client payments by month\" in the tree.",
        "Client",
        "en"
    ));
    assert!(!named(
        "Пишите \"клиенты\\покупатели\" единообразно.",
        "клиенты",
        "ru"
    ));
    assert!(!named(
        "He wrote \"Clients \\ partners and all the others we serve\" on the board.",
        "Clients",
        "en"
    ));
}

/// Which of the table, value, tree-path, quote and Chinese label shapes
/// names each finding listed in the file `CLIENTELE_REMOVED` (`business,
/// folder, path, start, end, …` per line, paths under ../shared/corpus):
/// the count per shape and folder that README's "Findings precision"
/// gives. Run with `CLIENTELE_REMOVED=FILE cargo test --lib
/// shapes_of_removed_findings -- --ignored --nocapture`.
#[test]
#[ignore = "reads a list of findings from CLIENTELE_REMOVED"]
fn shapes_of_removed_findings() {
    let Some(corpus) = crate::testing::shared("corpus") else {
        return;
    };
    let list = std::env::var("CLIENTELE_REMOVED").expect("CLIENTELE_REMOVED names a file");
    let list = std::fs::read_to_string(list).expect("CLIENTELE_REMOVED is readable");
    let mut counts: std::collections::BTreeMap<(String, String, &str), usize> =
        std::collections::BTreeMap::new();
    for line in list.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let text = std::fs::read_to_string(corpus.join(f[2])).expect("a corpus file");
        let span = Span::new(
            f[3].parse().expect("a start"),
            f[4].parse().expect("an end"),
        );
        let lang = &f[1][..2];
        let marked = super::super::labels::marked_span(&text, span);
        let quote = quoted(&text, span);
        let shape = if cells::versioned(&text, span) {
            "version"
        } else if cells::listed_under_ui_header(&text, lang, span) {
            "table item"
        } else if values::field_given_value(&text, lang, span) {
            "field value"
        } else if quote.is_some_and(|q| tree_path(&text[q.start..q.end])) {
            "tree path"
        } else if quote.is_some_and(|q| super::super::labels::quote_after_noun(&text, lang, q)) {
            "quote after noun"
        } else if marked
            .is_some_and(|(inner, _)| super::super::labels::spaced_noun(&text[inner.end..]))
        {
            "spaced noun"
        } else if marked
            .is_some_and(|(inner, _)| super::super::labels::chosen_from(&text, lang, inner))
        {
            "chosen from"
        } else if marked.is_some_and(|(inner, _)| {
            !super::super::labels::short(&text[inner.start..inner.end], false)
                && super::super::labels::noun_just_before(&text, lang, inner)
        }) {
            "long label after noun"
        } else {
            "new cue words"
        };
        println!("{shape}\t{line}");
        *counts
            .entry((f[0].to_owned(), f[1].to_owned(), shape))
            .or_default() += 1;
    }
    for ((business, folder, shape), n) in counts {
        println!("COUNT\t{business}\t{folder}\t{shape}\t{n}");
    }
}

#[test]
fn a_bold_name_leading_a_list_item_is_a_label() {
    assert!(named(
        "- **Платежи клиентов** — суммируются платежи.",
        "клиентов",
        "ru"
    ));
    assert!(named(
        "- **客户订阅详细信息**：订阅和套餐的详细视图",
        "客户",
        "zh"
    ));
    assert!(named("1. **Customer tier**: pick one.", "Customer", "en"));
    assert!(named("- **Информация о клиенте**", "клиенте", "ru"));
    // A glossary defines the role: the term alone, or with a possessive.
    assert!(!named("- **客户**：购买商品的人。", "客户", "zh"));
    assert!(!named(
        "- **Наши клиенты** — все, кто платит.",
        "клиенты",
        "ru"
    ));
    assert!(!named(
        "- **Our clients** — everyone who pays.",
        "clients",
        "en"
    ));
    // Emphasis, a sentence in bold, or a bold span inside the item.
    assert!(!named(
        "- **постоянные клиенты** — скидка 5 %.",
        "клиенты",
        "ru"
    ));
    assert!(!named(
        "- **Can a client pay later?** Yes, within a week.",
        "client",
        "en"
    ));
    assert!(!named(
        "- We call them **regular clients** — they buy weekly.",
        "clients",
        "en"
    ));
    assert!(!named(
        "- **New clients** get a discount on the first order.",
        "clients",
        "en"
    ));
}

#[test]
fn a_number_field_in_bold_is_a_label() {
    assert!(named(
        "Заполните **№ клиента плательщика** и сохраните.",
        "клиента",
        "ru"
    ));
    assert!(!named(
        "Заполните **номер клиента** и сохраните.",
        "клиента",
        "ru"
    ));
}

#[test]
fn a_chinese_term_between_a_brand_and_a_name_head_is_a_name() {
    assert!(named("请签署新的 Microsoft 客户协议。", "客户", "zh"));
    assert!(named("购买 Dynamics 365 客户服务。", "客户", "zh"));
    assert!(named("[Microsoft 客户协议](agreements.md)", "客户", "zh"));
    // A list item's marker is no part of the brand.
    assert!(named("- Microsoft 客户协议常见问题解答", "客户", "zh"));
    assert!(named("* Dynamics 365 客户服务", "客户", "zh"));
    // The brand's customers, not a product.
    assert!(!named("所有 Shopify 客户都能退货。", "客户", "zh"));
    assert!(!named("将 Shopify 客户同步到系统。", "客户", "zh"));
    // A head with no brand before it is a plain compound.
    assert!(!named("请客户签署协议后再发货。", "客户", "zh"));
    assert!(!named("新客户协议自下月起生效。", "客户", "zh"));
}

/// The terms of `text` that are not read as part of a name.
fn not_names(text: &str) -> Vec<String> {
    let lexicon = crate::lexicon::Lexicon::builtin().unwrap();
    crate::lint::occurrences(text, &lexicon, &crate::config::Settings::default())
        .iter()
        .filter(|o| o.reason != Reason::Name)
        .map(|o| text[o.span.start..o.span.end].to_owned())
        .collect()
}

#[test]
fn bold_names_listed_together_are_labels() {
    assert!(not_names("针对 **客户**、**联系人** 和 **供应商** 记录准备数据。").is_empty());
    assert!(not_names("可以使用 **供应商** 和 **客户** 作为筛选属性。").is_empty());
    assert!(not_names("Match **Vendors** and **Customers** first.").is_empty());
    // Two terms side by side are the rules' to read.
    assert_eq!(
        not_names("我们的 **客户** 和 **顾客** 不同。"),
        ["客户", "顾客"]
    );
    // Lowercase bold words are emphasis.
    assert_eq!(
        not_names("Tell **clients** and **partners** first."),
        ["clients"]
    );
}

#[test]
fn parties_of_two_roles_in_one_contract_are_no_names() {
    // One party, however often named, is a name.
    assert!(
        not_names("The Supplier delivers to the Customer. The Customer pays in 30 days.")
            .is_empty()
    );
    assert!(
        not_names("Исполнитель передаёт Заказчику отчёт, а Заказчик его подписывает.").is_empty()
    );
    // A contract names each party once: a second role is a slip.
    assert_eq!(
        not_names("The Designer works for the Client. Later the Customer pays."),
        ["Client", "Customer"]
    );
    assert_eq!(
        not_names("Исполнитель передаёт Заказчику отчёт, а Клиент подписывает акт."),
        ["Заказчику", "Клиент"]
    );
}
