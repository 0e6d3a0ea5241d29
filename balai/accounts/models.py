from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The personas of DESIGN.md §1."""

    WARGA = "warga", _("Citizen")
    VERIFIKATOR = "verifikator", _("Complaint verifier")
    PETUGAS_112 = "petugas_112", _("Call centre 112 / front desk")
    OPERATOR_OPD = "operator_opd", _("Agency operator")
    KEPALA_OPD = "kepala_opd", _("Head of agency")
    TIM_REAKSI_CEPAT = "tim_reaksi_cepat", _("Rapid-response team")
    PETUGAS_PPID = "petugas_ppid", _("PPID officer")
    ATASAN_PPID = "atasan_ppid", _("PPID superior (atasan PPID)")
    KEPALA_DINAS = "kepala_dinas", _("Head of office")
    # The second wave's registries (DESIGN.md §5a): who keeps each one.
    PETUGAS_MENARA = "petugas_menara", _("Tower officer")
    PETUGAS_KIM = "petugas_kim", _("KIM and market officer")
    PETUGAS_MEDIA = "petugas_media", _("Media partnership officer")
    TIM_VERIFIKASI_MEDIA = "tim_verifikasi_media", _("Media verification team")
    PETUGAS_SURAT = "petugas_surat", _("Front office (correspondence)")
    # Perpres 39/2019's walidata: publishes the pemda's data (the budget, open data).
    WALIDATA = "walidata", _("Data officer (walidata)")
    ADMIN = "admin", _("Administrator")

# NIP, the civil servant's number (PP 11/2017; BKN): 18 digits, birth date, appointment
# month, sex and a serial number.
nip_validator = RegexValidator(
    r"^[0-9]{18}$", _("Enter the NIP as its 18 digits, without spaces, e.g. "
                      "197805122005011003."),
)

# The NIK (KTP number) of an official's BSrE certificate: 16 digits.
signature_nik_validator = RegexValidator(
    r"^[0-9]{16}$", _("Enter the NIK as its 16 digits, without spaces."),
)

STAFF_ROLES = frozenset(Role.values) - {Role.WARGA}

phone_validator = RegexValidator(
    r"^\+?[0-9]{8,15}$",
    _("Enter a phone number of 8–15 digits, e.g. 081234567890 or +6281234567890."),
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


# Titles written before a name without a dot (with a dot, any leading word is a title).
NAME_TITLES = frozenset({"dr", "drg", "ir", "prof", "h", "hj", "kh", "drs", "dra"})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: by e-mail, with an optional phone number."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True,
                             validators=[phone_validator])
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.WARGA,
                            db_index=True)
    # Printed under an officer's signature on the letters they sign.
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator],
                           help_text=_("Civil servant number (18 digits), printed under the "
                                       "signature on letters."))
    position = models.CharField(_("official position"), max_length=200, blank=True,
                                help_text=_("Official position (jabatan) as printed above "
                                            "the signature, e.g. Kepala Dinas Komunikasi dan "
                                            "Informatika."))
    # The NIK the official's certificate is registered under at BSrE (BSSN): the signing
    # service signs with that certificate once the official types their passphrase.
    signature_nik = models.CharField(
        _("NIK for electronic signature"), max_length=16, blank=True,
        validators=[signature_nik_validator],
        help_text=_("The 16-digit NIK under which BSrE issued this official's electronic "
                    "certificate; used only to sign letters through BSrE."))
    rank = models.CharField(_("rank"), max_length=100, blank=True,
                            help_text=_("Rank and grade (pangkat/golongan), e.g. Pembina "
                                        "Tk. I (IV/b)."))
    is_staff = models.BooleanField(
        _("admin site access"), default=False,
        help_text=_("May log in to the configuration (admin) site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        """The given name to greet with, without academic or religious titles: what follows
        the first comma is degrees ("…, M.T."), and leading words ending in a dot or named in
        NAME_TITLES are titles ("Dr. Ir. Budi Santoso, M.T." -> "Budi")."""
        words = (self.full_name or "").split(",")[0].split()
        while words and (words[0].endswith(".") or words[0].lower() in NAME_TITLES):
            words = words[1:]
        return words[0] if words else (self.full_name or self.email).split()[0]

    @property
    def is_officer(self) -> bool:
        """Works for the pemda (any persona other than citizen)."""
        return self.role in STAFF_ROLES or self.is_superuser
