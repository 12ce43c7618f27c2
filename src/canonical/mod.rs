//! Canonical entity names: the nominative singular a Greek reader would write in a headline.
//!
//! [`canonicalize_document`] works inside one document: it declines every mention back to the
//! nominative (using the article before it, Greek endings, an embedded lexicon and forms seen
//! elsewhere in the document), unifies spelling variants, and lets short mentions of a person join
//! the fuller name. [`CorpusCanonicalizer`] then merges names across documents.

mod corpus;
mod inflection;
mod lexicon;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use corpus::{CanonicalMap, CorpusCanonicalizer};
use inflection::{
    article_context, complements_adjective, decline, decline_adjective, is_adjective, is_fixed,
    is_genitive_complement, is_only_genitive, is_title, may_be_genitive, possible_nominatives,
    Context, Evidence, Kind, Slot,
};
use lexicon::{FEM, GEN, MASC, NOM, PL_GEN};

pub(crate) use crate::greek::has_accent;
use crate::normalize::{is_letter, norm};
use crate::{Document, Entity};

/// Fills `Entity::canonical` for every entity of the document from within-document evidence: the
/// article or preposition before each mention (`doc.tokens[e.token_start - 1]`), declension,
/// spelling variants, and short mentions joining fuller names of the same type. `Entity::text` is
/// the surface mention; `Entity::label` its type (PERSON/ORG/LOC/MISC, or other labels from
/// user-trained models: unknown labels get only spelling-variant + declension handling that is
/// safe for them).
pub fn canonicalize_document(doc: &mut Document) {
    if doc.entities.is_empty() {
        return;
    }
    let contexts: Vec<Option<Context>> = doc
        .entities
        .iter()
        .map(|e| mention_context(doc, e))
        .collect();
    let mut evidence = Evidence::default();
    for (entity, context) in doc.entities.iter().zip(&contexts) {
        // people are not neuter: «το Γιώργο» is an accusative
        let person = kind(&entity.label) == Kind::Person;
        if context.is_some_and(|c| c.is_nominative() && (c.cases == NOM || !person)) {
            // only the words that agree with the article: «το Κόμμα της Ιαπωνίας» says nothing
            // about the nominative of «Ιαπωνίας»
            let named = mention_canonical(doc, entity, *context, &Evidence::default());
            for i in named.agreeing {
                if let Some(word) = doc
                    .tokens
                    .get(entity.token_start + i)
                    .and_then(|t| doc.text.get(t.span.start..t.span.end))
                {
                    let word = norm(word);
                    // «το Δήμο», «το Βόλο»: the accusative of a masculine people write
                    if !context.is_some_and(|c| c.cases != NOM)
                        || !lexicon::lexicon().is_written_masculine_accusative(&word)
                    {
                        if context.is_some_and(|c| c.cases == NOM && c.genders == MASC) {
                            evidence.masculine_nominative.insert(word.clone());
                        }
                        evidence.nominative.insert(word);
                    }
                }
            }
        }
    }
    // first pass: mentions whose article fixes their case teach the document's nominatives;
    // a repeated mention in the same context is declined once per pass
    let mut memo: HashMap<(&str, &str, Option<Context>), Named> = HashMap::default();
    let mut canonicals: Vec<String> = Vec::with_capacity(doc.entities.len());
    for (entity, context) in doc.entities.iter().zip(&contexts) {
        let key = (entity.text.as_str(), &*entity.label, *context);
        let named = memo
            .entry(key)
            .or_insert_with(|| mention_canonical(doc, entity, *context, &evidence));
        canonicals.push(named.text.clone());
    }
    // only words the article declined teach nominatives: a genitive complement kept as it is
    // («Κόμμα της Ιαπωνίας») is no evidence that «Ιαπωνίας» is a nominative
    for (key, named) in memo.drain() {
        if key.2.is_some() {
            evidence
                .declined
                .extend(named.agreeing.iter().map(|&i| norm(&named.words[i])));
        }
    }
    for (i, (entity, context)) in doc.entities.iter().zip(&contexts).enumerate() {
        if context.is_none() {
            let key = (entity.text.as_str(), &*entity.label, None);
            canonicals[i] = memo
                .entry(key)
                .or_insert_with(|| mention_canonical(doc, entity, None, &evidence))
                .text
                .clone();
        }
    }
    unify_spellings(&doc.entities, &mut canonicals);
    join_short_person_mentions(doc, &mut canonicals);
    join_short_names(doc, &mut canonicals);
    for (entity, canonical) in doc.entities.iter_mut().zip(canonicals) {
        entity.canonical = if is_name_label(&entity.label) {
            canonical
        } else {
            entity.text.trim().to_string()
        };
    }
}

