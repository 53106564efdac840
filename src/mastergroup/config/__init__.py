"""The configuration: the key table, typed settings, loading."""
