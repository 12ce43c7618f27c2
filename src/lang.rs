//! Language identification with whatlang, on a bounded prefix of the text.

use crate::Language;

/// How much of a document is looked at: enough for a confident guess, and constant, so a
/// 200 MB document costs no more than a short one.
const PREFIX_BYTES: usize = 3 * 1024;

/// Share of Greek-script words among all words with letters above which a document is Greek
/// whatever whatlang says: Latin brand and product names in a Greek article («η Microsoft και η OpenAI») make
/// whatlang guess a Latin-script language from a handful of words.
const GREEK_MAJORITY: f64 = 0.5;

/// Smallest share of Greek-script words that, with Latin words written as Greeklish, makes a Greek
/// document: a Greek line followed by the same message typed in Latin letters.
const GREEK_WITH_GREEKLISH: f64 = 0.15;

/// Share of Latin-script words that must be Greek function words typed in Latin letters
/// ([`GREEKLISH_WORDS`]) for the Latin text to count as Greeklish.
const GREEKLISH_RATIO: f64 = 0.2;

/// Share of the Latin-script words that must be capitalized (names, brands, a headline's
/// English label) for a text with a Greek part to be Greek: «Breaking News: Ο Elon Musk και η
/// Tesla», where the Greek words are the sentence and the Latin ones the names in it. English
/// prose with a Greek name has mostly lowercase Latin words.
const LATIN_NAMES_RATIO: f64 = 0.75;

/// Frequent Greek words as Greeklish writers type them: articles, pronouns, prepositions,
/// particles and conjunctions, in their common spellings. Few are English, German or Italian
/// words that frequent.
const GREEKLISH_WORDS: &[&str] = &[
    "kai",
    "ke",
    "einai",
    "ine",
    "to",
    "ta",
    "tou",
    "tis",
    "tin",
    "ton",
    "stin",
    "sto",
    "stous",
    "na",
    "tha",
    "den",
    "dn",
    "me",
    "se",
    "mou",
    "sou",
    "mas",
    "sas",
    "gia",
    "yia",
    "apo",
    "poli",
    "poly",
    "pou",
    "oti",
    "alla",
    "ala",
    "ena",
    "enan",
    "mia",
    "ti",
    "edo",
    "edw",
    "ekei",
    "auto",
    "afto",
    "ayto",
    "simera",
    "kala",
    "kalimera",
    "kalinixta",
    "nai",
    "oxi",
    "ohi",
    "eimai",
    "eisai",
    "exei",
    "exo",
    "exw",
    "echo",
    "otan",
    "giati",
    "pos",
    "pws",
    "tora",
    "twra",
    "mono",
    "pali",
    "ego",
    "egw",
    "esy",
    "esi",
    "emeis",
    "olous",
    "oloi",
    "ola",
];

/// Greek words typed in Latin letters that are no frequent words of the languages whatlang
/// confuses Greeklish with (Czech, Slovak, Italian, Spanish, English, German …): «na», «se», «to»,
/// «sto», «mas», «alla», «den», «ego» are left out. A text in Latin letters with enough of these
/// is Greek written as Greeklish ([`GREEKLISH_ALONE_RATIO`]).
const DISTINCTIVE_GREEKLISH: &[&str] = &[
    "kai",
    "ke",
    "einai",
    "ine",
    "tou",
    "tis",
    "tin",
    "stin",
    "stis",
    "ston",
    "stous",
    "tha",
    "dn",
    "mou",
    "sou",
    "sas",
    "gia",
    "yia",
    "apo",
    "poli",
    "poly",
    "pou",
    "oti",
    "enan",
    "edo",
    "edw",
    "ekei",
    "afto",
    "ayto",
    "afti",
    "ayti",
    "simera",
    "kala",
    "kalo",
    "kali",
    "kalimera",
    "kalinixta",
    "kalispera",
    "nai",
    "oxi",
    "ohi",
    "eimai",
    "eisai",
    "eimaste",
    "exei",
    "exo",
    "exw",
    "exeis",
    "otan",
    "giati",
    "gt",
    "pws",
    "tora",
    "twra",
    "egw",
    "esy",
    "esi",
    "emeis",
    "eseis",
    "olous",
    "oloi",
    "kaneis",
    "kanei",
    "kano",
    "kanw",
    "thelo",
    "thelw",
    "theleis",
    "ksero",
    "xero",
    "kserw",
    "omws",
    "omos",
    "akoma",
    "episis",
    "mazi",
    "panta",
    "pote",
    "kati",
    "tipota",
    "avrio",
    "aurio",
    "xthes",
    "efxaristo",
    "eyxaristw",
    "euxaristw",
    "parakalo",
    "parakalw",
    "pame",
    "re",
    "ante",
    "malista",
    "ti",
    "geia",
    "opws",
    "opos",
    "ekana",
    "eipa",
    "leei",
    "leme",
    "nomizo",
    "nomizw",
    "pio",
    "toso",
    "tosa",
    "mporo",
    "mporw",
    "prepei",
    "ligo",
    "kapoios",
    "kapou",
    "etsi",
];