/// Whether entities of this label are names, which decline to a canonical nominative. Dates,
/// times, amounts and numbers (elNER-18's DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL,
/// ORDINAL) are not: their canonical is their text as written («15 Μαΐου», «3 εκατ. ευρώ»).
pub(crate) fn is_name_label(label: &str) -> bool {
    !matches!(
        label,
        "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY" | "CARDINAL" | "ORDINAL"
    )
}

/// Labels whose meaning is known: names of people, places, organizations and the rest.
fn is_standard_label(label: &str) -> bool {
    matches!(
        label,
        "PERSON" | "PER" | "LOC" | "GPE" | "ORG" | "MISC" | "FAC" | "NORP"
    )
}

fn kind(label: &str) -> Kind {
    match label {
        "PERSON" | "PER" => Kind::Person,
        "LOC" | "GPE" | "FAC" | "ORG" => Kind::Place,
        _ => Kind::Name,
    }
}

/// The case and gender the article before a mention sets, looking past opening quotes
/// («του "Ολυμπιακού"») and, before a person, titles («του πρωθυπουργού κ. Μητσοτάκη»), within
/// the mention's sentence.
fn mention_context(doc: &Document, entity: &Entity) -> Option<Context> {
    let tokens = &doc.tokens;
    let person = kind(&entity.label) == Kind::Person;
    let sentence = tokens.get(entity.token_start)?.sentence;
    let mut i = entity.token_start;
    for _ in 0..4 {
        i = i.checked_sub(1)?;
        let token = tokens.get(i)?;
        if token.sentence != sentence {
            return None;
        }
        // «ή» (or) is no article, though its `norm` is that of «η»
        let disjunction = matches!(
            doc.text.get(token.span.start..token.span.end),
            Some("ή" | "Ή")
        );
        if let Some(context) = article_context(&token.norm).filter(|_| !disjunction) {
            return Some(context);
        }
        // titles stand before people; before a place they govern it («ο δήμαρχος Θεσσαλονίκης»)
        let title = person
            && (is_title(&token.norm)
                || (token.norm == "."
                    && i > 0
                    && tokens.get(i - 1).is_some_and(|t| is_title(&t.norm))));
        let opening_quote = matches!(token.norm.as_str(), "«" | "\"" | "“" | "'" | "(");
        if !(title || opening_quote) {
            return None;
        }
    }
    None
}

/// True for the title of a work rather than a name, which stays as written: it opens with a
/// capitalized article («Ο Εξολοθρευτής»), or, within quotes, has a lowercase word that is no
/// article, preposition or conjunction («Η φάρμα των ζώων», «Αποδημητικά πουλιά»). Unquoted
/// names with lowercase words still decline («της Συνόδου για το κλίμα»).
fn is_title_of_work(texts: &[&str], quoted: bool) -> bool {
    let opens_with_article = texts.first().is_some_and(|w| {
        w.starts_with(char::is_uppercase)
            && matches!(norm(w).as_str(), "ο" | "η" | "το" | "οι" | "τα")
            && texts.len() > 1
    });
    opens_with_article
        || (quoted
            && texts.iter().skip(1).any(|w| {
                w.starts_with(char::is_lowercase)
                    && w.chars().filter(|&c| is_letter(c)).count() > 1
                    && !is_function_word(w)
            }))
}

/// Words that end the part of a name that agrees with its article («Τράπεζα της Ελλάδος»).
fn is_function_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && (article_context(&norm(word)).is_some() || matches!(norm(word).as_str(), "και" | "κι"))
}

/// A mention's canonical name, its words (one per token), and the indices of the words that
/// agree with its article (not titles, not genitive complements).
struct Named {
    text: String,
    words: Vec<String>,
    agreeing: Vec<usize>,
}

