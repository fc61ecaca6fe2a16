"""``diachido serve``: the live preview (``serve``), MkDocs kept in process to re-render
only what changed (``render``), and an edit's own pages written first (``first_pages``)."""
