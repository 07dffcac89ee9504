//! An inverted index from property names to the models that have them, so matching an object
//! against every known model by shape costs the keys it shares, not a set comparison per model.

use std::collections::{BTreeSet, HashMap};

/// Known models' shapes, indexed by property name.
#[derive(Debug, Default)]
pub(crate) struct ShapeIndex<'a> {
    names: Vec<String>,
    sizes: Vec<usize>,
    by_key: HashMap<&'a str, Vec<usize>>,
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
        self.names.iter().position(|n| n == name)
    }

    /// Every model sharing at least one key with `shape`, in index order.
    pub fn overlaps(&self, shape: &BTreeSet<&str>) -> Vec<Overlap> {
        let mut common: HashMap<usize, usize> = HashMap::new();
        for k in shape {
            for &i in self.by_key.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                *common.entry(i).or_default() += 1;
            }
        }
        let mut out: Vec<Overlap> = common
            .into_iter()
            .map(|(index, c)| Overlap {
                index,
                jaccard: c as f64 / (shape.len() + self.sizes[index] - c) as f64,
                containment: c as f64 / shape.len() as f64,
            })
            .collect();
        out.sort_by_key(|o| o.index);
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
