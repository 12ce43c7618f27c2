//! Canonical entity names: the nominative singular a Greek reader would write in a headline.
//!
//! [`canonicalize_document`] works inside one document: it declines every mention back to the
//! nominative (using the article before it, Greek endings, an embedded lexicon and forms seen
//! elsewhere in the document), unifies spelling variants, and lets short mentions of a person join
//! the fuller name. [`CorpusCanonicalizer`] then merges names across documents.

//!
//! The stage by concern:
//! - [`kind`]: the kind of name, read once per entity from its label;
//! - [`articles`]: the article or preposition before a mention, titles, titles of works;
//! - [`readings`]: a word's candidate nominatives from the lexicon and the table of endings;
//! - [`score`]: the named weights that rank the readings, and [`decline`] which applies them;
//! - [`adjective`] and [`complements`]: adjectives that agree with a head, genitives that do not;
//! - [`mention`]: a whole mention's nominative; [`join`]: short mentions joining fuller names;
//! - [`spelling`]: accents, stress, and the spelling a canonical name is written in;
//! - [`corpus`]: merging names across documents.

mod address;
mod adjective;
mod articles;
mod capitals;
mod complements;
mod corpus;
mod decline;
mod grammar;
mod join;
mod kind;
mod lexicon;
mod mention;
mod pairs;
mod readings;
mod score;
mod spelling;
mod vocative;
mod web;

use rustc_hash::FxHashMap as HashMap;

pub(crate) use address::tag_addressed_people;
pub(crate) use capitals::retag_capital_sentences;
pub use corpus::{CanonicalMap, CorpusCanonicalizer};
pub(crate) use kind::EntityKind;
pub(crate) use pairs::tag_hyphen_pairs;
pub(crate) use spelling::{clean_surface, written_in_capitals};
pub(crate) use web::untag_web_addresses;

use articles::mention_context;
use decline::Evidence;
use grammar::{MASC, NOM};
use mention::{mention_canonical, Named};

use crate::normalize::norm;
use crate::Document;

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
    let kinds: Vec<EntityKind> = doc
        .entities
        .iter()
        .map(|e| EntityKind::of_label(&e.label))
        .collect();
    let contexts: Vec<Option<articles::Context>> = doc
        .entities
        .iter()
        .zip(&kinds)
        .map(|(e, &kind)| mention_context(doc, e, kind))
        .collect();
    let mut evidence = Evidence::default();
    for ((entity, &kind), context) in doc.entities.iter().zip(&kinds).zip(&contexts) {
        // people are not neuter: «το Γιώργο» is an accusative
        let person = kind == EntityKind::Person;
        if context.is_some_and(|c| c.is_nominative() && (c.cases == NOM || !person)) {
            // only the words that agree with the article: «το Κόμμα της Ιαπωνίας» says nothing
            // about the nominative of «Ιαπωνίας»
            let named = mention_canonical(doc, entity, kind, *context, &Evidence::default());
            for i in named.agreeing {
                if let Some(word) = doc.tokens.get(entity.token_start + i).map(|t| doc.word(t)) {
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
    let mut memo: HashMap<(&str, &str, Option<articles::Context>), Named> = HashMap::default();
    let mut canonicals: Vec<String> = Vec::with_capacity(doc.entities.len());
    for ((entity, &kind), context) in doc.entities.iter().zip(&kinds).zip(&contexts) {
        let key = (doc.mention(entity), &*entity.label, *context);
        let named = memo
            .entry(key)
            .or_insert_with(|| mention_canonical(doc, entity, kind, *context, &evidence));
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
    for (i, ((entity, &kind), context)) in
        doc.entities.iter().zip(&kinds).zip(&contexts).enumerate()
    {
        if context.is_none() {
            let key = (doc.mention(entity), &*entity.label, None);
            canonicals[i] = memo
                .entry(key)
                .or_insert_with(|| mention_canonical(doc, entity, kind, None, &evidence))
                .text
                .clone();
        }
    }
    spelling::unify_spellings(&doc.entities, &mut canonicals);
    join::join_short_person_mentions(doc, &kinds, &mut canonicals);
    join::join_short_names(doc, &kinds, &mut canonicals);
    // dates, amounts and the like are written as the text spells them (decoded)
    let spelled: Vec<Option<String>> = (doc.entities.iter().zip(&kinds))
        .map(|(e, kind)| (!kind.is_name()).then(|| doc.mention(e).trim().to_string()))
        .collect();
    for ((entity, spelled), canonical) in doc.entities.iter_mut().zip(spelled).zip(canonicals) {
        let canonical = spelled.unwrap_or(canonical);
        entity.canonical = match spelling::clean_key(&canonical) {
            std::borrow::Cow::Borrowed(_) => canonical,
            std::borrow::Cow::Owned(clean) => clean,
        };
    }
}

/// Whether entities of this label are names, which decline to a canonical nominative. Dates,
/// times, amounts and numbers (elNER-18's DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL,
/// ORDINAL) are not: their canonical is their text as written («15 Μαΐου», «3 εκατ. ευρώ»).
#[cfg(test)]
pub(crate) fn is_name_label(label: &str) -> bool {
    EntityKind::of_label(label).is_name()
}

#[cfg(test)]
mod tagged;
#[cfg(test)]
pub(crate) mod tests;
