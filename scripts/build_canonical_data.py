#!/usr/bin/env python3
"""Regenerates data/canonical/lexicon.tsv: declension paradigms of Greek proper nouns and of the
head words of organization names, for elpipe's canonical-name stage.

Sources (read at build time only, never at run time):
  * Debian `hunspell-el` (el_GR.dic, MPL-1.1/GPL-2/LGPL-2.1): every capitalized word form.
  * PyPI `modern-greek-inflexion` 2.0.7 (MIT): declines a candidate nominative into its case forms;
    its word list (resources/lists/el_GR.pickle) tells the real member of a mirror pair.
  * PyPI `wordfreq` 3.1.1 (code Apache-2.0, data CC BY-SA 4.0): only to tell a neuter place in -ο
    from a masculine in -ος when hunspell lists both (no frequencies are copied into the output).

A hunspell word becomes a lexeme when modern-greek-inflexion, asked to decline it as a nominative,
produces at least one other form that hunspell also lists (Κρεμλίνο → Κρεμλίνου). A reading made
of another's case form (Μαρίνας beside Μαρίνα) is dropped when a signal tells which is real (see
`mirror_losers`); other competing readings are kept (Μητσοτάκη: feminine nominative, or genitive
of Μητσοτάκης) and the article before a mention decides between them at run time. Capitalized words with no attested paradigm
are listed alone: they mark known spellings (Πούτιν, Ζελένσκι).

It also writes data/canonical/surnames.txt: masculine -ας/-ος surnames (one a line) from the word
list modern-greek-inflexion ships, which hunspell lacks.

Usage (takes about a minute):
  apt-get download hunspell-el && dpkg -x hunspell-el_*.deb x/
  python3 -m venv /tmp/v && /tmp/v/bin/pip install modern-greek-inflexion==2.0.7 wordfreq==3.1.1
  /tmp/v/bin/python scripts/build_canonical_data.py x/usr/share/hunspell/el_GR.dic \
      data/canonical/lexicon.tsv

Line format: `nominative<TAB>gender<TAB>form:cases ...[<TAB>w]` where gender is m/f/n (M/F/N for head words), a final
`w` marks a masculine in -ος that wordfreq knows (a written word, not only a hunspell paradigm), each form is written
as `<chars to drop from the nominative><suffix to append>` and cases are letters n g a v (singular
nominative, genitive, accusative, vocative) or N G A V (plural). A pluralia-tantum lexeme is
headed by its plural nominative.
"""
import sys
import unicodedata

import os
import pickle

import modern_greek_inflexion.resources.lists as inflexion_lists
from modern_greek_inflexion import Noun
from wordfreq import word_frequency

# Head words of organization and place names: declined like proper nouns, written capitalized.
HEAD_WORDS = """
υπουργείο τράπεζα πανεπιστήμιο δήμος περιφέρεια κοινοβούλιο επιτροπή ένωση κόμμα δικαστήριο
νοσοκομείο ίδρυμα οργανισμός σύνδεσμος ομοσπονδία συμβούλιο γραφείο ινστιτούτο μουσείο σχολή
αστυνομία βουλή κυβέρνηση δημοκρατία πολιτεία όμιλος εταιρεία αρχή υπηρεσία σώμα στρατός
ακαδημία κέντρο λιμάνι αεροδρόμιο θέατρο ναός μονή εκκλησία νομός νήσος όρος κόλπος θάλασσα
ποταμός λίμνη πλατεία οδός λεωφόρος συνασπισμός μέτωπο κίνημα συμμαχία σύλλογος πρεσβεία
γερουσία εισαγγελία ταμείο χρηματιστήριο πολυτεχνείο λύκειο γυμνάσιο σχολείο κολέγιο
αρχιεπισκοπή μητρόπολη επαρχία κοινότητα χωριό πόλη νησί χερσόνησος κράτος βασίλειο
αυτοκρατορία στρατηγείο ναυτικό αεροπορία πυροσβεστική λιμενικό διεύθυνση γραμματεία
προεδρία οργάνωση ομάδα φεστιβάλ πρωτάθλημα κύπελλο ένωση φορέας αρχείο βιβλιοθήκη
πινακοθήκη γήπεδο στάδιο σταθμός πάρκο φαράγγι κάστρο ακρόπολη ανάκτορο μέγαρο έθνος εμιράτο
σύμφωνο συνθήκη συμφωνία σύμβαση πρωτόκολλο διακήρυξη σύνοδος συνέδριο διάσκεψη πόλεμος μάχη
επανάσταση τείχος αγώνας βραβείο ημέρα εβδομάδα διαγωνισμός
""".split()

