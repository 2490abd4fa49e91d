"""Build the site from the pattern dataset. One sub-package per job, imports run one way:

- `content`: the dataset's schema, loading, model, generated pages, templates, cycle geometry;
- `search`: Japanese word analysis and the search index rewrite;
- `postbuild`: what is done to the built files (script bundle, minifying, CSP, sitemaps);
- `engine`: the MkDocs glue (hooks, the mkdocs-macros entry point), which calls the above;
- `commands`: the command line (`python -m macros`), which drives the engine.

See ARCHITECTURE.md.
"""
