//! Adjectives of organization and place names (Εθνική Τράπεζα, Νέα Υόρκη, Βόρειο Αιγαίο): which
//! words they are, and their nominative agreeing with the head noun.

use super::grammar::{Genders, FEM, MASC, NEUT};
use super::lexicon::lexicon;
use super::readings::{in_capitals, is_fixed, match_case, plain, through_title_case};
use super::spelling::accent_last_vowel;
use crate::greek::capitalize;
use crate::normalize::norm;

/// True for words of organization and place names that agree with their head noun
/// (Εθνική Τράπεζα, Νέα Υόρκη, Ηνωμένες Πολιτείες), by `norm`.
pub(crate) fn is_adjective(word_norm: &str) -> bool {
    const STEMS: &[&str] = &[
        "νε",
        "αγι",
        "μεγαλ",
        "μικρ",
        "ηνωμεν",
        "ενωμεν",
        "χρυσ",
        "λευκ",
        "μαυρ",
        "ερυθρ",
        "παλαι",
        "ανωτατ",
        "ανωτερ",
        "πρωτ",
        "δευτερ",
        "βορει",
        "νοτι",
        "δημοσι",
        "ελευθερ",
        "ιερ",
        "ορθοδοξ",
        "ανεξαρτητ",
        "ενιαι",
        "γενικ",
        "ανοιχτ",
        "ομοσπονδιακ",
        "αυτονομ",
        "μητροπολιτικ",
        "παγκοσμι",
        "πανελληνι",
    ];
    const ENDS: &[&str] = &[
        "ος", "ου", "ο", "οι", "ους", "ων", "η", "ης", "α", "ας", "ες",
    ];
    if matches!(word_norm, "ανω" | "κατω" | "πανω" | "μεσα" | "εξω") {
        return true;
    }
    let Some(stem) = ENDS.iter().find_map(|e| word_norm.strip_suffix(e)) else {
        return false;
    };
    // superlatives, comparatives and participles: Γαληνότατη, Ανώτερη, Ενωμένη
    STEMS.contains(&stem)
        || (stem.chars().count() > 4
            && (stem.ends_with("τατ") || stem.ends_with("τερ") || stem.ends_with("μεν")))
        || stem.ends_with("ικ")
        || stem.ends_with("ιακ")
        || stem.ends_with("ινικ")
        || matches!(
            word_norm,
            "διεθνης" | "διεθνους" | "διεθνη" | "διεθνες" | "διεθνεις" | "διεθνων"
        )
}

/// True for a learned adjective in -ειος made of a name (Αριστοτέλειο, Πάντειο, Ιόνιο is not
/// one) standing before `next_norm`: a head word of names («του Αριστοτελείου Πανεπιστημίου»),
/// or, when the lexicon does not know the word itself, a word in the same case ending («του
/// Ευγενιδείου Θεραπευτηρίου», «του Ωνασείου Καρδιοχειρουργικού Κέντρου»). Both by `norm`.
/// Alone, or before a word of another case, such a word is a name itself (Ηρακλείου Κρήτης is
/// Ηράκλειο's genitive).
pub(crate) fn is_learned_adjective(word_norm: &str, next_norm: &str) -> bool {
    let Some(case_ending) = learned_ending(word_norm) else {
        return false;
    };
    lexicon().is_head_word(next_norm)
        || (next_norm.ends_with(case_ending)
            && next_norm.chars().count() > case_ending.chars().count() + 2
            && lexicon().forms(word_norm).is_empty())
}

/// The case ending of a learned adjective in -ειος by `norm` (`ου` of «αριστοτελειου»), or
/// `None` for a word of another shape or a stem of fewer than three letters.
fn learned_ending(word_norm: &str) -> Option<&'static str> {
    const ENDS: &[&str] = &[
        "ειος",
        "ειου",
        "ειο",
        "ειε",
        "εια",
        "ειας",
        "ειοι",
        "ειων",
        "ειους",
        "ειες",
    ];
    ENDS.iter()
        .find(|e| {
            word_norm
                .strip_suffix(*e)
                .is_some_and(|stem| stem.chars().count() >= 3)
        })
        .map(|e| &e["ει".len()..])
}