PROPER_HEAD_WORDS = {"όρος"}

CASES = {"nom": "n", "gen": "g", "acc": "a", "voc": "v"}
GENDERS = {"masc": "m", "fem": "f", "neut": "n"}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def capitalize(w):
    return w[:1].upper() + w[1:]


def encode(nominative, form):
    """`<drop><suffix>`: how to spell `form` from `nominative`."""
    common = 0
    while common < min(len(nominative), len(form)) and nominative[common] == form[common]:
        common += 1
    drop = len(nominative) - common
    if drop > 9:
        return None
    return f"{drop}{form[common:]}"


def paradigms(word, proper):
    """(gender, {form: cases}) readings of `word` as a nominative."""
    try:
        table = Noun(word, proper_name=proper).all()
    except Exception:
        return []
    out = []
    for gender, numbers in sorted(table.items()):
        if gender not in GENDERS:
            continue
        forms = {}
        for number, cells in numbers.items():
            for case, spellings in cells.items():
                if case not in CASES:
                    continue
                letter = CASES[case] if number == "sg" else CASES[case].upper()
                for s in spellings:
                    if s:
                        s = nfc(s)
                        forms[s] = forms.get(s, "") + letter
        out.append((GENDERS[gender], forms))
    return out


def lexemes(word, attested, proper, capital):
    """Readings of `word` whose paradigm is attested by at least one other form."""
    found = []
    for gender, forms in paradigms(word, proper):
        if capital:
            forms = {capitalize(f): c for f, c in forms.items()}
        head = capitalize(word) if capital else word
        sg = {f: c for f, c in forms.items() if any(x in c for x in "ngav")}
        if head in sg and "n" in sg[head]:
            keep = {f: "".join(ch for ch in c if ch in "ngav") for f, c in sg.items()}
            # the genitive plural is what names like «Αθηνών» show; other plural cells of a proper
            # noun are noise, but head words keep theirs («Ηνωμένες Πολιτείες»)
            plural = "G" if proper else "NGA"
            for f, c in forms.items():
                cells = "".join(ch for ch in c if ch in plural)
                if cells and f in attested:
                    keep[f] = keep.get(f, "") + cells
        elif all(f == "" for f in sg) or not sg:
            keep = {f: "".join(ch for ch in c if ch in "NGAV") for f, c in forms.items()}
            if head not in keep or "N" not in keep[head]:
                continue
        else:
            continue
        keep = {f: c for f, c in keep.items() if c and (f == head or f in attested)}
        if len(keep) < 2:
            continue
        # katharevousa genitive of feminine -δα nouns: Ελλάδος, Ολλανδίας-type forms are regular
        if gender == "f" and head.endswith("δα") and head[:-1] + "ος" in attested:
            keep[head[:-1] + "ος"] = "g"
        found.append((head, gender, keep))
    return found


# wordfreq's small Greek list stops near a frequency of 1e-6: only an -ο form well above that
# makes the absence of its -ος twin telling (rare names such as Αμοργός lack both)
COMMON = 5e-6


