"""Địa chỉ đỏ: turn volunteers' YAML site records into a static heritage website.

The flow is one-way: ``records.yaml_source`` loads files, ``records.validate`` turns them
into records (``records.schema.Site``), and the render stages (``site``, ``map``,
``plaques``, ``export``) turn records into content under ``site_docs/`` that MkDocs only
renders; ``build`` runs the stages in that order.
"""