/// The nominative of one mention, its words joined with the spacing of the text.
fn mention_canonical(
    doc: &Document,
    entity: &Entity,
    context: Option<Context>,
    evidence: &Evidence,
) -> Named {
    let end = entity.token_end.min(doc.tokens.len());
    let Some(tokens) = doc
        .tokens
        .get(entity.token_start..end)
        .filter(|t| !t.is_empty() && is_name_label(&entity.label))
    else {
        return Named {
            text: entity.text.trim().to_string(),
            words: Vec::new(),
            agreeing: Vec::new(),
        };
    };
    let texts: Vec<&str> = tokens
        .iter()
        .map(|t| doc.text.get(t.span.start..t.span.end).unwrap_or(""))
        .collect();
    // a «person» with a head noun after its first word is a name the tagger mistook
    // («του Τρωικού Πολέμου»); a head noun first may be a first name (Δήμος)
    let kind = match kind(&entity.label) {
        Kind::Person
            if texts.iter().skip(1).any(|w| {
                w.starts_with(char::is_uppercase) && lexicon::lexicon().is_head_word(&norm(w))
            }) =>
        {
            Kind::Name
        }
        kind => kind,
    };
    let quoted = entity
        .token_start
        .checked_sub(1)
        .and_then(|i| doc.tokens.get(i))
        .is_some_and(|t| matches!(t.norm.as_str(), "«" | "\"" | "“"));
    if kind != Kind::Person && is_title_of_work(&texts, quoted) {
        return Named {
            text: entity.text.trim().to_string(),
            words: texts.iter().map(|w| w.to_string()).collect(),
            agreeing: Vec::new(),
        };
    }
    // leading titles inside a person mention are not part of the name
    let first = if kind == Kind::Person {
        let titles = texts
            .iter()
            // «κ.» is a title, «Κ.» an initial
            .take_while(|w| {
                **w == "."
                    || (is_title(&norm(w)) && !(is_initial(w) && w.starts_with(char::is_uppercase)))
            })
            .count();
        if titles < texts.len() {
            titles
        } else {
            0
        }
    } else {
        0
    };
    let stop = (first..texts.len())
        .find(|&i| is_function_word(texts[i]))
        .unwrap_or(texts.len());
    let mut words: Vec<String> = texts.iter().map(|w| w.to_string()).collect();
    let mut declined_words: Vec<usize> = Vec::new();
    match kind {
        Kind::Person => {
            // a list of people after a plural article («τους Νίκο Π. και Γιάννη Κ.») names each
            // of them in the singular
            let context = context.map(Context::singular);
            let name_words = (first..stop)
                .filter(|&i| texts[i].chars().any(is_letter) && !is_fixed(texts[i]))
                .count();
            let mut slot = Slot {
                kind,
                surname: false,
                person_gender: single_gender(context.map_or(0, |c| c.genders)),
                after_greek_name: false,
                before_surname: name_words > 1,
            };
            let mut seen_word = false;
            // after a masculine first name in the nominative («Νίκος») the whole name is in the
            // nominative: a surname in -ου or -η is a surname of that form, not a case form
            let mut nominative_name = false;
            for i in first..stop {
                if !texts[i].chars().any(is_letter) {
                    continue;
                }
                slot.surname = seen_word && !is_fixed(texts[i]);
                if slot.surname && nominative_name {
                    declined_words.push(i);
                    continue;
                }
                let declined = decline(texts[i], context, slot, evidence);
                if !seen_word {
                    if slot.person_gender == 0 {
                        slot.person_gender = name_gender(&declined);
                    }
                    slot.after_greek_name = declined.genders != 0;
                    nominative_name = slot.person_gender == MASC
                        && declined.text == texts[i]
                        && declined.genders & MASC != 0
                        && texts[i].ends_with('ς');
                }
                if !is_fixed(texts[i]) {
                    seen_word = true;
                }
                words[i] = declined.text;
                declined_words.push(i);
            }
        }
        Kind::Place | Kind::Name => {
            let slot = Slot {
                kind,
                surname: false,
                person_gender: 0,
                after_greek_name: false,
                before_surname: false,
            };
            let standard = is_standard_label(&entity.label);
            // names joined by «και» inside one mention («Σερβίας και Κροατίας») stand in one
            // case: each part declines, unless the word before «και» is a complement kept as
            // written («Επιτροπή Πολιτισμού και Παιδείας»)
            let mut part = first..stop;
            loop {
                let end = part.end;
                let last_word = part
                    .clone()
                    .rev()
                    .find(|&i| texts[i].chars().any(is_letter));
                let mut last_declined = false;
                for (i, word) in decline_place_part(&texts, part, slot, standard, context, evidence)
                {
                    last_declined |= Some(i) == last_word;
                    words[i] = word;
                    declined_words.push(i);
                }
                if !last_declined
                    || !texts
                        .get(end)
                        .is_some_and(|w| matches!(norm(w).as_str(), "και" | "κι"))
                {
                    break;
                }
                let next = (end + 1..texts.len())
                    .find(|&i| is_function_word(texts[i]))
                    .unwrap_or(texts.len());
                part = end + 1..next;
            }
        }
    }
    let mut out = String::with_capacity(entity.text.len() + 4);
    for (i, word) in words.iter().enumerate().skip(first) {
        if i > first {
            let gap = doc
                .text
                .get(tokens[i - 1].span.end..tokens[i].span.start)
                .unwrap_or(" ");
            if gap.chars().all(char::is_whitespace) {
                if !gap.is_empty() {
                    out.push(' ');
                }
            } else {
                out.push_str(gap.trim());
            }
        }
        out.push_str(word);
    }
    Named {
        text: out,
        words,
        agreeing: declined_words,
    }
}

