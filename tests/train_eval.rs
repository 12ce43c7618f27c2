//! `elpipe train`, `elpipe eval` and `elpipe run --model` on a small IOB2 file written for this
//! test, with a tag set of its own.

mod common;

use common::*;

const TRAIN: &str = "\
Η B-CITY\nΚαλαμάτα I-CITY\nέχει O\nλιμάνι O\n. O\n\n\
Ο O\nΣωκράτης B-DOG\nγαβγίζει O\n. O\n\n\
Στην O\nΚαλαμάτα B-CITY\nβρέχει O\n. O\n\n\
Ο O\nσκύλος O\nΣωκράτης B-DOG\nκοιμάται O\n. O\n\n\
Η O\nΠάτρα B-CITY\nκαι O\nη O\nΚαλαμάτα B-CITY\nσυνεργάζονται O\n. O\n\n\
Ο O\nΑζόρ B-DOG\nτρέχει O\nστην O\nΠάτρα B-CITY\n. O\n";

#[test]
fn a_model_trained_on_own_tags_is_deterministic_and_usable() {
    let dir = corpus(&[("train.iob2", TRAIN.as_bytes())]);
    let train = dir.path().join("train.iob2");
    let (first, second) = (dir.path().join("a.model"), dir.path().join("b.model"));
    for model in [&first, &second] {
        let output = elpipe(&[
            "train",
            "--train",
            train.to_str().unwrap(),
            "--dev",
            train.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--epochs",
            "8",
            "--seed",
            "7",
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "same seed, same model"
    );

    let output = elpipe(&[
        "eval",
        "--gold",
        train.to_str().unwrap(),
        "--model",
        first.to_str().unwrap(),
        "--min-f1",
        "0.99",
    ]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("CITY") && report.contains("DOG"),
        "{report}"
    );

    let text = dir.path().join("text.txt");
    std::fs::write(&text, "Ο Σωκράτης γαβγίζει. Στην Καλαμάτα βρέχει.").unwrap();
    let out = dir.path().join("out");
    run_ok(&[&text], &out, &["--model", first.to_str().unwrap()]);
    let entities = table(&out, "entities.csv");
    let found: Vec<(&str, &str)> = entities
        .iter()
        .map(|e| (e["text"].as_str(), e["type"].as_str()))
        .collect();
    assert_eq!(found, [("Σωκράτης", "DOG"), ("Καλαμάτα", "CITY")]);
}

#[test]
fn eval_fails_below_the_floor_and_names_bad_lines() {
    let dir = corpus(&[("bad.iob2", "Ο O\nΝίκος\n".as_bytes())]);
    let output = elpipe(&[
        "eval",
        "--gold",
        dir.path().join("bad.iob2").to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.iob2:2"), "{stderr}");
}

#[test]
fn the_crf_share_changes_the_model_and_must_be_a_share() {
    let dir = corpus(&[("train.iob2", TRAIN.as_bytes())]);
    let train = dir.path().join("train.iob2");
    let mut models = Vec::new();
    for share in ["0", "0.5"] {
        let model = dir.path().join(format!("crf{share}.model"));
        let output = elpipe(&[
            "train",
            "--train",
            train.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--epochs",
            "8",
            "--crf-share",
            share,
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let output = elpipe(&[
            "eval",
            "--gold",
            train.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--min-f1",
            "0.99",
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        models.push(std::fs::read(&model).unwrap());
    }
    assert!(models[0] != models[1], "the CRF's weights join the model");

    let output = elpipe(&[
        "train",
        "--train",
        train.to_str().unwrap(),
        "--model",
        dir.path().join("bad.model").to_str().unwrap(),
        "--crf-share",
        "2",
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("CRF's share is 2"), "{stderr}");
    assert!(!dir.path().join("bad.model").exists());
}
