//! Genitives inside a name that do not agree with its head and stay as written: complements
//! («Τράπεζα της Ελλάδος», «Ασφάλεια Αγρινίου», «Ολυμπιακός Πειραιώς»).

use super::articles::Context;
use super::grammar::{Genders, ANY_GENDER, GEN, PL_GEN};
use super::lexicon::lexicon;
use crate::normalize::norm;

/// True when `word`, inside a name after its first word, is a genitive that does not agree with the
/// name: every lexicon form of it is a genitive, and none of a gender that the article or the
/// name's first word (`first_genders`, 0 if unknown) allows («της Ασφάλειας Αγρινίου»: Αγρινίου
/// is only the genitive of the neuter Αγρίνιο).
pub(crate) fn is_genitive_complement(
    word: &str,
    context: Option<Context>,
    first_genders: Genders,
) -> bool {
    let mut allowed = context.map_or(ANY_GENDER, |c| c.genders);
    if !first_genders.is_empty() {
        allowed &= first_genders;
    }
    if context.is_none() && first_genders.is_empty() {
        return false;
    }
    let lex = lexicon();
    let forms = lex.forms(&norm(word));
    !forms.is_empty()
        && forms.iter().all(|f| {
            !f.cases.intersects(!(GEN | PL_GEN))
                && lex
                    .lexemes
                    .get(f.lexeme as usize)
                    .is_some_and(|l| !l.gender.intersects(allowed))
        })
}

/// True when `word`, right after the adjective `adjective` inside a name, is a genitive
/// complement and not the noun the adjective agrees with: the adjective is then itself the noun
/// («Ολυμπιακός Πειραιώς», «Εθνική Ελλάδος»). Learned genitives (-εως, -ώς, -άδος) are always
/// complements; another word that is only ever a genitive is one when the adjective is not in the
/// genitive or the article rules the genitive out. Head words (Τράπεζα) are never complements
/// here. «του Ολυμπιακού Βόλου» stays undecided: it has the shape of «του Ερυθρού Σταυρού».
pub(crate) fn complements_adjective(word: &str, adjective: &str, context: Option<Context>) -> bool {
    let word_norm = norm(word);
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    if word_norm.ends_with("εως") || word_norm.ends_with("ιως") {
        return true;
    }
    if lexicon().is_head_word(&word_norm) || !is_only_genitive(word) {
        return false;
    }
    // third-declension genitives of the learned language live on in names only (Ελλάδος)
    if word_norm.ends_with("αδος") || word_norm.ends_with("ιδος") {
        return true;
    }
    let adjective_norm = norm(adjective);
    let adjective_genitive = ["ου", "ης", "ας", "ων"]
        .iter()
        .any(|e| adjective_norm.ends_with(e));
    !adjective_genitive || context.is_some_and(|c| !c.cases.intersects(GEN | PL_GEN))
}

/// True when `word` can only be a genitive: every lexicon form spelled like it is one
/// (Μαδρίτης), or, for a word without a paradigm, it is a known feminine nominative in -α/-η plus
/// the genitive's -ς and no nominative itself (Λισαβόνας).
pub(crate) fn is_only_genitive(word: &str) -> bool {
    let lex = lexicon();
    let forms = lex.forms(&norm(word));
    if !forms.is_empty() {
        return forms.iter().all(|f| !f.cases.intersects(!(GEN | PL_GEN)));
    }
    word.strip_suffix('ς')
        .is_some_and(|stem| stem.ends_with(['α', 'ά', 'η', 'ή']) && lex.knows_nominative(stem))
        && !lex.knows_nominative(word)
}

/// True when some lexicon form spelled like `word` is a genitive (Μαδρίτης, also read as a
/// masculine nominative), or [`is_only_genitive`] says so.
pub(crate) fn may_be_genitive(word: &str) -> bool {
    lexicon()
        .forms(&norm(word))
        .iter()
        .any(|f| f.cases.intersects(GEN | PL_GEN))
        || is_only_genitive(word)
}