def neuters_in_use(found):
    """Neuter heads in -ο whose masculine/feminine twin in -ος is never written: wordfreq gives the
    -ο form a clear frequency and the -ος form none. hunspell lists a masculine paradigm for
    Βυζάντιο and Ηράκλειο too, but nobody writes «ο Βυζάντιος». Twins in real use (Βόλος, Θάσος,
    Όλυμπος) keep their -ος reading."""
    twins = {head for head, gender, _ in found if gender in ("m", "f")}
    return {
        head
        for head, gender, _ in found
        if gender == "n" and head.endswith(("ο", "ό")) and head + "ς" in twins
        and word_frequency((head + "ς").lower(), "el") == 0 and word_frequency(head.lower(), "el") >= COMMON
    }


def strip_accents(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def mirror_losers(found, attested, word_list):
    """Readings that only mirror another reading: hunspell lists both «Μαρίνα» and «Μαρίνας», so
    declining each as a nominative gives a feminine Μαρίνα (genitive Μαρίνας) and a masculine
    Μαρίνας (genitive Μαρίνα) with the same attested forms. A mirror pair is two singular readings
    of different gender whose heads differ by a final ς (-ας/-α, -ης/-η, -ος/-ο) and one of which
    has the other's head among its forms. The forms cannot tell the members apart; these signals
    do, in this order:
      1. modern-greek-inflexion's word list, which holds lemmas but few rare case forms, knows
         exactly one of the two heads (Πειραιάς but not Πειραιά, Μαρίνα but not Μαρίνας,
         Στρασβούργο but not Στρασβούργος);
      2. a learned genitive only a masculine has: Σωκράτους (-ης → -ους, when no masculine -ος
         of that stem explains the -ους), Περικλέους (-κλής → -κλέους), Πειραιώς (-άς → -ώς);
      3. a masculine twin in -ος (in that word list, its -ου genitive in hunspell) makes the
         feminine its motion form: Τουρκοκύπριος → Τουρκοκύπρια, Αναστάσιος → Αναστασία,
         Σουηδός → Σουηδή (an oxytone feminine needs an oxytone twin and the adjective ending,
         -ή after a consonant and -ά after a vowel: Στράτος does not make Στρατής a mirror, nor
         Καναδός Καναδάς);
      4. a suffix that only forms feminines: -ισσα, -ούλα, -πολη (Χιώτισσα, Σταυρούλα, Τρίπολη).
    With no signal both readings stay, and so do masculine surnames in -άκης/-ίδης/-άδης and
    their feminine forms (Μητσοτάκης, Μητσοτάκη: a woman of that family); the article decides
    at run time."""
    singular = {}
    for reading in found:
        if "n" in reading[2].get(reading[0], ""):
            singular.setdefault(reading[0], []).append(reading)
    twins = masculine_twins(attested, word_list)
    losers = set()
    for short, short_readings in sorted(singular.items()):
        for long_reading in singular.get(short + "ς", []):
            for short_reading in short_readings:
                if short_reading[1] == long_reading[1]:
                    continue
                if short not in long_reading[2] and short + "ς" not in short_reading[2]:
                    continue
                keep = mirror_winner(short_reading, long_reading, attested, word_list, twins)
                if keep is short_reading:
                    losers.add((long_reading[0], long_reading[1]))
                elif keep is long_reading:
                    losers.add((short_reading[0], short_reading[1]))
    return losers


def masculine_twins(attested, word_list):
    """Masculines in -ος that are real words: in modern-greek-inflexion's word list, with a
    genitive in -ου (any accent) in hunspell. Keyed by their accentless spelling."""
    plain_attested = {strip_accents(w) for w in attested}
    twins = {}
    for w in sorted(attested & word_list):
        if w.endswith(("ος", "ός")) and strip_accents(w[:-2] + "ου") in plain_attested:
            twins.setdefault(strip_accents(w), []).append(w)
    return twins


# masculine surname suffixes: the -η form is the surname of a woman of that family, not a mirror
SURNAME_SUFFIXES = ("άκης", "ίδης", "άδης", "ούδης", "όγλου")
# suffixes that only ever form feminines (Χιώτισσα, Σταυρούλα, Τρίπολη)
FEMININE_SUFFIXES = ("ισσα", "ούλα", "πολη", "πόλη")


def mirror_winner(short_reading, long_reading, attested, word_list, twins):
    """The real member of a mirror pair (`long` = `short` + ς), or None when nothing tells."""
    short, long_ = short_reading[0], long_reading[0]
    in_short, in_long = short in word_list, long_ in word_list
    if in_short != in_long:
        return short_reading if in_short else long_reading
    if (long_reading[1], short_reading[1]) != ("m", "f") or long_.endswith(SURNAME_SUFFIXES):
        return None
    if short.endswith(FEMININE_SUFFIXES):
        return short_reading
    stem = short[:-1]
    twin = twins.get(strip_accents(stem + "ος"), [])
    if long_.endswith("ης") and stem + "ους" in attested and not twin:
        return long_reading
    if long_.endswith("κλής") and stem + "έους" in attested:
        return long_reading
    if long_.endswith("άς") and stem + "ώς" in attested:
        return long_reading
    if short.endswith("α") and twin:
        return short_reading
    # an oxytone feminine of an oxytone -ός: -ή after a consonant, -ά after a vowel (Στερεά);
    # Καναδά is no feminine of Καναδός (that is Καναδή), so Καναδάς stays
    after_vowel = strip_accents(stem[-1:]) in "αεηιουω"
    if short.endswith("ή" if not after_vowel else "ά") and stem + "ός" in twin:
        return short_reading
    return None


def drop_spurious(found, attested, word_list):
    """Removes readings that exist only because a case form looks like a nominative of another
    declension: «Γεώργιο» read as a neuter (gen «Γεωργίου») beside Γεώργιος, «Θάσο» as a neuter
    beside Θάσος, «Άγγλοι» as a plurale tantum beside
    Άγγλος, and the losers of mirror pairs (see `mirror_losers`). Also returns the heads of
    dropped neuters in -ος that are masculine nominatives, to list as known spellings."""
    def singular(forms):
        return sum(1 for c in forms.values() if any(x in c for x in "ngav"))

    heads = {head for head, _, _ in found}
    losers = mirror_losers(found, attested, word_list)
    found = [r for r in found if (r[0], r[1]) not in losers]

    oblique = {}  # form -> largest paradigm that has it as a non-nominative form
    for head, _, forms in found:
        for form, cases in forms.items():
            if form != head and "n" not in cases and "N" not in cases:
                oblique[form] = max(oblique.get(form, 0), singular(forms))
    neuters = neuters_in_use(found)
    plain_attested = {strip_accents(w) for w in attested}
    masculine_heads = set()
    kept = []
    for head, gender, forms in found:
        if gender == "n" and head in neuters:
            kept.append((head, gender, forms))
            continue
        if gender in ("m", "f") and head[:-1] in neuters:
            continue
        if oblique.get(head, 0) > singular(forms):
            continue
        masculine = head + "ς"
        if gender == "n" and head.endswith(("ο", "ό")) and masculine in attested and masculine not in heads:
            continue
        singular_head = "n" in forms.get(head, "")
        # no singular nominative ends in -ες/-οι: «Βαλκάνιες» read as a masculine -ης
        if singular_head and head[-2:] in ("οι", "ες", "ές", "οί"):
            continue
        stem = head[:-2]
        # a feminine -ού (like Αργυρώ) with an attested -ός is that masculine's genitive (Κρητικού)
        if gender == "f" and head.endswith("ού") and stem + "ός" in attested:
            continue
        # a neuter -ος (Άργος, gen Άργους) whose masculine forms are attested is a masculine
        # whose accusative plural -ους was taken for the neuter genitive (Τάταρος, Τάταροι)
        if gender == "n" and head.endswith("ος") and singular_head and any(
            strip_accents(stem + e) in plain_attested for e in ("οι", "ου", "ο")
        ):
            masculine_heads.add(head)
            continue
        if not singular_head and head[-2:] in ("οι", "ες", "ές", "οί"):
            if any(stem + e in attested for e in ("ος", "ός", "α", "ά", "η", "ή", "ας", "ης")):
                continue
        kept.append((head, gender, forms))
    # the masculine nominatives stay known spellings (Τάταρος, whose plural Τάταροι declines)
    return kept, masculine_heads - {form for _, _, forms in kept for form in forms}


def main():
    dic, out = sys.argv[1], sys.argv[2]
    raw = open(dic, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("iso-8859-7")
    words = [nfc(l.strip()) for l in text.splitlines()[1:] if l.strip()]
    capitalized = {w for w in words if w[0].isupper() and not w.isupper()}
    lowercase = {w for w in words if w[0].islower()}
    # modern-greek-inflexion's own word list: lemmas and common forms, not hunspell's full paradigms
    with open(os.path.join(os.path.dirname(inflexion_lists.__file__), "el_GR.pickle"), "rb") as f:
        inflexion_words = pickle.load(f)
    word_list = {nfc(w) for w in inflexion_words}
    proper = [lx for w in sorted(capitalized) for lx in lexemes(w, capitalized, True, False)]
    # a form of any reading, even a dropped one, is not listed as a known nominative on its own
    in_paradigms = {form for _, _, forms in proper for form in forms}
    proper, masculine_heads = drop_spurious(proper, capitalized, word_list)
    in_paradigms -= masculine_heads
    attested_heads = {capitalize(w) for w in lowercase}
    # head words are marked by an upper-case gender letter
    heads = [
        (h, g.upper(), f)
        for w in HEAD_WORDS
        # «όρος» (mountain) declines like a neuter name, not like the masculine «όρος» (term)
        for h, g, f in (
            lexemes(capitalize(w), attested_heads, True, False)
            if w in PROPER_HEAD_WORDS
            else lexemes(w, attested_heads, False, True)
        )
    ]
    lines, covered = proper + heads, set(in_paradigms)
    for _, _, forms in lines:
        covered.update(forms)
    with open(out, "w", encoding="utf-8") as f:
        for head, gender, forms in lines:
            cells = []
            for form, cases in sorted(forms.items()):
                code = encode(head, form)
                if code is not None:
                    cells.append(f"{code}:{''.join(sorted(set(cases), key='ngavNGAV'.index))}")
            # a masculine proper noun in -ος that people write (wordfreq knows it): its -ο form
            # after «το» is an accusative (το Βόλο), not a neuter nominative
            in_use = gender == "m" and head.endswith(("ος", "ός")) and word_frequency(head.lower(), "el") > 0
            f.write(f"{head}\t{gender}\t{' '.join(cells)}{chr(9) + 'w' if in_use else ''}\n")
        for w in sorted(capitalized - covered):
            f.write(f"{w}\n")
    # Masculine surnames in -ας/-ος from modern-greek-inflexion's word list (Τσίπρας, Στουρνάρας):
    # they tell «του Τσίπρα» (→ Τσίπρας) from a name that does not decline («του Ομπάμα»).
    known = capitalized | covered
    surnames = sorted(
        nfc(w) for w in inflexion_words
        if w[:1].isupper() and not w.isupper() and w.endswith(("ας", "άς", "ος", "ός"))
        and nfc(w) not in known
    )
    with open(os.path.join(os.path.dirname(out), "surnames.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(surnames) + "\n")
    print(f"{len(lines)} lexemes ({len(heads)} head words), {len(capitalized - covered)} single words, "
          f"{len(surnames)} surnames", file=sys.stderr)


if __name__ == "__main__":
    main()