/// The declined words (index, nominative) of one part of a place, organization or other name:
/// its head and the adjectives before it, or every word of a name without a head word.
fn decline_place_part(
    texts: &[&str],
    part: std::ops::Range<usize>,
    slot: Slot,
    standard_label: bool,
    context: Option<Context>,
    evidence: &Evidence,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let alphabetic: Vec<usize> = part
        .filter(|&i| texts.get(i).is_some_and(|w| w.chars().any(is_letter)))
        .collect();
    // a name with no head word and no adjective (a person or place name given another
    // label) declines word by word; labels of unknown meaning keep the safer head rule
    let structured = alphabetic.iter().any(|&i| {
        let n = norm(texts[i]);
        is_adjective(&n) || lexicon::lexicon().is_head_word(&n)
    });
    if !structured && alphabetic.len() > 1 && standard_label {
        let mut first_genders = 0;
        // a name in apposition to a common noun («στη νησίδα Βίδο») does not agree with
        // the noun's article
        let common_noun = alphabetic
            .first()
            .is_some_and(|&i| texts[i].starts_with(char::is_lowercase));
        let mut first_fixed = false;
        for (k, &i) in alphabetic.iter().enumerate() {
            if k > 0 && is_genitive_complement(texts[i], context, first_genders) {
                continue;
            }
            // after a foreign word the article agrees with («της Ρεάλ Μαδρίτης»), a genitive is
            // the club's or the city's place: a word that is only ever one, or, after a genitive
            // article, one that can be
            if k > 0
                && first_fixed
                && (is_only_genitive(texts[i])
                    || (context.is_some_and(|c| c.cases & (GEN | PL_GEN) != 0)
                        && may_be_genitive(texts[i])))
            {
                continue;
            }
            let context = context.filter(|_| k == 0 || !common_noun);
            let declined = decline(texts[i], context, slot, evidence);
            if k == 0 {
                first_genders = declined.genders;
                // «Αη» (a saint) is Greek and leaves the name after it to decline
                first_fixed = declined.genders == 0
                    && declined.text == texts[i]
                    && saint_gender(&norm(texts[i])).is_none();
            }
            out.push((i, declined.text));
        }
    } else if let Some(mut head) = alphabetic
        .iter()
        .copied()
        .find(|&i| !is_adjective(&norm(texts[i])))
        .or_else(|| alphabetic.last().copied())
    {
        // «τον Ολυμπιακό Πειραιώς», «την Εθνική Ελλάδος»: the adjective is the noun and the word
        // after it a complement that stays as written
        if let Some(k) = alphabetic
            .iter()
            .position(|&i| i == head)
            .filter(|&k| k > 0)
        {
            let before = alphabetic[k - 1];
            if complements_adjective(texts[head], texts[before], context) {
                head = before;
            }
        }
        // «του Αγίου Ιωάννου»: a saint's name is a person's name, of the saint's gender
        let saint = alphabetic
            .iter()
            .filter(|&&i| i < head)
            .find_map(|&i| saint_gender(&norm(texts[i])))
            .filter(|_| !lexicon::lexicon().is_head_word(&norm(texts[head])));
        let head_slot = match saint {
            Some(gender) => Slot {
                kind: Kind::Person,
                person_gender: gender,
                ..slot
            },
            None => slot,
        };
        let declined = decline(texts[head], context, head_slot, evidence);
        for &i in alphabetic.iter().filter(|&&i| i < head) {
            out.push((
                i,
                decline_adjective(texts[i], declined.genders, declined.plural),
            ));
        }
        out.push((head, declined.text));
    }
    out
}

