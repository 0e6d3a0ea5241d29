import pytest

from balai.accounts.models import Role
from balai.agencies.models import Agency, Membership
from conftest import make_user


def publication_officer(email: str, agency: Agency):
    user = make_user(email, Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=agency,
                              role=Membership.Role.PUBLICATION_OFFICER)
    return user


@pytest.fixture
def diskominfo(db):
    return Agency.objects.get_or_create(code="diskominfo", defaults={
        "name": "Dinas Komunikasi dan Informatika", "short_name": "Diskominfo"})[0]


@pytest.fixture
def officer_pupr(agency_pupr):
    return publication_officer("humas.pupr@example.id", agency_pupr)


@pytest.fixture
def officer_dlh(agency_dlh):
    return publication_officer("humas.dlh@example.id", agency_dlh)


@pytest.fixture
def editor(diskominfo):
    """Diskominfo's publication officer: the editor of every OPD's pages."""
    return publication_officer("editor@example.id", diskominfo)
