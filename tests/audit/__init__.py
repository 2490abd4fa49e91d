"""Runners for the quality gates (Lighthouse, axe-core, Nu HTML Checker, links) and helpers.

Each module does one job and returns plain data; the gates in tests/test_gate_*.py assert on it
and the benchmarks reuse it.
"""
