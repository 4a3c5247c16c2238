"""kg.nlp."""
