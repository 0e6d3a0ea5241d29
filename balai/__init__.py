"""balai: the public-service platform of a Dinas Kominfo."""

__version__ = "0.1.0"
