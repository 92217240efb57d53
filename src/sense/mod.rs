//! In which sense each term is used: the business sense the rules check,
//! or a technical one they leave alone.
//!
//! The matcher already knows the phrases of the packs (`HTTP client`,
//! `客户端`, `customer service`). For the terms of the roles a pack's
//! `[sense]` section lists, [`classify`] then reads the words around each
//! remaining bare term, nearest first:
//!
//! 1. a term inside a code or file name (`Nav.Client.Chart`,
//!    `Web-Client.md`) is technical;
//! 2. its sentence: the weights of the technical cues (`server`,
//!    `request`, `сервер`, `请求`) against those of the business cues
//!    (`invoice`, `договор`, `订单`), cues next to the term counting
//!    double; business wins on any lead made with a cue above the weak
//!    ones; technical needs a lead of 2, technical cues worth 2 and one
//!    cue above the weak ones; weak business cues alone do not count
//!    beside a strong technical cue next to the term;
//! 3. on a tie (most often: no cue at all), its paragraph, then the
//!    heading of its section, or for a term in a heading the section under
//!    it;
//! 4. still undecided, the other uses of classified terms of its language
//!    in the document that cues or code names decided: more technical than
//!    business makes it technical (one sense per discourse). Phrases do not
//!    vote: `客户端` in a document says nothing about its bare `客户`;
//! 5. otherwise it keeps the business sense, so that context never hides a
//!    use nothing argues against.
//!
//! [`AllowList`] applies the configured `[allow] phrases` on top.

mod allow;
pub(crate) mod contrasted;
mod labels;
mod names;
mod window;

pub(crate) use allow::AllowList;
pub(crate) use names::mark_names;

use crate::diagnostic::SenseNote;
use crate::lexicon::{CueHit, Folded, LangId, Lexicon, Occurrence, Reason, Scope, Sense};
use crate::markdown::ProseMap;
use crate::span::Span;

/// By how much the technical cues of a stretch must outweigh the business
/// cues to make a term technical, and how much they must weigh by
/// themselves: one hint (a weight of 1) is never enough, so that context
/// hides no business use on a passing mention of software.
const TECHNICAL_MARGIN: i32 = 2;

/// The weight of a weak cue (`need`, `help`, `trust`; `run`, `send`,
/// `message`): words that go with people and with programs alike. Weak
/// cues alone never decide a stretch, on either side, however many it
/// holds: "the client needs a redirect URI" is about a program, and "each
/// client sends timesheets … the run moves" about people.
const WEAK: u8 = 1;

/// The weight from which a technical cue next to a term is strong evidence
/// (`OAuth`, `server`, `redirect URI`): unless a business cue above the
/// weak ones backs them, weak business cues in the same stretch then count
/// for nothing, so that "we trust the TLS client" is not read as a person.
const STRONG: u8 = 3;

/// How far the section under a heading is read for a term in that
/// heading, in bytes.
const SECTION_REACH: usize = 1500;

/// The verdict of the cues in one stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Verdict {
    sense: Sense,
    reason: Reason,
}

/// A window that was read, in which language, and the cues found in it.
type Found = (Option<(Span, LangId)>, Vec<CueHit>);

/// Reads the context of one document's terms, reusing its buffers and the
/// cues it found last (the terms of one sentence share them).
struct Reader<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    folded: Folded,
    /// Per scope (sentence, paragraph, heading): the last window read in
    /// it, its language, and the cues found there.
    found: [Found; 4],
    /// The last sentence and paragraph found, for the terms after.
    sentence: Option<window::Window>,
    paragraph: Option<window::Window>,
    /// The prose of the text: cue words count only there.
    prose: &'a ProseMap,
    /// Where the terms are, sorted: a cue word inside one does not count.
    terms: Vec<Span>,
}

