"""advisor: a terminal decision advisor for where to run machine-learning and data work."""

__version__ = "0.1.0"
