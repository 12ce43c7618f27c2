"""Builds the NER gazetteers in data/ner/gazetteers/ from unpacked registry packages.

Usage: build_gazetteers.py UNPACKED_DEBS_DIR OUTPUT_DIR  (see build_gazetteers.sh)

Every output file holds one normalized form per line (accentless, lowercase, final sigma), sorted,
gzip-compressed with a fixed timestamp so that reruns give identical bytes. The tagger renormalizes
each line with its own `norm`, so these forms only need to be close to it.
"""

import gettext
import gzip
import os
import sys
import unicodedata
import xml.etree.ElementTree as ET

from modern_greek_inflexion import Noun
from modern_greek_inflexion.resources import greek_corpus

# Organization head words (nominative singular and plural are declined below). Our own list.
ORG_HEADS = """
Υπουργείο Υπουργός Πανεπιστήμιο Πολυτεχνείο Τράπεζα Κόμμα Όμιλος Ένωση Ομοσπονδία Συνομοσπονδία
Εταιρεία Εταιρία Οργανισμός Ινστιτούτο Ίδρυμα Σύλλογος Σωματείο Επιτροπή Συμβούλιο Βουλή Γερουσία
Κοινοβούλιο Δικαστήριο Εφετείο Πρωτοδικείο Αρεοπάγος Στρατός Ναυτικό Αστυνομία Πυροσβεστική
Υπηρεσία Αρχή Διεύθυνση Γραμματεία Κυβέρνηση Δήμος Περιφέρεια Νομαρχία Επιμελητήριο Σχολή
Ακαδημία Νοσοκομείο Κλινική Μουσείο Θέατρο Ορχήστρα Ομάδα Σύνδεσμος Συνασπισμός Μέτωπο Κίνημα
Παράταξη Συμμαχία Φόρουμ Κέντρο Γραφείο Ταμείο Οργάνωση Πρακτορείο Εφημερίδα Σταθμός Κανάλι
Όμιλο Τμήμα Φεστιβάλ Λέσχη Χορωδία Εκκλησία Μητρόπολη Αρχιεπισκοπή Σύνοδος Πατριαρχείο Μονή
Τηλεόραση Ραδιόφωνο Δίκτυο Αερογραμμές Ναυτιλιακή Βιομηχανία Κοινότητα Επιθεώρηση
"""

# Greek places missing from CLDR (which lists time-zone cities and administrative regions only):
# cities, regions, islands, mountains, rivers. Our own list; declined below.
GREEK_PLACES = """
Θεσσαλονίκη Πάτρα Ηράκλειο Λάρισα Βόλος Ιωάννινα Τρίκαλα Χαλκίδα Σέρρες Αλεξανδρούπολη Ξάνθη
Κατερίνη Καλαμάτα Καβάλα Χανιά Ρέθυμνο Λαμία Κομοτηνή Ρόδος Αγρίνιο Δράμα Βέροια Κοζάνη Καρδίτσα
Σπάρτη Τρίπολη Κόρινθος Ναύπλιο Άργος Πύργος Αμαλιάδα Μεσολόγγι Πρέβεζα Άρτα Ηγουμενίτσα Κέρκυρα
Ζάκυνθος Κεφαλονιά Αργοστόλι Λευκάδα Ιθάκη Σύρος Ερμούπολη Νάξος Πάρος Σαντορίνη Μύκονος Τήνος
Άνδρος Μήλος Κως Κάλυμνος Λέρος Πάτμος Σάμος Χίος Λέσβος Μυτιλήνη Λήμνος Θάσος Σαμοθράκη Σκιάθος
Σκόπελος Αλόννησος Σκύρος Εύβοια Αίγινα Σαλαμίνα Ύδρα Σπέτσες Πόρος Κύθηρα Κρήτη Κάρπαθος Κάσος
Σητεία Άγιος Νικόλαος Ιεράπετρα Πελοπόννησος Μακεδονία Θράκη Θεσσαλία Ήπειρος Στερεά Αττική
Βοιωτία Φωκίδα Φθιώτιδα Ευρυτανία Αιτωλοακαρνανία Αχαΐα Ηλεία Μεσσηνία Λακωνία Αρκαδία Αργολίδα
Κορινθία Χαλκιδική Πιερία Ημαθία Πέλλα Κιλκίς Φλώρινα Καστοριά Γρεβενά Μαγνησία Δωδεκάνησα
Κυκλάδες Επτάνησα Σποράδες Πειραιάς Περιστέρι Καλλιθέα Γλυφάδα Κηφισιά Μαρούσι Χαλάνδρι Νίκαια
Κερατσίνι Ελευσίνα Μέγαρα Λαύριο Μαραθώνας Ραφήνα Πειραιάς Εξάρχεια Κολωνάκι Πλάκα Σύνταγμα
Ομόνοια Θήβα Λιβαδειά Άμφισσα Δελφοί Ολυμπία Μυκήνες Επίδαυρος Μετέωρα Καλαμπάκα Έδεσσα
Νάουσα Γιαννιτσά Πτολεμαΐδα Ορεστιάδα Διδυμότειχο Σουφλί Φλώρινα Πολύγυρος Κιάτο Αίγιο Ναύπακτος
Καρπενήσι Δομοκός Τύρναβος Ελασσόνα Φάρσαλα Αλμυρός Όλυμπος Πίνδος Παρνασσός Ταΰγετος Υμηττός
Πάρνηθα Αξιός Αλιάκμονας Αχελώος Πηνειός Έβρος Στρυμόνας Νέστος Αιγαίο Ιόνιο Μεσόγειος
Κύπρος Λευκωσία Λεμεσός Λάρνακα Αμμόχωστος Πάφος Κερύνεια Κωνσταντινούπολη Σμύρνη Πόντος
Αμερική Ευρώπη Ασία Αφρική Βαλκάνια Ουάσιγκτον Νέα Υόρκη Λονδίνο Παρίσι Βερολίνο Ρώμη Μαδρίτη
Μόσχα Πεκίνο Τόκιο Άγκυρα Κάιρο Βρυξέλλες Στρασβούργο Λουξεμβούργο Φρανκφούρτη Γενεύη Βιέννη
Σόφια Βελιγράδι Τίρανα Σκόπια Βουκουρέστι Κίεβο Ουκρανία Ρωσία Τουρκία Γερμανία Γαλλία Ιταλία
Ισπανία Πορτογαλία Βρετανία Αγγλία Ιρλανδία Ολλανδία Βέλγιο Ελβετία Αυστρία Πολωνία Ουγγαρία
Σερβία Αλβανία Βουλγαρία Ρουμανία Ισραήλ Ιράν Ιράκ Συρία Λίβανος Αίγυπτος Λιβύη Κίνα Ιαπωνία
Ινδία Καναδάς Μεξικό Βραζιλία Αργεντινή Αυστραλία Ευρωζώνη Ελλάδα Ελλάς
"""

