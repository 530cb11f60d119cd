"""The extraction stage: filled Word forms read back into response files."""
