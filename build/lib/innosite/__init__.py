"""Static site generator for the Innokaupungit / Innostäderna / InnoCities programme.

The pipeline, one subpackage per stage, each importing only from those below it
(docs/architecture.md; the import-linter contracts in pyproject.toml check it):

  commands/   the command line (build, check, serve, new, status)
  preview/    the live preview: server, web app, session
  build.py    content -> model -> plan -> render -> publish
  speed/      cache, worker processes, fingerprints, the build session
  output/     writing the output folder: path guard, publishers, search index
  render/     planned pages to bytes: Jinja, catalogs, dates
  pages/      pure: the model to planned pages and view models
  content/    reading and validating the content folder
  markup/     Markdown to safe HTML
  model/      the frozen dataclasses every stage reads
  memo.py, problems.py   remembering work between builds; messages
"""