impl Reader<'_> {
    /// The verdict of the cues of `window` (a `scope` around
    /// `occurrence`), or `None` when they do not tell.
    fn weigh(&mut self, window: Span, scope: Scope, occurrence: &Occurrence) -> Option<Verdict> {
        let cues = self.lexicon.cues();
        let lang = self.lexicon.term(occurrence.term).lang;
        let (key, hits) = &mut self.found[scope as usize];
        if *key != Some((window, lang)) {
            let slice = window.slice(self.text)?;
            self.folded.fold(slice);
            hits.clear();
            let words = self.lexicon.language(lang).word_boundaries;
            cues.find(self.text, window.start, &self.folded, lang, words, hits);
            *key = Some((window, lang));
            if !hits.is_empty() {
                // Cue words come from prose only: a window is raw text, and
                // may hold code, math or an HTML attribute
                // (`<div class="server">`).
                // Nor is a cue inside a term a cue: `покупателем` holds
                // the cue `покупа*`, and a fix that writes it must not
                // change how the terms beside it read, or a second pass
                // would fix a term nobody was shown. A cue that holds a
                // term (`client portal`) still counts.
                let (prose, terms) = (self.prose, &self.terms);
                hits.retain(|hit| prose.contains(hit.at) && !inside(terms, hit.at, hit.end));
            }
        }
        let hits = &self.found[scope as usize].1;
        // What a possessive term owns tells who it is: a program has
        // requests and certificates, a person has orders and invoices
        // ("fetch a client's order history" in an API guide).
        if let Some(owned) = owned_cue(self.text, occurrence.span, hits)
            && cues.cue(owned.cue).sense == Sense::Business
            && cues.cue(owned.cue).weight > WEAK
        {
            return Some(Verdict {
                sense: Sense::Business,
                reason: Reason::Cue {
                    cue: owned.cue,
                    scope,
                },
            });
        }
        // Weak cues alone decide nothing on either side: a paragraph about
        // people that runs, sends and updates things is no program.
        let firm = |technical: bool| {
            hits.iter().any(|hit| {
                let cue = cues.cue(hit.cue);
                (cue.sense == Sense::Technical) == technical && cue.weight > WEAK
            })
        };
        let firm_business = firm(false);
        // A product name right before the term ("the Typewriter client")
        // weighs as a strong technical cue next to it: business cues of the
        // sentence can still outweigh it ("Contoso clients get a discount").
        let product = after_product(self.text, occurrence.span);
        let strong_technical = !firm_business
            && (product
                || hits.iter().any(|hit| {
                    let cue = cues.cue(hit.cue);
                    cue.sense == Sense::Technical
                        && cue.weight >= STRONG
                        && near(self.text, hit.at, occurrence.span)
                }));
        // `net` weighs cues near the term double; `technical` is the plain
        // sum of the technical weights.
        let strong = i32::from(STRONG);
        let (mut net, mut technical) = if product {
            (2 * strong, strong)
        } else {
            (0, 0)
        };
        for hit in hits {
            let cue = cues.cue(hit.cue);
            let business = cue.sense != Sense::Technical;
            if business && cue.weight <= WEAK && strong_technical {
                continue;
            }
            let weight = i32::from(cue.weight);
            let counted = if near(self.text, hit.at, occurrence.span) {
                2 * weight
            } else {
                weight
            };
            if business {
                net -= counted;
            } else {
                net += counted;
                technical += weight;
            }
        }
        let firm_technical = product || firm(true);
        let sense = if net >= TECHNICAL_MARGIN && technical >= TECHNICAL_MARGIN && firm_technical {
            Sense::Technical
        } else if net < 0 && firm_business {
            Sense::Business
        } else {
            return None;
        };
        if product && sense == Sense::Technical {
            return Some(Verdict {
                sense,
                reason: Reason::Phrase,
            });
        }
        // The strongest cue of the winning side, nearest the term.
        let decisive = hits
            .iter()
            .filter(|h| cues.cue(h.cue).sense == sense)
            .max_by_key(|h| {
                (
                    cues.cue(h.cue).weight,
                    std::cmp::Reverse(h.at.abs_diff(occurrence.span.start)),
                )
            })?;
        Some(Verdict {
            sense,
            reason: Reason::Cue {
                cue: decisive.cue,
                scope,
            },
        })
    }
}

/// The cue among `hits` that a possessive term at `span` owns: the word
/// right after `client's` or `clients’`, on the same line.
fn owned_cue<'h>(text: &str, span: Span, hits: &'h [CueHit]) -> Option<&'h CueHit> {
    let said = span.slice(text)?;
    let possessive = ["'s", "’s", "s'", "s’"]
        .iter()
        .any(|end| said.ends_with(end));
    if !possessive {
        return None;
    }
    let gap = text[span.end..]
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    if gap == 0 {
        return None;
    }
    hits.iter().find(|hit| hit.at == span.end + gap)
}

/// Whether `start..end` lies inside one of the sorted, disjoint `spans`.
fn inside(spans: &[Span], start: usize, end: usize) -> bool {
    let after = spans.partition_point(|span| span.start <= start);
    after
        .checked_sub(1)
        .and_then(|i| spans.get(i))
        .is_some_and(|span| end <= span.end)
}

