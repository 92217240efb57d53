//! What counts as prose in the markup around it, through the binary: math
//! is not prose, the text inside HTML blocks and MDX components is, their
//! tags and attributes are not, and attributes never decide a sense.

use std::fs;

use crate::support::{clientele, pairs, tree, wrong_terms};

const RELATIONSHIP: &str = "business = \"relationship\"\n";
const TRANSACTIONAL: &str = "business = \"transactional\"\n";

/// Customers inside a component, beside math, attributes and prices.
const EN: &str = "# Exports

<Note type=\"info\" title=\"customer\">
Our customers can export their invoices.
</Note>

<Card href=\"/customer\" label={customer.name}>
{customer.id} Each customer sees the totals.
</Card>

The formula $customer + 1$ and $$customer^2$$ is not prose.

$$
customer
$$

Plans cost $5 and $10, and the customer pays monthly.
";

const RU: &str = "# Выгрузка

<Note type=\"info\" title=\"покупатель\">
Наши покупатели выгружают счета.
</Note>

<Card href=\"/покупатель\" label={покупатель.имя}>
{покупатель.id} Каждый покупатель видит итоги.
</Card>

Формула $покупатель + 1$ и $$покупатель^2$$ не текст.

$$
покупатель
$$

Тарифы стоят $5 и $10, и покупатель платит раз в месяц.
";

const ZH: &str = "# 导出

<Note type=\"info\" title=\"顾客\">
我们的顾客可以导出发票。
</Note>

<Card href=\"/顾客\" label={顾客.名字}>
{顾客.id} 每位顾客都能看到总额。
</Card>

公式 $顾客 + 1$ 和 $$顾客^2$$ 不是正文。

$$
顾客
$$

套餐 $5 和 $10，顾客按月付款。
";

#[test]
fn component_text_is_checked_and_math_and_attributes_are_not() {
    let dir = tree(&[
        ("clientele.toml", RELATIONSHIP),
        ("en.md", EN),
        ("ru.md", RU),
        ("zh.md", ZH),
    ]);
    assert_eq!(
        wrong_terms(dir.path()),
        pairs(&[
            ("en.md", "customers"),
            ("en.md", "customer"),
            ("en.md", "customer"),
            ("ru.md", "покупатели"),
            ("ru.md", "покупатель"),
            ("ru.md", "покупатель"),
            ("zh.md", "顾客"),
            ("zh.md", "顾客"),
            ("zh.md", "顾客"),
        ])
    );
}

#[test]
fn fix_rewrites_component_text_and_leaves_math_and_attributes_alone() {
    let dir = tree(&[
        ("clientele.toml", RELATIONSHIP),
        ("en.md", EN),
        ("ru.md", RU),
        ("zh.md", ZH),
    ]);
    clientele(dir.path()).arg("--fix").assert().success();
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    let fixed = |text: &str, lines: &[(&str, &str)]| {
        let mut text = text.to_owned();
        for (from, to) in lines {
            assert_eq!(text.matches(from).count(), 1, "{from}");
            text = text.replace(from, to);
        }
        text
    };
    assert_eq!(
        read("en.md"),
        fixed(
            EN,
            &[
                ("Our customers can", "Our clients can"),
                ("Each customer sees", "Each client sees"),
                ("the customer pays", "the client pays"),
            ]
        )
    );
    assert_eq!(
        read("ru.md"),
        fixed(
            RU,
            &[
                ("Наши покупатели", "Наши клиенты"),
                ("Каждый покупатель", "Каждый клиент"),
                ("и покупатель платит", "и клиент платит"),
            ]
        )
    );
    assert_eq!(
        read("zh.md"),
        fixed(
            ZH,
            &[
                ("我们的顾客", "我们的客户"),
                ("每位顾客", "每位客户"),
                ("，顾客按月", "，客户按月"),
            ]
        )
    );
}

#[test]
fn an_attribute_never_decides_the_sense_of_a_term() {
    // With a transactional business, `client` in the business sense is
    // wrong; technical cues in the sentence would make it technical.
    let dir = tree(&[
        ("clientele.toml", TRANSACTIONAL),
        (
            "en.md",
            "Our client <span class=\"server proxy\">waits</span> here.\n\n\
             <Note type=\"server\" icon=\"proxy\">\nThe client waits.\n</Note>\n",
        ),
        (
            "ru.md",
            "Наш клиент <span class=\"сервер прокси\">ждёт</span> здесь.\n\n\
             <Note type=\"сервер\" icon=\"прокси\">\nКлиент ждёт.\n</Note>\n",
        ),
        (
            "zh.md",
            "我们的客户<span class=\"服务器 接口\">在等</span>。\n\n\
             <Note type=\"服务器\" icon=\"接口\">\n客户在等。\n</Note>\n",
        ),
    ]);
    assert_eq!(
        wrong_terms(dir.path()),
        pairs(&[
            ("en.md", "client"),
            ("en.md", "client"),
            ("ru.md", "клиент"),
            ("ru.md", "Клиент"),
            ("zh.md", "客户"),
            ("zh.md", "客户"),
        ])
    );
    // The same cues in the prose still make the terms technical.
    let dir = tree(&[
        ("clientele.toml", TRANSACTIONAL),
        (
            "en.md",
            "<Note type=\"info\">\nThe client sends a request to the server.\n</Note>\n",
        ),
        (
            "ru.md",
            "<Note type=\"info\">\nКлиент отправляет запрос серверу.\n</Note>\n",
        ),
        (
            "zh.md",
            "<Note type=\"info\">\n客户向服务器发送请求。\n</Note>\n",
        ),
    ]);
    assert_eq!(wrong_terms(dir.path()), pairs(&[]));
}
