from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from balai.accounts.models import Role, User
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
