"""Engines: where the analysis runs.

All engines map :func:`newskit.nlp.pipeline.analyze_batch` over batches of
articles and yield, in input order, a record per article (or an
:class:`~newskit.read.ingest.InputError` for an article whose analysis failed):

* ``local`` with one job: in this process, streaming through ``nlp.pipe``;
* ``local`` with several jobs: worker processes, each loading the model once;
* ``dask``: a Dask cluster (a scheduler address, or a LocalCluster), the
  model loaded once per worker, never pickled.

Parallel engines keep a bounded window of batches in flight, so memory stays
flat however many articles arrive, and the output is byte-identical to the
single-job run.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator, Optional



def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def ordered_map(submit: Callable, batches: Iterable[list], window: int) -> Iterator:
    """Submit batches with at most ``window`` in flight; yield results in order.

    ``submit(batch)`` returns a future with ``.result()`` (concurrent.futures
    and dask.distributed futures both fit).
    """
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _init_worker(model: str) -> None:
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent ends its workers with SIGTERM
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    from .pipeline import get_pipeline

    get_pipeline(model)


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """A worker whose parent died (even by SIGKILL) exits by itself: it is re-parented."""
    import time

    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _end_workers(pool) -> None:
    """Stop a process pool now: queued batches cancelled, running workers terminated."""
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.terminate()
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.join(5)


def run_local(articles: Iterable, model: str, jobs: int = 1, batch_size: int = 32,
              include_text: bool = False) -> Iterator:
    from .pipeline import analyze, get_pipeline

    jobs = cpu_count() if jobs == 0 else jobs
    if jobs <= 1:
        yield from analyze(get_pipeline(model), articles, batch_size=batch_size, include_text=include_text,
                           report_errors=True)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from .pipeline import analyze_batch, batched

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    # smaller batches spread the work evenly; the window bounds memory
    size = max(1, min(batch_size, 16))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(model,)) as pool:
        pool.submit(os.getpid)  # start (fork) the workers now, before any input thread (web downloads) runs
        try:
            yield from ordered_map(
                lambda b: pool.submit(analyze_batch, b, model, include_text),
                batched(articles, size), window=jobs * 3,
            )
        except BaseException:  # Ctrl-C, SIGTERM, a closed generator: workers end with the parent
            _end_workers(pool)
            raise


def run_dask(articles: Iterable, model: str, scheduler: Optional[str] = None, workers: int = 0,
             batch_size: int = 32, include_text: bool = False) -> Iterator:
    """Run on a Dask cluster; without ``scheduler`` start a LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("the dask engine needs dask[distributed]: pip install 'newskit[dask]'") from exc
    from .pipeline import analyze_batch, batched

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or cpu_count()
        import logging

        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from ordered_map(
            lambda b: client.submit(analyze_batch, b, model, include_text, pure=False),
            batched(articles, batch_size), window=nworkers * 3,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