/// The gender of a person known from the first word of the name: one of masculine and feminine,
/// and masculine for names in -ος (Πολύγνωτος), which are almost never women's.
fn name_gender(declined: &inflection::Declined) -> u8 {
    match single_gender(declined.genders) {
        0 if declined.genders & MASC != 0 && norm(&declined.text).ends_with("ος") => MASC,
        gender => gender,
    }
}

/// The gender of the saint an «Άγιος/Αγία» form names, by `norm`.
fn saint_gender(word_norm: &str) -> Option<u8> {
    match word_norm {
        "αγιος" | "αγιου" | "αγιο" | "αγιε" | "αη" | "αι" => Some(MASC),
        "αγια" | "αγιας" => Some(FEM),
        _ => None,
    }
}

/// `genders` if it names exactly one of masculine and feminine, else 0.
fn single_gender(genders: u8) -> u8 {
    match genders & (MASC | FEM) {
        MASC => MASC,
        FEM => FEM,
        _ => 0,
    }
}

/// True when a spelling carries its accents and long words are not written in capitals: the
/// form a headline would use. Acronyms (ΠΑΣΟΚ) and Latin names pass.
pub(crate) fn well_spelled(name: &str) -> bool {
    name.split(' ').all(|word| {
        let letters = word.chars().filter(|c| is_letter(*c)).count();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        if letters > 6 && capitals == letters {
            return false;
        }
        !crate::normalize::has_greek(word)
            || capitals == letters
            || crate::greek::vowel_groups(&norm(word)) < 2
            || has_accent(word)
    })
}

/// Spellings of one name that differ only in accents, case or final sigma become the most
/// frequent well-spelled one.
fn unify_spellings(entities: &[Entity], canonicals: &mut [String]) {
    let mut groups: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    for (i, entity) in entities.iter().enumerate() {
        groups
            .entry((&*entity.label, norm(&canonicals[i])))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut counts: Vec<(&str, u64)> = Vec::new();
        for &i in members {
            match counts.iter_mut().find(|(s, _)| *s == canonicals[i]) {
                Some((_, n)) => *n += 1,
                None => counts.push((&canonicals[i], 1)),
            }
        }
        let best = best_spelling(&counts).to_string();
        for &i in members {
            canonicals[i].clone_from(&best);
        }
    }
}

/// The most frequent well-spelled, capitalized spelling among counted spellings (ties: the first).
pub(crate) fn best_spelling<'a>(counts: &[(&'a str, u64)]) -> &'a str {
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (s, n))| {
            let capitalized = s.chars().next().is_some_and(char::is_uppercase);
            (well_spelled(s), capitalized, *n, usize::MAX - i)
        })
        .map(|(_, best)| *best);
    let Some((best, best_count)) = best else {
        return "";
    };
    // a headline in capitals («ΑΘΗΝΑ») gives way to the same name in lowercase letters when the
    // lexicon knows that spelling or it is seen at least as often; an acronym written more often
    // in capitals (ΣΥΡΙΖΑ) keeps them
    if best.chars().any(char::is_lowercase) || !well_spelled(best) {
        return best;
    }
    let known = |s: &str| s.split(' ').all(|w| lexicon::lexicon().knows_nominative(w));
    counts
        .iter()
        .filter(|(s, n)| {
            s.chars().any(char::is_lowercase) && well_spelled(s) && (*n >= best_count || known(s))
        })
        .max_by_key(|(_, n)| *n)
        .map_or(best, |(s, _)| s)
}

