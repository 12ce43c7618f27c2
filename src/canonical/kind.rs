//! The kind of name an entity is, read once per entity from its label: the only place where
//! entity labels are matched as strings.

/// What an entity's label says about the name: its kind decides how the name declines and which
/// shorter mentions may join it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntityKind {
    /// A person (PERSON, PER).
    Person,
    /// A place (LOC, GPE, FAC): a one-word place is a whole name.
    Place,
    /// An organization (ORG).
    Organization,
    /// Any other name of the standard label sets (MISC).
    Misc,
    /// Nationalities, religious and political groups (NORP).
    Group,
    /// Dates, times, amounts and numbers (elNER-18's DATE, TIME, MONEY, PERCENT, QUANTITY,
    /// CARDINAL, ORDINAL): not names, their canonical is their text as written.
    Quantity,
    /// A label of unknown meaning from a user-trained model: only spelling variants and the
    /// declension that is safe for any name.
    Unknown,
}

impl EntityKind {
    /// The kind of an entity labelled `label` (PERSON/ORG/LOC/MISC, the OntoNotes GPE/FAC/NORP,
    /// or anything else).
    pub(crate) fn of_label(label: &str) -> EntityKind {
        match label {
            "PERSON" | "PER" => EntityKind::Person,
            "LOC" | "GPE" | "FAC" => EntityKind::Place,
            "ORG" => EntityKind::Organization,
            "MISC" => EntityKind::Misc,
            "NORP" => EntityKind::Group,
            "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY" | "CARDINAL" | "ORDINAL" => {
                EntityKind::Quantity
            }
            _ => EntityKind::Unknown,
        }
    }

    /// True for labels whose meaning is known: names of people, places, organizations and the
    /// rest.
    pub(crate) fn is_standard(self) -> bool {
        !matches!(self, EntityKind::Unknown | EntityKind::Quantity)
    }

    /// True for names, which decline to a canonical nominative; false for dates, amounts and
    /// numbers.
    pub(crate) fn is_name(self) -> bool {
        self != EntityKind::Quantity
    }

    /// How the words of such a name decline when the evidence is silent.
    pub(crate) fn declension(self) -> Kind {
        match self {
            EntityKind::Person => Kind::Person,
            EntityKind::Place | EntityKind::Organization => Kind::Place,
            EntityKind::Misc | EntityKind::Group | EntityKind::Quantity | EntityKind::Unknown => {
                Kind::Name
            }
        }
    }

    /// Rank of this kind when the corpus-wide type vote ties (lower wins): the specific types
    /// first, PERSON, then ORG, then places (LOC, GPE, FAC), then MISC, then every other label.
    /// A surname the tagger called MISC once and PERSON once is a person.
    pub(crate) fn tie_rank(self) -> u8 {
        match self {
            EntityKind::Person => 0,
            EntityKind::Organization => 1,
            EntityKind::Place => 2,
            EntityKind::Misc => 3,
            EntityKind::Group | EntityKind::Quantity | EntityKind::Unknown => 4,
        }
    }

    /// True when short mentions join the fuller names they lead: standard labels other than
    /// people (people join by first name or surname instead).
    pub(crate) fn joins_by_prefix(self) -> bool {
        self.is_standard() && self != EntityKind::Person
    }
}

/// The kind of name a word belongs to, which decides defaults when the evidence is silent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A person's first name or surname.
    Person,
    /// Places and organizations: neuter names in -ειο/-αιο are common (Ηράκλειο, Πολυτεχνείο).
    Place,
    /// Anything else, including labels of unknown meaning.
    Name,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_kinds() {
        assert_eq!(EntityKind::of_label("PER"), EntityKind::Person);
        assert_eq!(EntityKind::of_label("GPE"), EntityKind::Place);
        assert_eq!(EntityKind::of_label("ORG").declension(), Kind::Place);
        assert_eq!(EntityKind::of_label("NORP").declension(), Kind::Name);
        assert!(!EntityKind::of_label("PRODUCT").is_standard());
        assert!(!EntityKind::of_label("PERSON").joins_by_prefix());
        assert!(EntityKind::of_label("MISC").joins_by_prefix());
        let rank = |l: &str| EntityKind::of_label(l).tie_rank();
        assert!(rank("PERSON") < rank("ORG") && rank("ORG") < rank("LOC"));
        assert!(rank("GPE") < rank("MISC") && rank("MISC") < rank("NORP"));
    }
}
