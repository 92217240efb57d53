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
        let prose = [Span::new(0, text.len())];
        assert!(in_code_name(text, &prose, span_of(text, word)), "{text}");
    }
    for (text, word) in [
        ("Ask the customer. Then go.", "customer"),
        ("A client/vendor choice.", "client"),
        ("customer-facing teams", "customer"),
    ] {
        let prose = [Span::new(0, text.len())];
        assert!(!in_code_name(text, &prose, span_of(text, word)), "{text}");
    }
}
