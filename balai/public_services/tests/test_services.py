import pytest
from django.core.exceptions import PermissionDenied

from balai.core.audit import audit_trail
from balai.public_services.models import DocumentType, Service
from balai.public_services.selectors import portal_scope
from balai.public_services.services import service_save
from balai.public_services.tests import factories

pytestmark = pytest.mark.django_db


def test_officer_creates_a_service_of_own_opd_with_its_first_version(agency_pupr,
                                                                    officer_pupr):
    service = factories.service(agency_pupr, officer_pupr)
    assert service.version == 1
    assert [str(r) for r in service.requirements.all()] == [
        "Kartu Keluarga (fotokopi)", "Surat pengantar RT/RW"]
    assert [s.text for s in service.steps.all()][0] == "Ambil nomor antrean"
    assert service.versions.get().snapshot["biaya"] == "Gratis"
    entry = audit_trail(service).get()
    assert entry.action == "public_services.created" and entry.actor == officer_pupr
    assert entry.data["missing"] == []


def test_officer_cannot_create_for_another_opd(agency_dlh, officer_pupr):
    with pytest.raises(PermissionDenied):
        factories.service(agency_dlh, officer_pupr)
    assert not Service.objects.exists()


def test_officer_cannot_move_another_opds_service_into_own(agency_pupr, agency_dlh,
                                                           officer_pupr, officer_dlh):
    service = factories.service(agency_dlh, officer_dlh)
    service.agency = agency_pupr
    with pytest.raises(PermissionDenied):
        service_save(service=service, rows=factories.rows(), actor=officer_pupr)
    assert Service.objects.get().agency == agency_dlh


def test_diskominfo_editor_and_admin_edit_every_opd(agency_pupr, agency_dlh, editor, admin):
    assert portal_scope(editor).agency_ids is None
    factories.service(agency_dlh, editor)
    factories.service(agency_pupr, admin)
    assert Service.objects.count() == 2


def test_operator_without_the_publication_role_edits_nothing(operator_opd, warga):
    assert not portal_scope(operator_opd).can_edit
    assert not portal_scope(warga).can_edit


def test_a_change_adds_a_version_and_an_unchanged_save_does_not(agency_pupr, officer_pupr):
    service = factories.service(agency_pupr, officer_pupr)
    service_save(service=service, rows=factories.rows(), actor=officer_pupr)
    assert service.versions.count() == 1
    service.fee_kind, service.fee_amount = "berbayar", 50000
    service.fee_legal_basis = "Perda Kota Malang 4/2023"
    service_save(service=service, rows=factories.rows(requirements=[("KTP-el", "asli")]),
                 note="Tarif baru", actor=officer_pupr)
    service.refresh_from_db()
    assert service.version == 2
    latest = service.versions.first()
    assert latest.note == "Tarif baru"
    assert latest.snapshot["biaya"] == "Rp50.000 (Perda Kota Malang 4/2023)"
    assert [e.action for e in audit_trail(service)] == [
        "public_services.created", "public_services.updated", "public_services.updated"]


def test_document_types_are_shared_case_insensitively(agency_pupr, agency_dlh, admin):
    factories.service(agency_pupr, admin)
    factories.service(agency_dlh, admin)
    assert DocumentType.objects.filter(name__iexact="kartu keluarga").count() == 1


def test_free_service_with_a_tariff_is_refused_by_the_database(agency_pupr, admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        factories.service(agency_pupr, admin, fee_amount=1000)
