# The publication officers are the service directory's (one membership role for an OPD's
# public pages): the same fixtures.
from balai.public_services.tests.conftest import (  # noqa: F401
    diskominfo,
    editor,
    officer_dlh,
    officer_pupr,
)
