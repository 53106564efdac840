"""Files, mail and the environment: the edges of the machine."""
