"""kg.linking."""
