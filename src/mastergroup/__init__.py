"""mastergroup: the coordinator's tool for a child-welfare multiprofessional expert group."""

__version__ = "0.1.0"
