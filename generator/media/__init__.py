"""Media kinds: the files volunteers put beside a record (photos today).

Each kind is one module that validates its files and processes them for the site.
"""
