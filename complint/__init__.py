"""complint: a compliance linter for applications built on AI model APIs."""

__version__ = "0.1.0"
