//! UI labels in localised product documentation: a field given a value,
//! a report's items listed in a table, an entity's version, a tree path,
//! a quote a UI noun introduces and Chinese labels parted from their cue
//! by a space are names; the same words in a business sentence are
//! flagged.

use crate::support::matched_in;

const TRANSACTIONAL: &str = "business = \"transactional\"\n";

/// The words `wrong-term` flags in `doc` with a transactional business.
fn wrong_terms(doc: &str) -> Vec<String> {
    matched_in(TRANSACTIONAL, doc, "wrong-term")
}

#[test]
fn a_field_given_a_value_is_a_name_and_emphasis_is_checked() {
    let doc = "Для свойства **Разрешить клиенту оплату частями после подтверждения заказа** \
               задайте значение **Нет**.\n\n\
               - **Счет клиента:** *C-042*\n\n\
               将 **客户分组** 设置为 **零售**。\n\n\
               Для **постоянных клиентов** укажите **скидку 5 %**.\n\n\
               **客户**可以随时退货。\n";
    assert_eq!(wrong_terms(doc), ["клиентов", "客户"]);
}

#[test]
fn table_items_under_a_ui_header_and_versioned_entities_are_names() {
    let doc = "| Рабочая область | Визуализации |\n| --- | --- |\n\
               | Продажи | <ul><li>Выручка по клиентам за год</li><li>Новые заказы</li></ul> |\n\n\
               | Сущность | Таблица |\n| --- | --- |\n| Клиенты V2 | счета |\n\n\
               | Сегмент | Кто входит |\n| --- | --- |\n\
               | Розница | <ul><li>Новые клиенты</li></ul> |\n";
    assert_eq!(wrong_terms(doc), ["клиенты"]);
}

#[test]
fn a_short_whole_cell_under_a_ui_header_is_a_name_and_a_description_is_not() {
    let doc = "| Поле | Описание |\n| --- | --- |\n\
               | Код банковского счета клиента | Счет, с которого клиент платит. |\n\n\
               | Страница | Описание |\n| --- | --- |\n\
               | Заказы | Клиенты видят свои заказы здесь. |\n";
    assert_eq!(wrong_terms(doc), ["клиент", "Клиенты"]);
}

#[test]
fn tree_paths_and_quotes_a_ui_noun_introduces_are_names() {
    let doc = "Разверните узел \"Отчеты по продажам\\Платежи клиента по месяцам (архив)\".\n\n\
               Настройте модули \"расчеты с поставщиками\" и \"расчеты с клиентами\".\n\n\
               Мы говорим \"клиенты\" уже десять лет.\n";
    assert_eq!(wrong_terms(doc), ["клиенты"]);
}

#[test]
fn chinese_labels_spaced_from_their_cue_or_chosen_from_are_names() {
    let doc = "将联系人与 **客户** 行关联。\n\n\
               从 **客户付款模板** 选择一个模板。\n\n\
               关注 **客户** 行为的变化。\n";
    assert_eq!(wrong_terms(doc), ["客户"]);
}

#[test]
fn lowercase_fields_actions_values_and_chinese_compounds_in_bold_are_names() {
    let doc = "В поле **счет клиента** выберите запись.\n\n\
               Нажмите **создать клиента** на панели действий.\n\n\
               Включите функцию **Разрешить клиентам оплату частями**.\n\n\
               Тип = **Клиент**\n\n\
               您应该会看到新的 **客户帐户** 付款方式。\n\n\
               您會看到新的 **客戶帳戶** 付款方式。\n\n\
               将 **默认买方** 字段设置为 **客户**。\n\n\
               Мы работаем только с **заказчиками**, а **клиенты** ждут.\n\n\
               本店**客户可随时退货**，**新客户**另有优惠。\n";
    assert_eq!(wrong_terms(doc), ["клиенты", "客户", "客户"]);
}
