"""Maintenance commands that write committed files (vendored scripts, the social card image).

Each has a check that tests run, so a stale committed file fails CI with the command to rerun.
"""
