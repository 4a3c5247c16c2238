"""kg.reading."""
