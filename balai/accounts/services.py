from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.accounts.models import Role, User
from balai.accounts.two_factor import BACKUP_CODE_COUNT, backup_code_digest
from balai.core.audit import log_action


@transaction.atomic
def user_create_staff(
    *, email: str, password: str, full_name: str, role: str, phone: str = "",
    admin_site: bool = False, actor=None, validate: bool = True,
) -> User:
    """Create an officer account with a persona role; audited."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValueError(f"A user with e-mail {email} already exists")
    user = User(email=email, full_name=full_name, role=role, phone=phone,
                is_staff=admin_site or role == Role.ADMIN,
                is_superuser=role == Role.ADMIN)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    log_action(user, "accounts.staff_created", actor=actor, data={"role": role})
    return user


# --- staff two-factor login (DESIGN.md §7) --------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, kept across reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = []
    while len(codes) < BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=backup_code_digest(c))
                                    for c in codes)
    return codes


def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with its first code; returns the new backup codes, or None if wrong.

    The backup codes are shown once and never again (the user writes them down).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = _new_backup_codes(device.user)
        log_action(device.user, "accounts.2fa_enrolled", actor=device.user,
                   data={"backup_codes": len(codes)})
    return codes


def backup_codes_regenerate(*, user: User, actor) -> list[str]:
    """Replace the user's backup codes with ten new ones; the old ones stop working."""
    with transaction.atomic():
        codes = _new_backup_codes(user)
        log_action(user, "accounts.2fa_backup_codes_renewed", actor=actor,
                   data={"backup_codes": len(codes)})
    return codes


def totp_verify(*, user: User, token: str) -> TOTPDevice | None:
    """Check a 6-digit code against the user's app (django-otp throttles and stops replays)."""
    with transaction.atomic():
        device = (TOTPDevice.objects.select_for_update()
                  .filter(user=user, confirmed=True).order_by("pk").first())
        if device is not None and device.verify_token(token):
            return device
    return None


def backup_code_use(*, user: User, code: str) -> StaticDevice | None:
    """Spend one backup code (each works once); audited with the number left."""
    with transaction.atomic():
        device = (StaticDevice.objects.select_for_update()
                  .filter(user=user, confirmed=True).first())
        if device is None or not device.verify_token(backup_code_digest(code)):
            return None
        remaining = device.token_set.count()
        log_action(user, "accounts.2fa_backup_code_used", actor=user,
                   data={"remaining": remaining})
    return device


def user_reset_two_factor(*, user: User, actor) -> int:
    """Remove a user's authenticator app and backup codes (lost phone); audited.

    With STAFF_2FA=required the user enrols a new app at the next log-in.
    """
    with transaction.atomic():
        apps = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
        StaticDevice.objects.filter(user=user).delete()
        log_action(user, "accounts.2fa_reset", actor=actor, data={"devices": apps})
    return apps
