"""The domain, pure: records, errors, rules, booking, agenda, panel, privacy. No I/O, no clock."""
