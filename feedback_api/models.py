"""Every table of the system of record, imported in one place for Alembic and tests."""

from consent.models import (  # noqa: F401
    ConsentRecord,
    ConsentStatement,
    ErasureTombstone,
    Participant,
    PurgeRun,
    Response,
)
