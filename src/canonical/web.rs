//! E-mail addresses and links are no entities: «ΓΡΑΦΕΙΟ@ΥΠΕΞ.GR» in capitals looks like an
//! acronym to the tagger, and «https://www.βουλή.gr/νόμοι» like a name. The tagger's tags on such
//! tokens are dropped after tagging, before mentions are read. A bare domain stays as tagged: «το
//! naftemporiki.gr» and «www.civilprotection.gr» name a news site or a service as an organization
//! (elNER tags them ORG, and its e-mail addresses O).

use crate::{Document, Iob, TokenKind};

/// Whether a URL token is a link rather than a site's name: it has a scheme or a path.
fn is_link(url: &str) -> bool {
    url.contains("://") || url.trim_end_matches('/').contains('/')
}

/// Sets every e-mail address and link token ([`is_link`]) to `O`. A token of the same entity
/// right after a dropped one opens its own mention (its `I` becomes `B`), so the name the
/// address was glued to stays one.
pub(crate) fn untag_web_addresses(doc: &mut Document) {
    let mut dropped_label = None;
    for i in 0..doc.tokens.len() {
        let token = &doc.tokens[i];
        let drop = match token.kind {
            TokenKind::Email => true,
            TokenKind::Url => is_link(doc.word(token)),
            _ => false,
        };
        let token = &mut doc.tokens[i];
        if drop {
            dropped_label = token.entity_type.take();
            token.iob = Iob::O;
            continue;
        }
        if token.iob == Iob::I && dropped_label.is_some() && token.entity_type == dropped_label {
            token.iob = Iob::B;
        }
        dropped_label = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::tagged::{sentence, tags};

    fn with_kinds(words: &[(&str, &str, TokenKind)]) -> Document {
        let mut doc = sentence(&words.iter().map(|&(w, t, _)| (w, t)).collect::<Vec<_>>());
        for (token, &(_, _, kind)) in doc.tokens.iter_mut().zip(words) {
            token.kind = kind;
        }
        doc
    }

    #[test]
    fn addresses_lose_their_tags_and_names_around_them_keep_theirs() {
        let mut doc = with_kinds(&[
            ("Γράψτε", "O", TokenKind::Word),
            ("στο", "O", TokenKind::Word),
            ("ΤΥΠΟΣ@ΥΠΕΞ.GR", "B-ORG", TokenKind::Email),
            ("ή", "O", TokenKind::Word),
            ("https://www.βουλή.gr/νόμοι", "B-ORG", TokenKind::Url),
            ("του", "O", TokenKind::Word),
            ("Υπουργείου", "B-ORG", TokenKind::Word),
            ("Εξωτερικών", "I-ORG", TokenKind::Word),
        ]);
        untag_web_addresses(&mut doc);
        assert_eq!(tags(&doc), ["O", "O", "O", "O", "O", "O", "B-ORG", "I-ORG"]);
    }

    #[test]
    fn a_bare_domain_naming_a_site_keeps_its_tag() {
        let mut doc = with_kinds(&[
            ("σύμφωνα", "O", TokenKind::Word),
            ("με", "O", TokenKind::Word),
            ("το", "O", TokenKind::Word),
            ("naftemporiki.gr", "B-ORG", TokenKind::Url),
            ("και", "O", TokenKind::Word),
            ("www.ερτ.gr/", "B-ORG", TokenKind::Url),
            ("ή", "O", TokenKind::Word),
            ("ερτ.gr/ειδήσεις", "B-ORG", TokenKind::Url),
        ]);
        untag_web_addresses(&mut doc);
        assert_eq!(tags(&doc), ["O", "O", "O", "B-ORG", "O", "B-ORG", "O", "O"]);
    }

    #[test]
    fn a_name_after_an_address_inside_a_mention_opens_its_own() {
        let mut doc = with_kinds(&[
            ("info@ερτ.gr", "B-ORG", TokenKind::Email),
            ("ΕΡΤ", "I-ORG", TokenKind::Word),
            ("Αθήνα", "I-LOC", TokenKind::Word),
        ]);
        untag_web_addresses(&mut doc);
        assert_eq!(tags(&doc), ["O", "B-ORG", "I-LOC"]);
        assert_eq!(doc.tokens[0].entity_type, None);
    }
}
