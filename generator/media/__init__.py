"""Media kinds: the files volunteers put beside a record (photos today).

Each kind is one module that validates its files and processes them for the site:
``photo_check`` opens and decodes a photo as the build will (``check`` calls it, the
build opens photos through it), ``photos`` makes the variants the pages show.
"""
