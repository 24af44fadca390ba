"""Benchmarks of the clients; `nox -s bench` runs `python -m benchmarks.bench`."""
