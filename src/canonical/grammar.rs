//! Grammatical genders and case cells as bit sets, so a reading, an article or a lexicon form can
//! allow several at once («το»: nominative or accusative, neuter or masculine). Two distinct types,
//! so a set of genders can never be passed where a set of cases is meant.

use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Not};

/// A set of grammatical genders (masculine, feminine, neuter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Genders(u8);

/// A set of case-and-number cells: singular nominative … plural vocative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Cases(u8);

/// No gender: a word that does not decline, or a gender not yet known.
pub(crate) const NO_GENDER: Genders = Genders(0);
/// Masculine.
pub(crate) const MASC: Genders = Genders(1);
/// Feminine.
pub(crate) const FEM: Genders = Genders(2);
/// Neuter.
pub(crate) const NEUT: Genders = Genders(4);
/// Every gender.
pub(crate) const ANY_GENDER: Genders = Genders(1 | 2 | 4);

/// No case cell.
pub(crate) const NO_CASE: Cases = Cases(0);
/// Singular nominative.
pub(crate) const NOM: Cases = Cases(1);
/// Singular genitive.
pub(crate) const GEN: Cases = Cases(2);
/// Singular accusative.
pub(crate) const ACC: Cases = Cases(4);
/// Singular vocative.
pub(crate) const VOC: Cases = Cases(8);
/// Plural nominative.
pub(crate) const PL_NOM: Cases = Cases(16);
/// Plural genitive.
pub(crate) const PL_GEN: Cases = Cases(32);
/// Plural accusative.
pub(crate) const PL_ACC: Cases = Cases(64);
/// Plural vocative.
pub(crate) const PL_VOC: Cases = Cases(128);
/// Every singular cell.
pub(crate) const SINGULAR: Cases = Cases(1 | 2 | 4 | 8);
/// Every plural cell.
pub(crate) const PLURAL: Cases = Cases(16 | 32 | 64 | 128);
/// Every cell.
pub(crate) const ANY_CASE: Cases = Cases(0xff);

macro_rules! bit_set {
    ($set:ident) => {
        impl $set {
            /// The members of both sets.
            pub(crate) const fn union(self, other: $set) -> $set {
                $set(self.0 | other.0)
            }

            /// True when the two sets share a member.
            pub(crate) const fn intersects(self, other: $set) -> bool {
                self.0 & other.0 != 0
            }
        }

        impl BitOr for $set {
            type Output = $set;
            fn bitor(self, other: $set) -> $set {
                $set(self.0 | other.0)
            }
        }

        impl BitAnd for $set {
            type Output = $set;
            fn bitand(self, other: $set) -> $set {
                $set(self.0 & other.0)
            }
        }

        impl BitOrAssign for $set {
            fn bitor_assign(&mut self, other: $set) {
                self.0 |= other.0;
            }
        }

        impl BitAndAssign for $set {
            fn bitand_assign(&mut self, other: $set) {
                self.0 &= other.0;
            }
        }

        impl Not for $set {
            type Output = $set;
            fn not(self) -> $set {
                $set(!self.0)
            }
        }
    };
}

bit_set!(Genders);
bit_set!(Cases);

impl Cases {
    /// The singular cells that mirror this set's plural cells (plural nominative → nominative).
    pub(crate) const fn plural_as_singular(self) -> Cases {
        Cases((self.0 & PLURAL.0) >> 4)
    }
}

impl Genders {
    /// True when the set has no member.
    pub(crate) const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// This set if it names exactly one of masculine and feminine (a person's gender), else
    /// [`NO_GENDER`].
    pub(crate) fn single_person_gender(self) -> Genders {
        match self & (MASC | FEM) {
            MASC => MASC,
            FEM => FEM,
            _ => NO_GENDER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_combine_and_intersect() {
        assert!((MASC | FEM).intersects(FEM));
        assert!(!(MASC | FEM).intersects(NEUT));
        assert_eq!(GEN & ACC, NO_CASE);
        assert_eq!((PL_NOM | PL_ACC | GEN).plural_as_singular(), NOM | ACC);
        assert_eq!(!(GEN | PL_GEN) & ANY_CASE & GEN, NO_CASE);
        assert_eq!((MASC | NEUT).single_person_gender(), MASC);
        assert_eq!((MASC | FEM).single_person_gender(), NO_GENDER);
    }
}