/// True for an initial such as «Κ.» or «Γ».
fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(|c| is_letter(*c)).count();
    letters == 1 || (letters == 2 && word.ends_with('.'))
}

/// A person's surname or first name alone, or a surname after initials («Κ. Μητσοτάκης»), joins
/// the one fuller name of the document it can belong to («Μητσοτάκη» → «Κυριάκος Μητσοτάκης»).
fn join_short_person_mentions(doc: &Document, canonicals: &mut [String]) {
    // distinct full names: (canonical, norm of first word, norm of last word)
    let mut full_names: Vec<(String, String, String)> = Vec::new();
    for (entity, canonical) in doc.entities.iter().zip(canonicals.iter()) {
        let words: Vec<&str> = canonical.split(' ').filter(|w| !is_initial(w)).collect();
        if kind(&entity.label) == Kind::Person
            && words.len() > 1
            && !full_names.iter().any(|(name, _, _)| name == canonical)
        {
            full_names.push((
                canonical.clone(),
                norm(words[0]),
                norm(words[words.len() - 1]),
            ));
        }
    }
    if full_names.is_empty() {
        return;
    }
    let mut decided: HashMap<(String, String, bool), Option<usize>> = HashMap::default();
    for (entity, canonical) in doc.entities.iter().zip(canonicals.iter_mut()) {
        let person = kind(&entity.label) == Kind::Person;
        // the tagger sometimes calls a lone surname MISC («κατά τον Αλεξίου»): it joins a
        // person of the document by surname only
        let stray_surname = &*entity.label == "MISC" && !entity.text.contains(char::is_whitespace);
        if !(person || stray_surname) {
            continue;
        }
        let (initials, rest): (Vec<&str>, Vec<&str>) =
            canonical.split(' ').partition(|w| is_initial(w));
        let (Some(surface), [name]) = (entity.text.split_whitespace().next_back(), &rest[..])
        else {
            continue;
        };
        let key = (surface.to_string(), canonical.clone(), person);
        let target = *decided.entry(key).or_insert_with(|| {
            let mut candidates = possible_nominatives(surface);
            candidates.push(norm(name));
            let initial = initials.first().and_then(|i| norm(i).chars().next());
            let mut matches = full_names
                .iter()
                .enumerate()
                .filter(|(_, (_, first, last))| match initial {
                    Some(letter) => candidates.contains(last) && first.starts_with(letter),
                    None => candidates.contains(last) || (person && candidates.contains(first)),
                });
            match (matches.next(), matches.next()) {
                (Some((k, _)), None) => Some(k),
                _ => None,
            }
        });
        if let Some(k) = target {
            canonical.clone_from(&full_names[k].0);
        }
    }
}

/// A short mention of an organization, place or other name joins the one fuller name of the same
/// label in the document whose leading words it is («Ολυμπιακός» → «Ολυμπιακός Πειραιώς»,
/// «Ηνωμένες Πολιτείες» → «Ηνωμένες Πολιτείες της Αμερικής»). Words compare by `norm` of the
/// canonical names, so case forms and accents do not matter. Fuller names that all extend one
/// another («Εθνική Τράπεζα», «Εθνική Τράπεζα της Ελλάδος») count as one, the longest; two that
/// part ways («Ρεάλ Μαδρίτης», «Ρεάλ Σοσιεδάδ») leave the short mention as it is. One pass over
/// the mentions: fuller names are indexed by each of their leading word sequences.
fn join_short_names(doc: &Document, canonicals: &mut [String]) {
    // distinct fuller names: (norms of their words, canonical)
    let mut full_names: Vec<(Vec<String>, String)> = Vec::new();
    // the names each short name may stand for, by label and the norms of its words
    let mut by_prefix: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for (entity, canonical) in doc.entities.iter().zip(canonicals.iter()) {
        let label = &*entity.label;
        if !(joins_by_prefix(label) && canonical.contains(' ') && seen.insert((label, canonical))) {
            continue;
        }
        let words: Vec<String> = canonical.split_whitespace().map(norm).collect();
        let k = full_names.len();
        let mut prefix = String::new();
        for short in 1..words.len() {
            if short > 1 {
                prefix.push(' ');
            }
            prefix.push_str(&words[short - 1]);
            if extends(&words, short) {
                by_prefix
                    .entry((label, prefix.clone()))
                    .or_default()
                    .push(k);
            }
        }
        full_names.push((words, canonical.clone()));
    }
    if by_prefix.is_empty() {
        return;
    }
    let mut decided: HashMap<(&str, &str), Option<usize>> = HashMap::default();
    let targets: Vec<Option<usize>> = doc
        .entities
        .iter()
        .zip(canonicals.iter())
        .map(|(entity, canonical)| {
            let label = &*entity.label;
            if !joins_by_prefix(label) {
                return None;
            }
            *decided.entry((label, canonical)).or_insert_with(|| {
                // a one-word place is a whole name: «Μακεδονία» is not «Μακεδονία Θράκης»
                let place = matches!(label, "LOC" | "GPE" | "FAC");
                if !may_stand_for_a_fuller_name(canonical) || (place && !canonical.contains(' ')) {
                    return None;
                }
                let words: Vec<String> = canonical.split_whitespace().map(norm).collect();
                let extending = by_prefix.get(&(label, words.join(" ")))?;
                let longest = extending
                    .iter()
                    .copied()
                    .max_by_key(|&k| (full_names[k].0.len(), usize::MAX - k))?;
                extending
                    .iter()
                    .all(|&k| full_names[longest].0.starts_with(&full_names[k].0))
                    .then_some(longest)
            })
        })
        .collect();
    for (canonical, target) in canonicals.iter_mut().zip(targets) {
        if let Some(k) = target {
            canonical.clone_from(&full_names[k].1);
        }
    }
}

