//! What the words before a mention say: the case and gender an article or preposition sets,
//! titles of people that may stand between the article and the name, titles of works that stay as
//! written, and the function words that end the part of a name agreeing with its article.

use super::grammar::{
    Cases, Genders, ACC, ANY_GENDER, FEM, GEN, MASC, NEUT, NOM, PL_ACC, PL_GEN, PL_NOM, VOC,
};
use super::kind::EntityKind;
use crate::normalize::{is_letter, norm};
use crate::{Document, Entity};

/// What the article or preposition before a mention says about its case and gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Context {
    pub cases: Cases,
    pub genders: Genders,
}

impl Context {
    /// True when the mention may stand in the singular nominative (after ο/η/το).
    pub fn is_nominative(self) -> bool {
        self.cases.intersects(NOM)
    }

    /// A plural context widened to the same singular cases: a plural article before one
    /// person's name introduces a list of people («τους Νίκο και Γιάννη»), or names a people
    /// («οι Τάταροι»).
    pub fn singular(self) -> Context {
        Context {
            cases: self.cases | self.cases.plural_as_singular(),
            genders: self.genders,
        }
    }

    pub fn allows(self, cases: Cases, genders: Genders) -> bool {
        self.cases.intersects(cases) && self.genders.intersects(genders)
    }
}

/// The context an article, an article fused with σε, or a bare preposition sets, by `norm`.
pub(crate) fn article_context(word_norm: &str) -> Option<Context> {
    let (cases, genders) = match word_norm {
        "ο" => (NOM, MASC),
        "η" => (NOM, FEM),
        // «το» also stands before masculine accusatives in speech (το Νοέμβριο)
        "το" => (NOM | ACC, NEUT | MASC),
        "οι" => (PL_NOM, MASC | FEM),
        "τα" => (PL_NOM | PL_ACC, NEUT),
        "του" | "στου" => (GEN, MASC | NEUT),
        "της" | "στης" => (GEN, FEM),
        "τον" | "στον" => (ACC, MASC),
        "την" | "τη" | "στην" | "στη" => (ACC, FEM),
        // «στο» is neuter, but speech also uses it before masculine names
        "στο" => (ACC, NEUT | MASC),
        "των" => (PL_GEN, ANY_GENDER),
        "τους" | "στους" => (PL_ACC, MASC),
        "τις" | "στις" => (PL_ACC, FEM),
        "στα" => (PL_ACC, NEUT),
        "σε" | "σ" | "απο" | "απ" | "με" | "για" | "γι" | "προς" | "κατα" | "μετα" | "χωρις"
        | "μεχρι" | "παρα" | "αντι" => (ACC | PL_ACC, ANY_GENDER),
        _ => return None,
    };
    Some(Context { cases, genders })
}

/// Titles that may stand between the article and a person's name («του πρωθυπουργού Κ. Μ.»),
/// in every case form, by `norm`.
pub(crate) fn is_title(word_norm: &str) -> bool {
    const STEMS: &[&str] = &[
        "πρωθυπουργ",
        "προεδρ",
        "αντιπροεδρ",
        "υπουργ",
        "υφυπουργ",
        "βουλευτ",
        "ευρωβουλευτ",
        "ηγετ",
        "αρχηγ",
        "δημαρχ",
        "περιφερειαρχ",
        "εκπροσωπ",
        "γραμματε",
        "διευθυντ",
        "καθηγητ",
        "συγγραφε",
        "ηθοποι",
        "τραγουδιστ",
        "προπονητ",
        "ποδοσφαιριστ",
        "επιτροπ",
        "εισαγγελε",
        "δικαστ",
        "πρεσβ",
        "στρατηγ",
        "αρχιεπισκοπ",
        "μητροπολιτ",
        "πατριαρχ",
        "βασιλι",
        "βασιλισσ",
        "πριγκιπ",
        "ιδρυτ",
        "σκηνοθετ",
        "ποιητ",
        "αγωνιστ",
        "συνθετ",
        "ζωγραφ",
        "δημοσιογραφ",
        "αθλητ",
        "ερευνητ",
        "αναλυτ",
    ];
    const WORDS: &[&str] = &[
        "κ",
        "κ.",
        "κα",
        "κα.",
        "δρ",
        "δρ.",
        "dr",
        "dr.",
        "καθ",
        "καθ.",
        "κυριος",
        "κυριου",
        "κυριο",
        "κυρια",
        "κυριας",
        "πρωην",
        "νυν",
        "επικεφαλης",
    ];
    WORDS.contains(&word_norm)
        || (word_norm.chars().count() <= 16
            && STEMS.iter().any(|s| {
                word_norm
                    .strip_prefix(s)
                    .is_some_and(|rest| rest.chars().count() <= 5)
            }))
}

