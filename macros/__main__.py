"""Command line: `python -m macros {build,serve,check,schema}`."""

from macros.commands.cli import main

raise SystemExit(main())
