//! Per-stage benchmarks over Greek news-like text written for them.
//! Run: `cargo bench --bench stages` (throughput in bytes/s per stage).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use elpipe::stages::{canonicalize_document, norm_into, normalize_text, tokenize_into, Stemmer};
use elpipe::{Pipeline, RawDocument, Stopwords, Tagger};

const PARAGRAPH: &str = "Ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε χθες στην Αθήνα με τον \
πρόεδρο της Κομισιόν. Στη συνάντηση, που κράτησε δύο ώρες, συζητήθηκαν τα μέτρα για την ενέργεια· \
η κυβέρνηση ζητά 1,5 δισ. ευρώ από το Ταμείο Ανάκαμψης. «Γι' αυτό είμαστε εδώ», δήλωσε ο κ. \
Μητσοτάκης. Η Τράπεζα της Ελλάδος εκτιμά ότι ο πληθωρισμός θα πέσει στο 2,8% έως τις 31/12/2026. \
Τι θα γίνει όμως με τους μισθούς; Ο Νίκος Ανδρουλάκης, πρόεδρος του ΠΑΣΟΚ, ζήτησε από τον \
Μητσοτάκη να φέρει νομοσχέδιο στη Βουλή, ενώ η Microsoft ανακοίνωσε επένδυση στη Θεσσαλονίκη.\n\n";

fn corpus() -> String {
    PARAGRAPH.repeat(200)
}

fn stages(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);

    group.bench_function("normalize_text", |b| {
        b.iter(|| normalize_text(&text).as_str().len())
    });
    let mut tokens = Vec::new();
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            tokens.clear();
            tokenize_into(&text, &mut tokens);
            tokens.len()
        })
    });
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| &text[t.span.start..t.span.end])
        .collect();
    let mut norm = String::new();
    group.bench_function("norm", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &words {
                norm.clear();
                norm_into(w, &mut norm);
                n += norm.len();
            }
            n
        })
    });
    let norms: Vec<String> = words.iter().map(|w| elpipe::stages::norm(w)).collect();
    let stemmer = Stemmer::new();
    let mut stem = String::new();
    group.bench_function("stem (uncached)", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &norms {
                stem.clear();
                stemmer.stem_into(w, true, &mut stem);
                n += stem.len();
            }
            n
        })
    });
    let tagger = Tagger::shipped().expect("the shipped model loads");
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for t in &tokens {
        if t.sentence as usize >= sentences.len() {
            sentences.push(Vec::new());
        }
        sentences[t.sentence as usize].push(&text[t.span.start..t.span.end]);
    }
    let mut tags = Vec::new();
    group.bench_function("tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                tagger.tag_sentence(s, &mut tags);
                n += tags.len();
            }
            n
        })
    });
    let pipeline = Pipeline::new(Stopwords::greek(), Some(tagger));
    let raw = RawDocument {
        id: "bench".into(),
        text: text.clone(),
        ..RawDocument::default()
    };
    let processed = pipeline.process(raw.clone());
    group.bench_function("canonicalize", |b| {
        b.iter(|| {
            let mut doc = processed.clone();
            canonicalize_document(&mut doc);
            doc.entities.len()
        })
    });
    group.bench_function("whole document", |b| {
        b.iter(|| pipeline.process(raw.clone()).tokens.len())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