/// Labels whose short mentions join by their leading words: standard labels other than people
/// (people join by first name or surname instead).
fn joins_by_prefix(label: &str) -> bool {
    is_standard_label(label) && kind(label) != Kind::Person
}

/// True when the name whose word norms are `words` may be what its first `short` words stand
/// for. Not when the rest is another name joined to it by «και» or a dash («Ευρωπαϊκή Ένωση και
/// Κούβα»), only a year (the bare «Μουντιάλ» is the event, «Μουντιάλ του 2002» one edition), or
/// when the short words are only adjectives before a common head noun («Ευρωπαϊκή» of
/// «Ευρωπαϊκή Επιτροπή» is a fragment, not a name). (A one-word place never joins at all, see
/// `join_short_names`: «Ηράκλειο Κρήτης» and «Μακεδονία Θράκης» have the same shape.)
fn extends(words: &[String], short: usize) -> bool {
    let (lead, rest) = words.split_at(short);
    let joined = rest.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "και" | "κι" | "&" | "-" | "–" | "—" | "/" | "," | "+"
        )
    });
    let fragment = lead.iter().all(|w| is_adjective(w))
        && rest
            .first()
            .is_some_and(|w| lexicon::lexicon().is_head_word(w));
    let named = rest
        .iter()
        .any(|w| w.chars().any(is_letter) && article_context(w).is_none());
    !joined && !fragment && named
}

/// True when a short canonical name may stand for a fuller name it leads. Never an acronym (ΑΕΚ
/// is not ΑΕΚ Λάρνακας); never a lone head word («Υπουργείο», a common noun), saint's title
/// («Άγιος») or brand written in Latin letters (Google is not Google Maps). A lone feminine
/// adjective stands for a noun left out («η Εθνική»: the national team, or the bank), not for
/// whatever fuller name with «Εθνική» the document has; clubs named by a masculine adjective
/// («Ολυμπιακός») do join.
fn may_stand_for_a_fuller_name(canonical: &str) -> bool {
    let acronym = canonical.split_whitespace().any(|w| {
        w.chars().filter(|c| is_letter(*c)).count() > 1
            && w.chars().filter(|c| is_letter(*c)).all(char::is_uppercase)
    });
    let mut words = canonical.split_whitespace();
    match (words.next(), words.next()) {
        (None, _) => false,
        (Some(word), None) => {
            let word_norm = norm(word);
            !acronym
                && crate::normalize::has_greek(word)
                && !lexicon::lexicon().is_head_word(&word_norm)
                && saint_gender(&word_norm).is_none()
                && !(is_adjective(&word_norm)
                    && ["η", "α", "ες"].iter().any(|e| word_norm.ends_with(e)))
        }
        _ => !acronym,
    }
}

#[cfg(test)]
pub(crate) mod tests;