/// The adjective `word` agreeing in the nominative with a head of `genders` and number.
pub(crate) fn decline_adjective(word: &str, genders: Genders, plural: bool) -> String {
    if is_fixed(word) {
        return word.to_string();
    }
    if in_capitals(word) {
        return through_title_case(
            word,
            |titled| decline_adjective(titled, genders, plural),
            |s| s,
        );
    }
    let word_norm = norm(word);
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let gender = if genders.intersects(FEM) && !genders.intersects(MASC) {
        FEM
    } else if genders == NEUT {
        NEUT
    } else if genders.intersects(MASC) {
        MASC
    } else {
        return word.to_string();
    };
    let fixed = |lower: &str| match_case(if capital { "Α" } else { "α" }, &capitalize(lower));
    if word_norm.starts_with("αγι") && word_norm.chars().count() <= 5 {
        return fixed(match (gender, plural) {
            (MASC, false) => "άγιος",
            (FEM, false) => "αγία",
            (NEUT, false) => "άγιο",
            (MASC, true) => "άγιοι",
            (FEM, true) => "άγιες",
            _ => "άγια",
        });
    }
    if word_norm.starts_with("διεθν") && word_norm.chars().count() <= 9 {
        let stem: String = word.chars().take(5).collect();
        return format!(
            "{stem}{}",
            match (gender, plural) {
                (NEUT, false) => "ές",
                (_, false) => "ής",
                (NEUT, true) => "ή",
                _ => "είς",
            }
        );
    }
    const ADJ_ENDINGS: &[&str] = &[
        "ους", "ούς", "ων", "ών", "ος", "ός", "ου", "ού", "ης", "ής", "ας", "άς", "οι", "οί", "ες",
        "ές", "ο", "ό", "η", "ή", "α", "ά",
    ];
    let Some((stem, end)) = ADJ_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|s| (s, *e)))
    else {
        return word.to_string();
    };
    let accented = end != plain(end);
    let stem_norm = norm(stem);
    let feminine_alpha = matches!(plain(end), "α" | "ας")
        || (!matches!(plain(end), "η" | "ης")
            && stem_norm.ends_with(['ι', 'ε', 'α', 'ο', 'υ'])
            && !stem_norm.ends_with("ικ"));
    // a learned adjective written with the two-termination -ειος/-ειου keeps it in the feminine
    // («η Βαρβάκειος Σχολή», «της Βαρβακείου Σχολής»)
    let two_termination = matches!(plain(end), "ος" | "ου")
        && (word_norm.ends_with("ειος") || word_norm.ends_with("ειου"));
    let new_end = match (gender, plural) {
        (MASC, false) => ("ος", "ός"),
        (FEM, false) if two_termination => ("ος", "ός"),
        (FEM, false) if feminine_alpha => ("α", "ά"),
        (FEM, false) => ("η", "ή"),
        (NEUT, false) => ("ο", "ό"),
        (MASC, true) => ("οι", "οί"),
        (FEM, true) => ("ες", "ές"),
        _ => ("α", "ά"),
    };
    // the genitive of an adjective in -ιος takes the accent forward (Πανελλήνιος →
    // Πανελληνίου, Βόρειος → Βορείου): the nominative takes it back
    let stem = match (plain(end), stem.strip_suffix('ί')) {
        // not after α (Ενιαίος, Ευρωπαίος keep their accent)
        ("ου" | "ων" | "ους", Some(before)) if !before.ends_with(['α', 'ο', 'υ']) => {
            accent_last_vowel_group(before).map_or_else(|| stem.to_string(), |b| format!("{b}ι"))
        }
        _ => stem.to_string(),
    };
    format!("{stem}{}", if accented { new_end.1 } else { new_end.0 })
}

/// `stem` with a tonos on its last vowel group (Πανελλην → Πανελλήν, Βορε → Βόρε: a diphthong
/// before the lost ι takes the accent on the syllable before it).
fn accent_last_vowel_group(stem: &str) -> Option<String> {
    // «Βορε» + ί: «ει» was one syllable, so the accent goes to the vowel before it
    let stem_for_accent = match stem.char_indices().last() {
        Some((at, 'ε')) => &stem[..at],
        _ => stem,
    };
    let accented = accent_last_vowel(stem_for_accent)?;
    Some(format!("{accented}{}", &stem[stem_for_accent.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_agree_with_their_head() {
        assert!(is_adjective(&norm("Εθνικής")));
        assert!(is_adjective(&norm("Νέας")));
        assert!(!is_adjective(&norm("Τράπεζας")));
        assert_eq!(decline_adjective("Εθνικής", FEM, false), "Εθνική");
        assert_eq!(decline_adjective("Νέας", FEM, false), "Νέα");
        assert_eq!(decline_adjective("Ευρωπαϊκού", NEUT, false), "Ευρωπαϊκό");
        assert_eq!(decline_adjective("Ηνωμένων", FEM, true), "Ηνωμένες");
        assert_eq!(decline_adjective("Αγίου", NEUT, false), "Άγιο");
        assert_eq!(decline_adjective("Διεθνούς", NEUT, false), "Διεθνές");
        assert!(is_learned_adjective(
            &norm("Αριστοτελείου"),
            &norm("Πανεπιστημίου")
        ));
        assert!(!is_learned_adjective(&norm("Ηρακλείου"), &norm("Κρήτης")));
        assert_eq!(
            decline_adjective("Αριστοτελείου", NEUT, false),
            "Αριστοτέλειο"
        );
        assert_eq!(decline_adjective("Παντείου", NEUT, false), "Πάντειο");
        assert_eq!(decline_adjective("Ευγενιδείου", NEUT, false), "Ευγενίδειο");
    }

    #[test]
    fn learned_adjectives_before_unknown_heads_of_the_same_case() {
        for (word, next) in [
            ("Ευγενιδείου", "Θεραπευτηρίου"),
            ("Ωνασείου", "Καρδιοχειρουργικού"),
        ] {
            assert!(is_learned_adjective(&norm(word), &norm(next)), "{word}");
        }
        // another case after it: the word is a name, «Ηρακλείου Κρήτης»
        assert!(!is_learned_adjective(&norm("Ηρακλείου"), &norm("Κρήτης")));
        assert!(!is_learned_adjective(&norm("Σχολείου"), &norm("Αθηνών")));
    }

    #[test]
    fn a_two_termination_learned_adjective_stays_in_os_in_the_feminine() {
        assert_eq!(decline_adjective("Βαρβακείου", FEM, false), "Βαρβάκειος");
        assert_eq!(decline_adjective("Βαρβάκειος", FEM, false), "Βαρβάκειος");
    }
}