# Greek first names, nominative; declined below. Our own list of common names, kept in
# data/canonical/first_names.txt (the canonical stage reads it too: a name's gender in an address).
FIRST_NAMES_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "data", "canonical", "first_names.txt"
)


def strip_accents(word):
    """Accentless lowercase with a canonical final sigma, close to the Rust `norm`."""
    decomposed = unicodedata.normalize("NFD", word)
    out = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    out = out.replace("ς", "σ")
    if out.endswith("σ"):
        out = out[:-1] + "ς"
    return out


def is_greek_capitalized(word):
    return word[:1].isupper() and not word.isupper()


def declined(word):
    """All case and number forms of a proper noun; the word itself when declension fails."""
    forms = {word}
    try:
        table = Noun(word, proper_name=True).all()
    except Exception:  # the package raises bare exceptions on words it cannot analyse
        return forms
    for numbers in table.values():
        for cases in numbers.values():
            for variants in cases.values():
                forms.update(v for v in variants if v)
    return forms


def read_hunspell(root):
    path = os.path.join(root, "usr/share/hunspell/el_GR.dic")
    with open(path, encoding="iso-8859-7") as f:
        lines = f.read().split("\n")
    # The first line is the word count.
    return [line.split("/")[0].strip() for line in lines[1:] if line.strip()]


def cldr_places(root):
    main = ET.parse(os.path.join(root, "usr/share/unicode/cldr/common/main/el.xml"))
    names = [t.text for t in main.iter("territory") if t.text and not t.get("alt")]
    names += [c.text for c in main.iter("exemplarCity") if c.text]
    subdivisions = ET.parse(
        os.path.join(root, "usr/share/unicode/cldr/common/subdivisions/el.xml")
    )
    names += [s.text for s in subdivisions.iter("subdivision") if s.text]
    return names


def cldr_calendar(root):
    main = ET.parse(os.path.join(root, "usr/share/unicode/cldr/common/main/el.xml"))
    words = []
    for calendar in main.iter("calendar"):
        if calendar.get("type") != "gregorian":
            continue
        for tag in ("month", "day"):
            words += [e.text for e in calendar.iter(tag) if e.text and len(e.text) > 3]
    return words


def iso_countries(root):
    path = os.path.join(root, "usr/share/locale/el/LC_MESSAGES/iso_3166-1.mo")
    with open(path, "rb") as f:
        catalog = gettext.GNUTranslations(f)
    return [v for k, v in catalog._catalog.items() if k and v != k]


def write(out_dir, name, words):
    forms = sorted({strip_accents(w) for w in words if w and len(w) < 40})
    data = ("\n".join(forms) + "\n").encode("utf-8")
    with open(os.path.join(out_dir, name + ".txt.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
            f.write(data)
    print(f"{name}: {len(forms)} forms", file=sys.stderr)


def main():
    root, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    hunspell = read_hunspell(root)
    lowercase = [w for w in hunspell if w[:1].islower()]
    lowercase += [w for w in greek_corpus if w[:1].islower()]
    write(out_dir, "ordinary", lowercase)
    proper = {w for w in hunspell if is_greek_capitalized(w)}
    write(out_dir, "proper", proper)
    write(out_dir, "acronym", [w for w in hunspell if len(w) > 1 and w.isupper()])
    write(out_dir, "surname", [w for w in greek_corpus if is_greek_capitalized(w)])
    ordinary = {strip_accents(w) for w in lowercase}
    places = set()
    for name in cldr_places(root) + iso_countries(root):
        words = name.replace("-", " ").split()
        if len(words) == 1:
            places |= declined(words[0])
        else:
            places |= {
                w for w in words if is_greek_capitalized(w) and strip_accents(w) not in ordinary
            }
    places |= {f for w in GREEK_PLACES.split() for f in declined(w)}
    write(out_dir, "place", places)
    write(out_dir, "calendar", cldr_calendar(root))
    write(out_dir, "orghead", {f for w in ORG_HEADS.split() for f in declined(w)})
    with open(FIRST_NAMES_FILE, encoding="utf-8") as f:
        first_names = f.read().split()
    write(out_dir, "firstname", {f for w in first_names for f in declined(w)})


if __name__ == "__main__":
    main()
