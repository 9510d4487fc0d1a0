"""Domain errors that the API turns into JSON 409 responses, in one place."""


class Conflict(Exception):
    """The request is valid but clashes with the current state (already closed, merged, ...)."""
