"""Load and validate: YAML files -> positioned problems and valid records.

``yaml_source`` reads a file safely and keeps the line and column of every value;
``schema`` defines what a record may contain (the editors' JSON Schema is generated
from it); ``validate`` turns documents into records (``pydantic_errors`` words the
schema's complaints) and checks them across files; ``ids`` and ``slugs`` give permanent
ids and URL slugs, ``identity`` checks ids against the ledger and the printed plaques,
``namespace`` every URL path the build writes, ``places`` commune and district names
against the official list; ``importer`` and ``new`` create records from spreadsheets and
from the template.
"""