/// How many characters from a term a cue counts double: the words next to
/// a term say more about it than the rest of its sentence.
const NEAR: usize = 24;

/// Whether the cue at `at` is within [`NEAR`] characters of `term`.
fn near(text: &str, at: usize, term: Span) -> bool {
    let (from, to) = if at < term.start {
        (at, term.start)
    } else if at >= term.end {
        (term.end, at)
    } else {
        // A user's cue may hold the term itself (`client app`).
        return true;
    };
    // A character takes one to four bytes: most distances need no count.
    match to - from {
        gap if gap <= NEAR => true,
        gap if gap > 4 * NEAR => false,
        _ => text
            .get(from..to)
            .is_some_and(|b| b.chars().nth(NEAR).is_none()),
    }
}

/// Decide the sense of every bare term of a classified role among
/// `occurrences` (in text order) of the Markdown `text`, whose headings
/// are `headings` and whose prose is `prose`.
pub(crate) fn classify(
    text: &str,
    headings: &[(u8, Span)],
    prose: &ProseMap,
    lexicon: &Lexicon,
    occurrences: &mut [Occurrence],
) {
    let cues = lexicon.cues();
    if !cues.any() {
        return;
    }
    let open = |o: &Occurrence| {
        o.sense == Sense::Business && o.reason == Reason::Default && cues.classifies(o.term)
    };
    if !occurrences.iter().any(open) {
        return;
    }
    let mut reader = Reader {
        text,
        lexicon,
        folded: Folded::default(),
        found: Default::default(),
        sentence: None,
        paragraph: None,
        prose,
        terms: occurrences.iter().map(|o| o.phrase).collect(),
    };
    let mut undecided = Vec::new();
    for (i, occurrence) in occurrences.iter_mut().enumerate() {
        if !open(occurrence) {
            continue;
        }
        match read(&mut reader, headings, occurrence) {
            Some(verdict) => {
                occurrence.sense = verdict.sense;
                occurrence.reason = verdict.reason;
            }
            None => undecided.push(i),
        }
    }
    if undecided.is_empty() {
        return;
    }
    // One sense per discourse: what the uses that cues and code names
    // decided say, per language. A name votes for nothing: a page called
    // **Clients** is a page whatever the shop calls its people.
    let mut votes: Vec<(LangId, i64)> = Vec::new();
    for o in occurrences.iter() {
        if !cues.classifies(o.term) || !matches!(o.reason, Reason::Cue { .. } | Reason::Identifier)
        {
            continue;
        }
        let lang = lexicon.term(o.term).lang;
        if o.reason != Reason::Identifier
            && names::is_name(text, headings, &lexicon.language(lang).code, o.span)
        {
            continue;
        }
        let vote = match o.sense {
            Sense::Technical => 1,
            Sense::Business => -1,
            Sense::Fixed | Sense::Allowed => continue,
        };
        let lang = lexicon.term(o.term).lang;
        match votes.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, total)) => *total += vote,
            None => votes.push((lang, vote)),
        }
    }
    for i in undecided {
        let lang = lexicon.term(occurrences[i].term).lang;
        if votes.iter().any(|&(l, total)| l == lang && total > 0) {
            occurrences[i].sense = Sense::Technical;
            occurrences[i].reason = Reason::Document;
        }
    }
}

/// The sense of `occurrence` and what decided it, for output.
pub(crate) fn note(lexicon: &Lexicon, occurrence: &Occurrence) -> SenseNote {
    let (by, cue, scope) = match occurrence.reason {
        Reason::Default => ("default", None, None),
        Reason::Phrase => ("phrase", None, None),
        Reason::Identifier => ("identifier", None, None),
        Reason::Cue { cue, scope } => (
            "cue",
            Some(lexicon.cues().cue(cue).word.clone()),
            Some(scope),
        ),
        Reason::Document => ("document", None, None),
        Reason::Allowed => ("allowed", None, None),
        Reason::Contrast => ("contrast", None, None),
        Reason::Name => ("name", None, None),
        Reason::Mention => ("mention", None, None),
    };
    SenseNote {
        sense: occurrence.sense,
        by,
        cue,
        scope,
    }
}

