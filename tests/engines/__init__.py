"""The core checklist scenario on three engines (tests/test_engines.py): drivers and a server."""
