"""kg.eval."""
