"""kg.viz."""
