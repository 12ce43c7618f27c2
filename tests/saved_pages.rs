//! Files a researcher finds in a folder of downloaded material besides plain text: a whole
//! news page saved from a browser (frame, scripts, styles, comments), a JSON Lines export whose
//! texts keep their markup, and PDF, Word and ZIP files. Pages are read as what a reader sees;
//! files that are not text are skipped with a message saying how to get their text.

mod common;

use common::*;

/// A saved page: the frame, a script and a style sheet whose content contains `<`, `>` and
/// tag-like strings, a comment, navigation, and the article.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="el">
<head>
<meta charset="utf-8">
<title>Η Κατερίνα Βλάχου στη Φλώρινα</title>
<script type="text/javascript">
  var related = "<p>Διαβάστε επίσης</p>"; if (a < b && b > c) { track("pageview"); }
</script>
<style>article > p { font-family: Georgia; } .share a { color: #333; }</style>
</head>
<body>
<!-- διαφήμιση: Ο Θανάσης Δρόσος προτείνει -->
<nav><a href="/">Αρχική</a> | <a href="/politiki">Πολιτική</a></nav>
<article>
<h1>Η Κατερίνα Βλάχου στη Φλώρινα</h1>
<p>Η υπουργός <b>Κατερίνα Βλάχου</b> επισκέφθηκε χθες τη Φλώρινα.</p>
<p>Η Βλάχου συναντήθηκε με τον δήμαρχο Γιώργο Σαμαρά.</p>
</article>
<script>window.dataLayer = window.dataLayer || [];</script>
</body>
</html>
"#;

#[test]
fn a_saved_page_is_read_as_what_a_reader_sees() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let out = dir.path().join("out");
    run_ok(&[&page], &out, &[]);
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["status"], "ok");
    assert_eq!(documents[0]["lang"], "ell");
    // no token from the frame, the script, the style sheet or the comment
    let tokens = table(&out, "tokens.csv");
    for code in [
        "html",
        "meta",
        "script",
        "var",
        "related",
        "track",
        "style",
        "georgia",
        "color",
        "window",
        "datalayer",
        "διαφημιση",
        "δροσος",
        "<",
        ">",
        "!",
    ] {
        assert!(
            tokens.iter().all(|t| t["norm"] != code),
            "token «{code}» in {:?}",
            tokens.iter().map(|t| &t["norm"]).collect::<Vec<_>>()
        );
    }
    // offsets still point into the page as read
    let chars: Vec<char> = PAGE.chars().collect();
    for t in &tokens {
        let (start, end): (usize, usize) = (t["start"].parse().unwrap(), t["end"].parse().unwrap());
        assert_eq!(chars[start..end].iter().collect::<String>(), t["text"]);
    }
    // the people and the place; no one from the comment
    let frequencies = table(&out, "entity_frequencies.csv");
    let mentions = |name: &str| {
        frequencies
            .iter()
            .find(|r| r["canonical"] == name)
            .map(|r| r["mentions"].clone())
    };
    assert!(mentions("Κατερίνα Βλάχου").is_some(), "{frequencies:#?}");
    assert!(mentions("Φλώρινα").is_some(), "{frequencies:#?}");
    assert_eq!(mentions("Θανάσης Δρόσος"), None);
    let terms = table(&out, "terms.csv");
    assert!(terms
        .iter()
        .all(|r| !["script", "html", "var"].contains(&&*r["stem"])));
}

#[test]
fn markup_in_an_export_does_not_decide_the_language() {
    // the tags' Latin letters outnumber the Greek words' letters
    let text = "<div class=\\\"article-body\\\"><p>Η <a href=\\\"https://example.gr/tag/politiki\\\">Κατερίνα Βλάχου</a> μίλησε.</p></div><!-- related-articles-widget -->";
    let line = format!("{{\"id\": \"a1\", \"text\": \"{text}\"}}\n");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.jsonl");
    std::fs::write(&input, line).unwrap();
    let out = dir.path().join("out");
    run_ok(&[&input], &out, &[]);
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["lang"], "ell", "{documents:?}");
    let norms: Vec<String> = table(&out, "tokens.csv")
        .iter()
        .map(|t| t["norm"].clone())
        .collect();
    assert_eq!(norms, ["η", "κατερινα", "βλαχου", "μιλησε", "."]);
}

#[test]
fn pdf_word_and_zip_files_are_skipped_with_how_to_get_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("downloads");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Η Κατερίνα Βλάχου μίλησε στη Φλώρινα.",
    )
    .unwrap();
    // a PDF whose first objects happen to be plain ASCII is still no text for elpipe
    std::fs::write(
        folder.join("b.pdf"),
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("c.docx"),
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    )
    .unwrap();
    std::fs::write(
        folder.join("d.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = elpipe(&[
        "run",
        folder.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let documents = table(&out, "documents.csv");
    let message = |id: &str| {
        let d = documents.iter().find(|d| d["doc_id"] == id).unwrap();
        assert_eq!(d["status"], "skipped", "{d:?}");
        d["message"].clone()
    };
    assert!(message("b.pdf").contains("pdftotext"));
    assert!(message("c.docx").contains("plain text"));
    assert!(message("d.doc").contains("plain text"));
    assert!(stderr.contains("b.pdf"), "{stderr}");
    assert_eq!(
        documents.iter().find(|d| d["doc_id"] == "a.txt").unwrap()["status"],
        "ok"
    );
}