/// Share of a Latin-script text's words that must be [`DISTINCTIVE_GREEKLISH`] words for it to
/// be Greek written in Latin letters, with at least [`GREEKLISH_ALONE_MIN`] of them. Greek
/// function words make up about half of Greek running text; a fifth leaves room for names and
/// for spellings the list lacks, and the languages whatlang would name score far lower.
const GREEKLISH_ALONE_RATIO: f64 = 0.2;

/// Fewest [`DISTINCTIVE_GREEKLISH`] words that make a text in Latin letters Greeklish: one «ti»
/// or «re» in another language is no evidence.
const GREEKLISH_ALONE_MIN: usize = 2;

/// Detects the language of `text`. The code is ISO 639-3 (`ell` for Greek); `""` and
/// confidence 0.0 when it cannot be determined (empty text, digits only …).
///
/// whatlang decides, except for Greek: a text whose words are mostly in Greek letters is `ell`
/// (with the share of Greek-script words as its confidence when whatlang said otherwise), and so
/// is a text with a Greek part whose Latin-script words are Greeklish (confidence: the Greek
/// words' share plus the Latin words' share weighted by how many of them are Greeklish function
/// words).
/// Greek text that whatlang itself calls Greek keeps whatlang's confidence.
pub fn detect(text: &str) -> Language {
    let mut end = text.len().min(PREFIX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    let guess = whatlang::detect(prefix).map(|info| Language {
        code: info.lang().code(),
        confidence: info.confidence(),
    });
    if guess.as_ref().is_some_and(|g| g.code == "ell") {
        return guess.unwrap_or_default();
    }
    let (greek, words) = word_scripts(prefix);
    if words > 0 {
        let share = greek as f64 / words as f64;
        if share >= GREEK_MAJORITY {
            return greek_with(share);
        }
        if share >= GREEK_WITH_GREEKLISH {
            let (greeklish, capitalized) = latin_word_shares(prefix);
            if greeklish >= GREEKLISH_RATIO {
                return greek_with(share + (1.0 - share) * greeklish);
            }
            // names count as weaker evidence than Greeklish words: half their share
            if capitalized >= LATIN_NAMES_RATIO {
                return greek_with(share + (1.0 - share) * capitalized / 2.0);
            }
        }
        if let Some(confidence) = greeklish_alone(prefix) {
            return greek_with(share + (1.0 - share) * confidence);
        }
    }
    guess.unwrap_or_default()
}

/// Whether `text`, in Latin letters, is Greek typed as Greeklish («Geia sou Maria, ti kaneis?»):
/// the share of its Latin-script words that are [`DISTINCTIVE_GREEKLISH`] words, when it reaches
/// [`GREEKLISH_ALONE_RATIO`] with at least [`GREEKLISH_ALONE_MIN`] of them. A researcher filtering
/// on `language == "ell"` wants such posts: the language is Greek, only the script is not (so the
/// tagger, trained on Greek script, finds little in them).
fn greeklish_alone(text: &str) -> Option<f64> {
    let mut latin = 0usize;
    let mut greeklish = 0usize;
    for word in latin_words(text) {
        latin += 1;
        greeklish += usize::from(in_list(word, DISTINCTIVE_GREEKLISH));
    }
    let share = greeklish as f64 / latin.max(1) as f64;
    (greeklish >= GREEKLISH_ALONE_MIN && share >= GREEKLISH_ALONE_RATIO).then_some(share)
}

fn greek_with(confidence: f64) -> Language {
    Language {
        code: "ell",
        confidence: confidence.min(1.0),
    }
}

/// (Greek-script words, words with a letter) in `text`; a word is Greek-script when it has
/// more Greek letters than other letters.
fn word_scripts(text: &str) -> (usize, usize) {
    let mut greek = 0;
    let mut words = 0;
    for word in text.split(|c: char| !crate::greek::is_letter(c)) {
        let letters = word.chars().count();
        if letters == 0 {
            continue;
        }
        words += 1;
        let greek_letters = word
            .chars()
            .filter(|&c| crate::greek::is_greek_letter(c))
            .count();
        greek += usize::from(2 * greek_letters > letters);
    }
    (greek, words)
}

/// The words of `text` written wholly in ASCII Latin letters.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether `word`, lowercased, is one of `list`.
fn in_list(word: &str, list: &[&str]) -> bool {
    let lower = word.to_ascii_lowercase();
    list.contains(&lower.as_str())
}

/// Shares of the Latin-script words of `text` that are Greeklish function words, and that are
/// capitalized (their first letter a capital: «Tesla», «LIVE»).
fn latin_word_shares(text: &str) -> (f64, f64) {
    let mut latin = 0usize;
    let mut greeklish = 0usize;
    let mut capitalized = 0usize;
    for word in latin_words(text) {
        latin += 1;
        greeklish += usize::from(in_list(word, GREEKLISH_WORDS));
        capitalized += usize::from(word.starts_with(|c: char| c.is_ascii_uppercase()));
    }
    if latin == 0 {
        (0.0, 0.0)
    } else {
        (
            greeklish as f64 / latin as f64,
            capitalized as f64 / latin as f64,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_is_detected_as_ell() {
        let lang =
            detect("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών.");
        assert_eq!(lang.code, "ell");
        assert!(lang.confidence > 0.5, "{lang:?}");
    }

    #[test]
    fn english_is_detected_as_eng() {
        let lang = detect("The government announced new measures to support households today.");
        assert_eq!(lang.code, "eng");
    }

    #[test]
    fn undetermined_text_gives_empty_code() {
        assert_eq!(detect(""), Language::default());
        assert_eq!(detect("12345 678"), Language::default());
    }

    #[test]
    fn only_a_prefix_is_read() {
        // a Greek opening decides, however much English follows; the cut lands inside a letter
        let mut text = String::from("x");
        while text.len() < PREFIX_BYTES + 10 {
            text.push_str("Οι πολίτες ψηφίζουν την Κυριακή στις εκλογές. ");
        }
        text.push_str(&"The rest of this document is written in English. ".repeat(1000));
        assert_eq!(detect(&text).code, "ell");
    }

    #[test]
    fn greek_with_latin_names_is_greek() {
        let lang = detect(
            "Η Microsoft και η OpenAI ανακοίνωσαν νέα συνεργασία με τη Vodafone για το Azure \
             και το ChatGPT Enterprise.",
        );
        assert_eq!(lang.code, "ell");
        assert!(lang.confidence > 0.6 && lang.confidence < 1.0, "{lang:?}");
        let lang = detect("Το Netflix και το Spotify αύξησαν τις τιμές στο Google Play Store.");
        assert_eq!(lang.code, "ell", "{lang:?}");
    }

    #[test]
    fn a_greek_line_with_a_greeklish_line_is_greek() {
        let lang = detect(
            "Καλημέρα σε όλους, τι κάνετε;\nKalimera se olous, ti kanete? Ola kala edo sto \
             xorio, kanei poly zesti simera.",
        );
        assert_eq!(lang.code, "ell");
        assert!(lang.confidence > 0.4 && lang.confidence < 1.0, "{lang:?}");
    }

    #[test]
    fn greek_sentences_around_latin_names_are_greek() {
        for text in [
            "Breaking News: Ο Elon Musk και η Tesla.",
            "LIVE: Champions League – ΠΑΟΚ vs Real Madrid στο Toumba Stadium",
            "Η Apple και η Samsung στο CES του Las Vegas.",
        ] {
            let lang = detect(text);
            assert_eq!(lang.code, "ell", "{text}");
            assert!(lang.confidence >= 0.5 && lang.confidence < 1.0, "{lang:?}");
        }
        // code-switching into English prose stays with whatlang
        assert_ne!(
            detect("Όλα καλά; We will see you at the meeting tomorrow, after the lunch break.")
                .code,
            "ell"
        );
    }

    #[test]
    fn a_text_all_in_greeklish_is_greek() {
        for text in [
            "Geia sou Maria, ti kaneis? Ola kala edw?",
            "Re paidia, ti egine me to mpalaki? Den exw idea, mallon tha to kanoun avrio.",
            "kalimera se olous!! exei poli krio simera sti thessaloniki",
            "Nomizw oti o Giorgos exei dikio, alla prepei na to doume kai me tous allous.",
        ] {
            let lang = detect(text);
            assert_eq!(lang.code, "ell", "{text}");
            assert!(lang.confidence > 0.2 && lang.confidence < 1.0, "{lang:?}");
        }
    }

    #[test]
    fn other_languages_in_latin_letters_are_no_greeklish() {
        for (text, code) in [
            (
                "Dobrý den, jak se máte? Na shledanou zítra ve škole.",
                "ces",
            ),
            (
                "Ho visto il film ieri sera con mia sorella e mi è piaciuto molto.",
                "ita",
            ),
            (
                "Mañana vamos a la playa con mis amigos si hace buen tiempo.",
                "spa",
            ),
            (
                "I want to go to the store with my friends before the weekend.",
                "eng",
            ),
            ("Ich gehe heute Abend mit meinen Freunden ins Kino.", "deu"),
        ] {
            assert_eq!(detect(text).code, code, "{text}");
        }
    }

    #[test]
    fn english_with_a_greek_name_stays_english() {
        let lang = detect(
            "The meeting with the Greek minister Νίκος Παππάς was held in Brussels on Monday \
             and lasted for three hours.",
        );
        assert_eq!(lang.code, "eng");
    }
}
