//! The nominative of one whole mention: titles dropped, a person's first name and surname
//! declined together, a place's or organization's head and the adjectives before it declined,
//! genitive complements and titles of works kept as written.

use super::adjective::{decline_adjective, is_adjective, is_learned_adjective};
use super::articles::{
    is_function_word, is_initial, is_title, is_title_of_work, saint_gender, Context,
};
use super::complements::{
    complements_adjective, is_genitive_complement, is_only_genitive, may_be_genitive,
};
use super::decline::{decline, Declined, Evidence, Slot};
use super::grammar::{Genders, GEN, MASC, NO_GENDER, PL_GEN};
use super::kind::{EntityKind, Kind};
use super::lexicon::lexicon;
use super::readings::{in_capitals, is_fixed, through_title_case};
use crate::normalize::{is_letter, norm};
use crate::{Document, Entity};

/// A mention's canonical name, its words (one per token), and the indices of the words that
/// agree with its article (not titles, not genitive complements).
pub(crate) struct Named {
    pub text: String,
    pub words: Vec<String>,
    pub agreeing: Vec<usize>,
}

/// The nominative of one mention, its words joined with the spacing of the text.
pub(crate) fn mention_canonical(
    doc: &Document,
    entity: &Entity,
    entity_kind: EntityKind,
    context: Option<Context>,
    evidence: &Evidence,
) -> Named {
    let end = entity.token_end.min(doc.tokens.len());
    let Some(tokens) = doc
        .tokens
        .get(entity.token_start..end)
        .filter(|t| !t.is_empty() && entity_kind.is_name())
    else {
        return Named {
            text: doc.mention(entity).trim().to_string(),
            words: Vec::new(),
            agreeing: Vec::new(),
        };
    };
    let texts: Vec<&str> = tokens.iter().map(|t| doc.word(t)).collect();
    // a «person» with a head noun after its first word is a name the tagger mistook
    // («του Τρωικού Πολέμου»); a head noun first may be a first name (Δήμος)
    let kind = match entity_kind.declension() {
        Kind::Person
            if texts
                .iter()
                .skip(1)
                .any(|w| w.starts_with(char::is_uppercase) && lexicon().is_head_word(&norm(w))) =>
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
            text: doc.mention(entity).trim().to_string(),
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
            // a name of several words all in capitals («ΝΙΚΟΥ ΔΕΝΔΙΑ») is a headline's: its
            // short words are names, not acronyms, and decline
            let words_with_letters = || (first..stop).filter(|&i| texts[i].chars().any(is_letter));
            let headline_name = words_with_letters().count() > 1
                && words_with_letters().all(|i| in_capitals(texts[i]) && !texts[i].contains('.'));
            let is_fixed = |w: &str| {
                is_fixed(w) && !(headline_name && w.chars().filter(|&c| is_letter(c)).count() > 1)
            };
            // the second part of a double surname («Παπαδοπούλου-Γεωργίου») is no word of its
            // own: the first part is a surname, not a first name before one
            let name_words = (first..stop)
                .filter(|&i| texts[i].chars().any(is_letter) && !is_fixed(texts[i]))
                .filter(|&i| i == first || !matches!(texts[i - 1], "-" | "\u{2010}" | "\u{2011}"))
                .count();
            let mut slot = Slot {
                kind,
                surname: false,
                person_gender: context
                    .map_or(NO_GENDER, |c| c.genders)
                    .single_person_gender(),
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
                let declined = if headline_name {
                    through_title_case(
                        texts[i],
                        |titled| decline(titled, context, slot, evidence),
                        |d| &mut d.text,
                    )
                } else {
                    decline(texts[i], context, slot, evidence)
                };
                if !seen_word {
                    if slot.person_gender.is_empty() {
                        slot.person_gender = name_gender(&declined);
                    }
                    slot.after_greek_name = !declined.genders.is_empty();
                    nominative_name = slot.person_gender == MASC
                        && declined.text == texts[i]
                        && declined.genders.intersects(MASC)
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
                person_gender: NO_GENDER,
                after_greek_name: false,
                before_surname: false,
            };
            let standard = entity_kind.is_standard();
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
                .view_text()
                .get(tokens[i - 1].view_byte_span.end..tokens[i].view_byte_span.start)
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
    // a learned adjective made of a name (Αριστοτελείου, Καποδιστριακού) agrees with the head
    // word after it
    let learned_adjective_at = |i: usize| {
        let next = alphabetic.iter().find(|&&j| j > i).map(|&j| norm(texts[j]));
        next.is_some_and(|next| is_learned_adjective(&norm(texts[i]), &next))
    };
    // a name with no head word and no adjective (a person or place name given another
    // label) declines word by word; labels of unknown meaning keep the safer head rule
    let structured = alphabetic.iter().any(|&i| {
        let n = norm(texts[i]);
        is_adjective(&n) || lexicon().is_head_word(&n)
    });
    if !structured && alphabetic.len() > 1 && standard_label {
        let mut first_genders = NO_GENDER;
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
                    || (context.is_some_and(|c| c.cases.intersects(GEN | PL_GEN))
                        && may_be_genitive(texts[i])))
            {
                continue;
            }
            let context = context.filter(|_| k == 0 || !common_noun);
            let declined = decline(texts[i], context, slot, evidence);
            if k == 0 {
                first_genders = declined.genders;
                // «Αη» (a saint) is Greek and leaves the name after it to decline
                first_fixed = declined.genders.is_empty()
                    && declined.text == texts[i]
                    && saint_gender(&norm(texts[i])).is_none();
            }
            out.push((i, declined.text));
        }
    } else if let Some(mut head) = alphabetic
        .iter()
        .copied()
        .find(|&i| !is_adjective(&norm(texts[i])) && !learned_adjective_at(i))
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
            .filter(|_| !lexicon().is_head_word(&norm(texts[head])));
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
fn name_gender(declined: &Declined) -> Genders {
    match declined.genders.single_person_gender() {
        NO_GENDER if declined.genders.intersects(MASC) && norm(&declined.text).ends_with("ος") => {
            MASC
        }
        gender => gender,
    }
}
