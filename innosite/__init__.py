"""Static site generator for the Innokaupungit / Innostäderna / InnoCities programme.

The pipeline, one module per step (build.py runs them; cli.py is the command line):

  read and validate   source (files, YAML with lines, front matter), fields (typed values
                      with messages), paths (path safety), config (site.yaml, themes,
                      cities), entries (one entry folder), attachments, statement
                      (accessibility.yaml), markup + sanitize (Markdown to safe HTML),
                      load (the whole content folder); problems collects every message
  the model           model (frozen dataclasses), slugs, routes (the URL scheme)
  pages (pure)        plan + views (every page and its context), discovery (feeds.py,
                      sitemap.py, search.py pages, redirects.py), i18n (catalogs, dates)
  rendering           render (Jinja, one environment per language)
  speed               cache (.cache/), entry_cache (cached and parallel loading),
                      parallel (worker processes), incremental (page fingerprints),
                      progress
  writing (the edge)  publish (aside, then swapped in), publish_tree (only changed
                      files, through a spare folder), search.index_site (Pagefind)
  authoring commands  authoring (serve, new, status), serve + preview_app (live
                      preview), scaffold (new), status, linkcheck (check)
"""
