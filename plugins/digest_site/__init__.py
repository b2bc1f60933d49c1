from .glue import register  # noqa: F401