/// The sense of one bare term from its shape and its context, or `None`
/// when nothing there tells.
fn read(
    reader: &mut Reader<'_>,
    headings: &[(u8, Span)],
    occurrence: &Occurrence,
) -> Option<Verdict> {
    if in_identifier(reader.text, occurrence.span) {
        return Some(Verdict {
            sense: Sense::Technical,
            reason: Reason::Identifier,
        });
    }
    if after_include(reader.text, occurrence.span)
        || inside_program(reader.text, occurrence.span)
        || names_code(reader.text, occurrence.span)
    {
        return Some(Verdict {
            sense: Sense::Technical,
            reason: Reason::Phrase,
        });
    }
    let text = reader.text;
    let sentence = match reader.sentence {
        Some(known) if known.serves(occurrence.span) => known,
        _ => window::sentence(text, headings, occurrence.span),
    };
    reader.sentence = Some(sentence);
    if let Some(verdict) = reader.weigh(sentence.span, Scope::Sentence, occurrence) {
        return Some(verdict);
    }
    let paragraph = match reader.paragraph {
        Some(known) if known.serves(occurrence.span) => known,
        _ => window::paragraph(text, occurrence.span),
    };
    reader.paragraph = Some(paragraph);
    if paragraph.span != sentence.span
        && let Some(verdict) = reader.weigh(paragraph.span, Scope::Paragraph, occurrence)
    {
        return Some(verdict);
    }
    let at = headings.partition_point(|(_, h)| h.start <= occurrence.span.start);
    let (_, heading) = *headings.get(at.checked_sub(1)?)?;
    if !heading.contains(occurrence.span) {
        return reader.weigh(heading, Scope::Heading, occurrence);
    }
    // A term in a heading without cues ("## Client") is about what its
    // section is about.
    let end = headings
        .get(at)
        .map_or(text.len(), |(_, next)| next.start)
        .min(heading.end + SECTION_REACH);
    let end = crate::source::floor_char_boundary(text, end);
    if end <= heading.end {
        return None;
    }
    reader.weigh(Span::new(heading.end, end), Scope::Section, occurrence)
}

/// Whether the term at `span` is glued into a code name or a file name:
/// `Nav.Client.Chart`, `my_client`, `Web-Client.md`, `client()`,
/// `Client::new`. A slash is no sign (`client/vendor` offers a choice), nor
/// a bracket (`client(s)`), nor one colon (`客户:Contoso` names a value).
fn in_identifier(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = &text[span.end..];
    let mut chars = after.chars();
    let (next, then) = (chars.next(), chars.next());
    matches!(before, Some('.' | '_' | '\\' | '@' | '$' | '='))
        || matches!(next, Some('_' | '\\' | '='))
        || after.starts_with("()")
        || after.starts_with("::")
        || (next == Some('.') && then.is_some_and(|c| c.is_ascii_alphanumeric()))
}

/// How far the word shapes around an English term are read, in bytes.
const WORDS_REACH: usize = 64;

/// Whether the English term at `span` is a place things happen in: "open
/// it in the client.", "in all clients, the page…". One is in a program, not
/// in a person; a possessive ("in the client's office") or a compound
/// ("in the client list") is left to the cues.
fn inside_program(text: &str, span: Span) -> bool {
    // Two short words either side are all this reads: a line written
    // without spaces must not be read once per term.
    let from = crate::source::floor_char_boundary(text, span.start.saturating_sub(WORDS_REACH));
    let to = crate::source::ceil_char_boundary(text, (span.end + WORDS_REACH).min(text.len()));
    let before = text[from..span.start].trim_end_matches(' ');
    let Some(word) = before.rsplit([' ', '\n']).next() else {
        return false;
    };
    let head = before[..before.len() - word.len()].trim_end_matches(' ');
    let lead = head.rsplit([' ', '\n']).next().unwrap_or("");
    if !matches!(
        word.to_ascii_lowercase().as_str(),
        "the" | "your" | "all" | "each" | "every"
    ) || !lead.eq_ignore_ascii_case("in")
    {
        return false;
    }
    let after = text[span.end..to].trim_start_matches(' ');
    match after.chars().next() {
        None => to == text.len(),
        Some(c) if c.is_alphanumeric() => {
            let next = after
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            matches!(
                next.as_str(),
                "and"
                    | "or"
                    | "by"
                    | "to"
                    | "for"
                    | "that"
                    | "which"
                    | "as"
                    | "when"
                    | "if"
                    | "before"
                    | "after"
                    | "with"
                    | "on"
                    | "in"
                    | "at"
                    | "is"
                    | "are"
            )
        }
        Some(c) => !matches!(c, '\'' | '\u{2019}' | '-'),
    }
}

