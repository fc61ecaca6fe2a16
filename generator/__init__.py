"""Địa chỉ đỏ: turn volunteers' YAML site records into a static heritage website.

The flow is one-way: ``yaml_source`` loads files, ``records`` validates them into
``schema.Site`` objects, and the renderers (``pages``, maps, plaques) turn records
into content under ``site_docs/`` that MkDocs only renders.
"""
