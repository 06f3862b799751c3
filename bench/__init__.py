"""Benchmark harness: a synthetic trilingual corpus and a build-time runner."""
