"""Every table of the system of record, imported in one place for Alembic and tests."""

from consent.models import (  # noqa: F401
    ConsentRecord,
    ConsentStatement,
    ErasureTombstone,
    Participant,
    PurgeRun,
    Response,
)
from feedback_api.actions.models import Action  # noqa: F401
from feedback_api.audit.models import AuditEvent  # noqa: F401
from feedback_api.escalations.models import Escalation, EscalationMessage  # noqa: F401
from feedback_api.outbox.models import OutboxMessage  # noqa: F401
from feedback_api.reports.models import Report  # noqa: F401
from feedback_api.staff.models import StaffMember  # noqa: F401
from feedback_api.themes.models import (  # noqa: F401
    ResponseVector,
    Theme,
    ThemeAssignment,
    ThemingRun,
)
