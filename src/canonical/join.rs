//! Short mentions joining the fuller names of their document: a person's surname or first name
//! the one full name it can belong to, an organization's or place's leading words the one fuller
//! name they lead.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::adjective::is_adjective;
use super::articles::{article_context, is_initial, saint_gender};
use super::kind::EntityKind;
use super::lexicon::lexicon;
use super::readings::possible_nominatives;
use crate::normalize::{is_letter, norm};
use crate::Document;

/// A person's surname or first name alone, or a surname after initials («Κ. Μητσοτάκης»), joins
/// the one fuller name of the document it can belong to («Μητσοτάκη» → «Κυριάκος Μητσοτάκης»).
pub(crate) fn join_short_person_mentions(
    doc: &Document,
    kinds: &[EntityKind],
    canonicals: &mut [String],
) {
    // distinct full names: (canonical, norm of first word, norm of last word)
    let mut full_names: Vec<(String, String, String)> = Vec::new();
    for (&kind, canonical) in kinds.iter().zip(canonicals.iter()) {
        let words: Vec<&str> = canonical.split(' ').filter(|w| !is_initial(w)).collect();
        if kind == EntityKind::Person
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
    for ((entity, &kind), canonical) in doc.entities.iter().zip(kinds).zip(canonicals.iter_mut()) {
        let person = kind == EntityKind::Person;
        // the tagger sometimes calls a lone surname MISC («κατά τον Αλεξίου»): it joins a
        // person of the document by surname only
        let one_word = !doc.mention(entity).contains(char::is_whitespace);
        let stray_surname = kind == EntityKind::Misc && one_word;
        // a woman's surname after «της» in a headline («κριτική της Σταματίου») is no place or
        // organization when a woman of the document has exactly that surname: it joins her
        let after_tis = one_word
            && matches!(kind, EntityKind::Place | EntityKind::Organization)
            && feminine_genitive_before(doc, entity.token_start);
        if after_tis {
            let surface = norm(doc.mention(entity));
            let mut hers = full_names.iter().filter(|(_, _, last)| *last == surface);
            // exactly one woman of that surname; else the mention stays as it is
            if let (Some((name, _, _)), None) = (hers.next(), hers.next()) {
                canonical.clone_from(name);
            }
            continue;
        }
        if !(person || stray_surname) {
            continue;
        }
        let (initials, rest): (Vec<&str>, Vec<&str>) =
            canonical.split(' ').partition(|w| is_initial(w));
        let (Some(surface), [name]) = (
            doc.mention(entity).split_whitespace().next_back(),
            &rest[..],
        ) else {
            continue;
        };
        let key = (surface.to_string(), canonical.clone(), person);
        let target = *decided.entry(key).or_insert_with(|| {
            let mut candidates = possible_nominatives(surface);
            let own = norm(name);
            candidates.push(own.clone());
            let initial = initials.first().and_then(|i| norm(i).chars().next());
            let mut matches = full_names
                .iter()
                .enumerate()
                .filter(|(_, (_, first, last))| match initial {
                    Some(letter) => candidates.contains(last) && first.starts_with(letter),
                    // a first name joins by the nominative this mention was given: «Νικολάου»
                    // kept as a surname («οι κ.κ. Παπαδάκης και Νικολάου») is no «Νικόλαος»
                    None => candidates.contains(last) || (person && own == *first),
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

/// Whether the token before `token_start` is the feminine genitive article «της».
fn feminine_genitive_before(doc: &Document, token_start: usize) -> bool {
    token_start
        .checked_sub(1)
        .and_then(|i| doc.tokens.get(i))
        .is_some_and(|t| t.norm == "της")
}

/// A short mention of an organization, place or other name joins the one fuller name of the same
/// label in the document whose leading words it is («Ολυμπιακός» → «Ολυμπιακός Πειραιώς»,
/// «Ηνωμένες Πολιτείες» → «Ηνωμένες Πολιτείες της Αμερικής»). Words compare by `norm` of the
/// canonical names, so case forms and accents do not matter. Fuller names that all extend one
/// another («Εθνική Τράπεζα», «Εθνική Τράπεζα της Ελλάδος») count as one, the longest; two that
/// part ways («Ρεάλ Μαδρίτης», «Ρεάλ Σοσιεδάδ») leave the short mention as it is. One pass over
/// the mentions: fuller names are indexed by each of their leading word sequences.
pub(crate) fn join_short_names(doc: &Document, kinds: &[EntityKind], canonicals: &mut [String]) {
    // distinct fuller names: (norms of their words, canonical)
    let mut full_names: Vec<(Vec<String>, String)> = Vec::new();
    // the names each short name may stand for, by label and the norms of its words
    let mut by_prefix: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for ((entity, kind), canonical) in doc.entities.iter().zip(kinds).zip(canonicals.iter()) {
        let label = &*entity.label;
        if !(kind.joins_by_prefix() && canonical.contains(' ') && seen.insert((label, canonical))) {
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
        .zip(kinds)
        .zip(canonicals.iter())
        .map(|((entity, &kind), canonical)| {
            let label = &*entity.label;
            if !kind.joins_by_prefix() {
                return None;
            }
            *decided.entry((label, canonical)).or_insert_with(|| {
                // a one-word place is a whole name: «Μακεδονία» is not «Μακεδονία Θράκης»
                let place = kind == EntityKind::Place;
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
        && rest.first().is_some_and(|w| lexicon().is_head_word(w));
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
                && !lexicon().is_head_word(&word_norm)
                && saint_gender(&word_norm).is_none()
                && !(is_adjective(&word_norm)
                    && ["η", "α", "ες"].iter().any(|e| word_norm.ends_with(e)))
        }
        _ => !acronym,
    }
}
