//! An inverted index from property names to the models that have them, so matching an object
//! against every known model by shape costs the keys it shares, not a set comparison per model.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Known models' shapes, indexed by property name.
#[derive(Debug, Default)]
pub(crate) struct ShapeIndex<'a> {
    names: Vec<String>,
    positions: HashMap<String, usize>,
    sizes: Vec<usize>,
    by_key: HashMap<&'a str, Vec<usize>>,
    /// Scratch for [`overlaps`](Self::overlaps): keys shared with each model, and the models
    /// counted, so a query costs the keys it shares rather than a pass over every model.
    counts: RefCell<(Vec<u32>, Vec<usize>)>,
}

/// How an object's shape compares with one known model's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Overlap {
    /// Index of the model.
    pub index: usize,
    /// Jaccard similarity of the two key sets.
    pub jaccard: f64,
    /// Share of the object's keys the model has.
    pub containment: f64,
}

impl<'a> ShapeIndex<'a> {
    /// Adds a model.
    pub fn push(&mut self, name: String, shape: &BTreeSet<&'a str>) {
        let i = self.names.len();
        self.positions.entry(name.clone()).or_insert(i);
        self.names.push(name);
        self.sizes.push(shape.len());
        for k in shape {
            self.by_key.entry(k).or_default().push(i);
        }
    }

    /// The name of model `i`.
    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// Whether a model of this name is indexed.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.positions.get(name).copied()
    }

    /// Every model sharing at least one key with `shape`, in no particular order (callers pick
    /// by a total order of their own).
    pub fn overlaps(&self, shape: &BTreeSet<&str>) -> Vec<Overlap> {
        let mut scratch = self.counts.borrow_mut();
        let (counts, touched) = &mut *scratch;
        counts.resize(self.names.len(), 0);
        for k in shape {
            for &i in self.by_key.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if counts[i] == 0 {
                    touched.push(i);
                }
                counts[i] += 1;
            }
        }
        let out = touched
            .drain(..)
            .map(|index| {
                let c = std::mem::take(&mut counts[index]) as usize;
                Overlap {
                    index,
                    jaccard: c as f64 / (shape.len() + self.sizes[index] - c) as f64,
                    containment: c as f64 / shape.len() as f64,
                }
            })
            .collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_match_set_arithmetic() {
        let mut idx = ShapeIndex::default();
        idx.push("A".into(), &BTreeSet::from(["x", "y", "z"]));
        idx.push("B".into(), &BTreeSet::from(["q"]));
        let o = idx.overlaps(&BTreeSet::from(["x", "y"]));
        assert_eq!(o.len(), 1);
        assert_eq!(idx.name(o[0].index), "A");
        assert!((o[0].jaccard - 2.0 / 3.0).abs() < 1e-9);
        assert!((o[0].containment - 1.0).abs() < 1e-9);
    }
}