/// A software noun that a client term, alone or in a list, modifies:
/// `client classes`, "client, utility, and helper classes", `client
/// instances`, `client stack`, `client culture`, `client performance`,
/// `client option`, `client report definition`. People are not
/// instantiated, and have no stack, locale culture or report definition.
/// The later nouns count only right after the term: "clients and their
/// performance" lists no programs. Nouns that are also verbs (`builds`,
/// `logs`, `licenses`) are left out: "the client builds trust".
/// A possessive (`the client's types of orders`, `the client's options`)
/// is a person's: pack phrases would take every form of the term, so the
/// nouns are listed here.
static CODE_HEAD: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:(?:,[ \t]*[A-Za-z-]+){0,3},?[ \t]+(?:(?:and|or)[ \t]+[A-Za-z-]+[ \t]+)?(?:class|classes|instance|instances|object|objects|type|types)|[ \t]+(?:stack|culture|report[ \t]+definitions?|report[ \t]+layouts?|runtime|locale|executable|options?|performance))\b",
    )
    .ok()
});

/// Whether the English term at `span` modifies a software noun (see
/// [`CODE_HEAD`]).
fn names_code(text: &str, span: Span) -> bool {
    let end = crate::source::floor_char_boundary(text, (span.end + 80).min(text.len()));
    let term = &text[span.start..span.end];
    term.is_ascii()
        && !term.ends_with("'s")
        && CODE_HEAD
            .as_ref()
            .is_some_and(|head| head.is_match(&text[span.end..end]))
}

/// Capitalised words that qualify people, not programs: tiers and kinds of
/// client ("our Enterprise clients", "New clients").
const PEOPLE_QUALIFIERS: &[&str] = &[
    "enterprise",
    "premium",
    "corporate",
    "business",
    "private",
    "key",
    "new",
    "existing",
    "gold",
    "silver",
    "platinum",
    "retail",
    "wholesale",
    "priority",
    "international",
    "foreign",
    "local",
    "major",
];

/// Whether the lowercase English term at `span` comes right after a
/// product or tool name written capitalised in mid-sentence: "the
/// Typewriter client", "Microsoft Project client", "Outlook clients". A
/// writer who capitalises the word before and not the term names a program
/// by its product. Left out: a sentence's first word (capitalised anyway),
/// a possessive ("Contoso's client"), a name after `our` ("our London
/// clients" are the business's own), an acronym (`VIP`, `EU`), a
/// nationality ("European", "Chinese", "British", "Dutch", "Israeli") and
/// the tiers of [`PEOPLE_QUALIFIERS`].
fn after_product(text: &str, span: Span) -> bool {
    let term = &text[span.start..span.end];
    if !term.starts_with(|c: char| c.is_ascii_lowercase()) || term.contains(['\'', '\u{2019}']) {
        return false;
    }
    let from = crate::source::floor_char_boundary(text, span.start.saturating_sub(WORDS_REACH));
    let Some(before) = text[from..span.start].strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    let rest = before[..before.len() - word.len()].trim_end_matches(' ');
    let lower = word.to_ascii_lowercase();
    word.len() >= 2
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().any(|c| c.is_ascii_lowercase())
        // Only a space may part the name from the words before it, and one
        // of those must be a word: "the Typewriter client", not "**Typewriter".
        && rest.len() + 1 == before.len() - word.len()
        && rest.ends_with(|c: char| c.is_alphanumeric())
        // "our London clients" are a business's own people.
        && !rest.rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case("our"))
        && !["an", "ese", "ish", "ch", "i"].iter().any(|end| lower.ends_with(end))
        && !PEOPLE_QUALIFIERS.contains(&lower.as_str())
}

/// Whether the term at `span` comes right after a Microsoft Docs include
/// (`the [!INCLUDE[prod_short](../includes/prod_short.md)] client`). Such
/// includes stand for product names, so the pair reads like the technical
/// phrase `Business Central client` that a reader of the built page sees.
fn after_include(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\u{a0}']);
    let Some(rest) = before.strip_suffix(")]") else {
        return false;
    };
    let from = crate::source::floor_char_boundary(text, rest.len().saturating_sub(200));
    let Some(at) = rest[from..].rfind("[!INCLUDE") else {
        return false;
    };
    // `[!INCLUDE[name](path` is all that may stand between the marker and
    // the closing `)]`.
    let group = rest[from + at + "[!INCLUDE".len()..].trim_start();
    group
        .strip_prefix('[')
        .and_then(|g| g.split_once("]("))
        .is_some_and(|(name, path)| !name.contains([']', '\n']) && !path.contains([')', '\n', ' ']))
}

#[cfg(test)]
mod tests;