/// The case and gender the article before a mention sets, looking past opening quotes
/// («του "Ολυμπιακού"») and, before a person, titles («του πρωθυπουργού κ. Μητσοτάκη»), within
/// the mention's sentence.
pub(crate) fn mention_context(
    doc: &Document,
    entity: &Entity,
    kind: EntityKind,
) -> Option<Context> {
    let tokens = &doc.tokens;
    let person = kind == EntityKind::Person;
    let sentence = tokens.get(entity.token_start)?.sentence;
    // a name addressed without an address word («Νίκο, έλα εδώ.»): a man's or a woman's
    // vocative (see super::vocative)
    if person {
        if let Some(context) =
            super::vocative::address_context(doc, entity.token_start, entity.token_end)
        {
            return Some(context);
        }
    }
    let mut i = entity.token_start;
    for _ in 0..4 {
        i = i.checked_sub(1)?;
        let token = tokens.get(i)?;
        if token.sentence != sentence {
            return None;
        }
        // «ή» (or) is no article, though its `norm` is that of «η»
        let disjunction = matches!(doc.word(token), "ή" | "Ή");
        if let Some(context) = article_context(&token.norm).filter(|_| !disjunction) {
            return Some(context);
        }
        // «κύριε», «αγαπητέ» address a man: his name is in the vocative (see super::address)
        if person && super::address::VOCATIVE_ONLY.contains(&token.norm.as_str()) {
            return Some(Context {
                cases: VOC,
                genders: MASC,
            });
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
pub(crate) fn is_title_of_work(texts: &[&str], quoted: bool) -> bool {
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
pub(crate) fn is_function_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && (article_context(&norm(word)).is_some() || matches!(norm(word).as_str(), "και" | "κι"))
}

/// True for an initial such as «Κ.» or «Γ».
pub(crate) fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(|c| is_letter(*c)).count();
    letters == 1
        || (letters == 2 && word.ends_with('.') && !ABBREVIATED_TITLES.contains(&&*norm(word)))
}

/// Titles abbreviated to two letters and a dot, which read as no initial («Δρ. Σπύρος
/// Παπαδόπουλος», «Κα. Ελένη Γεωργίου»), by `norm`.
const ABBREVIATED_TITLES: &[&str] = &["δρ.", "κα.", "dr."];

/// The gender of the saint an «Άγιος/Αγία» form names, by `norm`.
pub(crate) fn saint_gender(word_norm: &str) -> Option<Genders> {
    match word_norm {
        "αγιος" | "αγιου" | "αγιο" | "αγιε" | "αη" | "αι" => Some(MASC),
        "αγια" | "αγιας" => Some(FEM),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_recognized_in_any_case() {
        for t in ["πρωθυπουργού", "προέδρου", "υπουργό", "κ.", "βουλευτή"]
        {
            assert!(is_title(&norm(t)), "{t}");
        }
        assert!(!is_title(&norm("συνάντηση")));
        for abbreviated in ["Δρ.", "Δρ", "Καθ.", "Κα.", "Dr."] {
            assert!(is_title(&norm(abbreviated)), "{abbreviated}");
        }
        assert!(!is_initial("Δρ.") && !is_initial("Κα."));
        assert!(is_initial("Γρ.") && is_initial("Κ."));
    }
}
