import pytest

# The KIM fixtures (areas, KIM Tlogomas and Dinoyo, their officers), shared.
from balai.community_groups.tests.conftest import *  # noqa: F403
from balai.market import services
from balai.market.models import Seller

WHATSAPP = "081398765432"


@pytest.fixture
def make_seller(kelurahan):
    def make(email="bu.sri@contoh.id", *, kim=None, verified_by=None, trusted=False,
             **extra):
        values = {"name": "Sri Wahyuni", "business_name": "Keripik Bu Sri",
                  "whatsapp": WHATSAPP, "kelurahan": kelurahan["Tlogomas"], "kim": kim,
                  "nib": "1234567890123", "halal_number": "ID35110000123450824",
                  **extra}
        seller = services.seller_register(email=email, **values)
        if verified_by is not None:
            services.seller_verify(seller=seller, actor=verified_by)
            if trusted:
                services.seller_trust(seller=seller, actor=verified_by)
        return Seller.objects.get(pk=seller.pk)

    return make


@pytest.fixture
def seller(make_seller, tlogomas, petugas_kim):
    """A verified seller of KIM Tlogomas, new (not trusted)."""
    return make_seller(kim=tlogomas, verified_by=petugas_kim)


@pytest.fixture
def listing_of(settings):
    settings.MARKET_LISTING_DAYS = 30

    def make(seller, **extra):
        values = {"category": "makanan_minuman", "title": "Keripik tempe pedas 250 g",
                  "description": "Keripik tempe renyah, tanpa pengawet.", "price": 15000,
                  "stock_note": "Siap setiap hari", **extra}
        return services.listing_create(seller=seller, **values)

    return make


@pytest.fixture
def whatsapp_provider(settings):
    """A local HTTP server standing in for the WhatsApp Cloud API (the real transport
    posts to it)."""
    from balai.notifications.tests.conftest import provider  # noqa: PLC0415

    server = provider.__wrapped__()
    fake = next(server)
    settings.WHATSAPP_API_URL = f"{fake.url}/v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    settings.WHATSAPP_TOKEN = "wa-secret-token"
    settings.NOTIFICATION_HTTP_TIMEOUT = 2
    yield fake
    next(server, None)
