"""Static site generator for the Innokaupungit / Innostäderna / InnoCities programme.

The pipeline, one module per step:
  source   -> read files, YAML with line numbers, front matter
  load     -> validate content into the immutable model (model.py)
  routes   -> the URL and output path of every page
  plan     -> the list of pages to render, each with its context (pure)
  render   -> Jinja templates and catalogs turn a planned page into bytes
  publish  -> write the output aside and swap it in (the only writer)
  build    -> runs the steps; cli.py is the command line around it
"""
