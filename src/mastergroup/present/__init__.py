"""Everything that renders: text, tables, JSON, Markdown, HTML, mail bodies, .ics, statements."""
