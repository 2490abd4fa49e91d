"""Command line: `python -m macros {build,serve,check,schema}`."""

from macros.cli import main

raise SystemExit(main())
