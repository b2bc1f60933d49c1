def register() -> None:
    """Pelican's entry point: glue.py's receivers connected.

    glue is imported when Pelican calls this, not with the package: every
    `digest` command and the site plugin import this package, and glue's
    imports (the whole pipeline, Pelican's readers) would add about 0.2 s of
    processor time to `digest review`, `digest approve` and `digest --help`.
    """
    from .glue import register as connect_receivers
    connect_receivers()
