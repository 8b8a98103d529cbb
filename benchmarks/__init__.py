"""Benchmarks: commands that print figures (``python -m benchmarks.engine``), not timed tests."""
