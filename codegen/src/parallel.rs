//! Work spread over the machine's cores: the pages are read and the files emitted this way.
//!
//! Items are handed out one at a time in their order, to the calling thread and one helper per
//! further core, so a slow item does not leave a core idle at the end, and the results come
//! back in item order, so nothing depends on the scheduling. The calling thread works too: it
//! would otherwise only wait, and its allocator holds the memory the previous stage freed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The number of threads to use: one per core, at most 8.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// `f` of every item, in item order, computed on all cores. Each thread makes its own state
/// with `init` (it need not cross threads) and passes it to `f` for each of its items; what
/// `finish` makes of each thread's state at the end is returned too, in no particular order.
pub fn map_with<T, S, R, F>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
    finish: impl Fn(S) -> F + Sync,
) -> (Vec<R>, Vec<F>)
where
    T: Sync,
    R: Send,
    F: Send,
{
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let work = || {
        let mut state = init();
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            mine.push((i, f(&mut state, item)));
        }
        done.lock().expect("no worker panicked").extend(mine);
        finish(state)
    };
    let helpers = threads().min(items.len()).saturating_sub(1);
    let states = std::thread::scope(|s| {
        let handles: Vec<_> = (0..helpers).map(|_| s.spawn(work)).collect();
        let mut states = vec![work()];
        states.extend(
            handles
                .into_iter()
                .map(|h| h.join().expect("worker thread panicked")),
        );
        states
    });
    let mut done = done.into_inner().expect("no worker panicked");
    done.sort_unstable_by_key(|(i, _)| *i);
    (done.into_iter().map(|(_, r)| r).collect(), states)
}

/// `f` of every item, in item order, computed on all cores.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item), |()| ()).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_with_every_state() {
        let items: Vec<u32> = (0..1000).collect();
        let (squares, counts) = map_with(
            &items,
            || 0usize,
            |count, &x| {
                *count += 1;
                x * x
            },
            |count| count,
        );
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert_eq!(counts.iter().sum::<usize>(), items.len());
        assert!(map(&[] as &[u32], |x| *x).is_empty());
    }
}
