//! `terms.csv`: counts per stem over non-stopword word tokens.

use super::sink::{Column, RowSink};
use super::totals::{per_million, STAT_DECIMALS};
use super::{slot, StrMap};
use crate::{Document, TokenKind};

#[derive(Default)]
struct Term {
    count: u64,
    documents: u64,
    last_doc: Option<u64>,
    /// The `norm` forms seen for the stem with their counts; few per stem, so a vector.
    forms: Vec<(Box<str>, u64)>,
}

impl Term {
    fn add_form(&mut self, norm: &str, n: u64) {
        match self.forms.iter_mut().find(|(f, _)| &**f == norm) {
            Some((_, count)) => *count += n,
            None => self.forms.push((norm.into(), n)),
        }
    }

    /// The most frequent form, ties alphabetically.
    fn form(&self) -> &str {
        self.forms
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map_or("", |(f, _)| f)
    }
}

/// Stem and form counts; memory grows with the vocabulary, not the corpus. Partial counts from
/// different threads combine with [`TermCounts::merge`].
#[derive(Default)]
pub struct TermCounts {
    terms: StrMap<Term>,
}

impl TermCounts {
    /// Counts the document's non-stopword words. `doc_index` must differ between documents.
    pub fn add_document(&mut self, doc: &Document, doc_index: u64) {
        for t in &doc.tokens {
            if t.stopword || t.kind != TokenKind::Word {
                continue;
            }
            let term = slot(&mut self.terms, &t.stem);
            term.count += 1;
            if term.last_doc != Some(doc_index) {
                term.last_doc = Some(doc_index);
                term.documents += 1;
            }
            term.add_form(&t.norm, 1);
        }
    }

    /// Every `(stem, documents, form, count of the form)`, in no particular order: the state a
    /// partial result keeps (see [`crate::partial`]). A stem's count is the sum over its forms.
    pub fn rows(&self) -> impl Iterator<Item = (&str, u64, &str, u64)> {
        self.terms.iter().flat_map(|(stem, t)| {
            (t.forms.iter()).map(move |(form, n)| (&**stem, t.documents, &**form, *n))
        })
    }

    /// Adds `n` tokens of `stem` written `form`, counted elsewhere (another part).
    pub fn add_form_count(&mut self, stem: &str, form: &str, n: u64) {
        let term = slot(&mut self.terms, stem);
        term.count += n;
        term.add_form(form, n);
    }

    /// Adds `n` documents containing `stem`, counted elsewhere (documents of another part).
    pub fn add_documents(&mut self, stem: &str, n: u64) {
        slot(&mut self.terms, stem).documents += n;
    }

    /// Number of distinct stems.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Adds counts made over other documents.
    pub fn merge(&mut self, other: TermCounts) {
        for (stem, t) in other.terms {
            let mine = self.terms.entry(stem).or_default();
            mine.count += t.count;
            mine.documents += t.documents;
            for (form, n) in t.forms {
                mine.add_form(&form, n);
            }
        }
    }

    /// Writes `stem,form,count,documents,per_million_words`, most frequent first, ties by stem;
    /// `words` is the corpus's number of word tokens (stopwords included), the rate's denominator.
    pub fn write<S: RowSink + ?Sized>(&self, words: u64, out: &mut S) -> std::io::Result<()> {
        out.begin(&[
            Column::text("stem"),
            Column::text("form"),
            Column::int("count"),
            Column::int("documents"),
            Column::float("per_million_words", STAT_DECIMALS),
        ])?;
        let mut rows: Vec<_> = self.terms.iter().collect();
        rows.sort_unstable_by(|(sa, a), (sb, b)| b.count.cmp(&a.count).then_with(|| sa.cmp(sb)));
        for (stem, t) in rows {
            out.text(stem)?;
            out.text(t.form())?;
            out.int(t.count)?;
            out.int(t.documents)?;
            out.float(per_million(t.count, words), STAT_DECIMALS)?;
            out.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Iob, Span, Token};

    fn doc(words: &[(&str, &str, bool)]) -> Document {
        let tokens = words
            .iter()
            .map(|&(norm, stem, stopword)| Token {
                sentence: 0,
                byte_span: Span::default(),
                char_start: 0,
                char_end: 0,
                view_byte_span: Span::default(),
                kind: TokenKind::Word,
                norm: norm.into(),
                stem: stem.into(),
                stopword,
                iob: Iob::O,
                entity_type: None,
            })
            .collect();
        Document {
            tokens,
            ..Document::default()
        }
    }

    #[test]
    fn counts_stems_documents_and_names_them_by_their_commonest_form() {
        let a = doc(&[
            ("εκλογες", "εκλογ", false),
            ("εκλογων", "εκλογ", false),
            ("εκλογες", "εκλογ", false),
            ("και", "και", true),
        ]);
        let b = doc(&[("εκλογων", "εκλογ", false), ("βουλη", "βουλ", false)]);
        let mut first = TermCounts::default();
        first.add_document(&a, 0);
        let mut second = TermCounts::default();
        second.add_document(&b, 1);
        first.merge(second);
        let mut w = crate::tables::csv_writer(Vec::new());
        first.write(8, &mut w).unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            "stem,form,count,documents,per_million_words\n\
             εκλογ,εκλογες,4,2,500000.0000\n\
             βουλ,βουλη,1,1,125000.0000\n"
        );
    }
}
