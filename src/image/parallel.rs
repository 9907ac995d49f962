//! Running a list of jobs on a few threads at once, stopping at the first
//! failure: how `load` unpacks and `pull` downloads layers.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on each of `jobs`, at most `workers` at a time. Once a job
/// fails no new one starts; the first failure is returned.
pub fn run_all<T: Sync, E: Send>(
    jobs: &[T],
    workers: usize,
    work: impl Fn(&T) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<E>> = Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, jobs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() || failure.lock().expect("lock").is_some() {
                        return;
                    }
                    if let Err(e) = work(&jobs[i]) {
                        failure.lock().expect("lock").get_or_insert(e);
                        return;
                    }
                }
            });
        }
    });
    match failure.into_inner().expect("lock") {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// As many workers as CPUs (at least `min`).
pub fn cpus(min: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_run_or_first_error() {
        let hits = AtomicUsize::new(0);
        let jobs: Vec<u32> = (0..20).collect();
        run_all(&jobs, 3, |_| {
            hits.fetch_add(1, Ordering::Relaxed);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(hits.load(Ordering::Relaxed), 20);
        let err = run_all(&jobs, 1, |j| if *j == 5 { Err(*j) } else { Ok(()) });
        assert_eq!(err, Err(5));
        assert!(run_all(&[] as &[u32], 4, |_| Err::<(), ()>(())).is_ok());
    }
}
