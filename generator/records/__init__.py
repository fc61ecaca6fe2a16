"""Load and validate: YAML files -> positioned problems and valid records.

``yaml_source`` reads a file safely and keeps the line and column of every value;
``schema`` defines what a record may contain (the editors' JSON Schema is generated
from it); ``validate`` turns documents into records and checks them across files;
``ids`` and ``slugs`` give permanent ids and URL slugs; ``importer`` and ``new``
create records from spreadsheets and from the template.
"""
