"""The register (the store behind one interface), its records and backups."""
