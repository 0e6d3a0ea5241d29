class Open311Error(Exception):
    """A failure the client must see as the spec's `errors` document with an HTTP status.

    GeoReport v2: 404 for an unknown resource, 403 for a missing or bad api_key, 400 for
    anything else; the `code` in the body may be more specific than the HTTP status.
    """

    def __init__(self, status: int, description: str, code: int | str | None = None,
                 *, headers: dict | None = None):
        super().__init__(description)
        self.status = status
        self.code = code if code is not None else status
        self.description = description
        self.headers = headers or {}
