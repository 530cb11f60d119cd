"""The response stage: reading response files, their JSON Schema, and validating them."""
