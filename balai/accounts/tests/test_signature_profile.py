"""An officer's NIP, printed under their signature, is the 18 digits of PP 11/2017."""

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nip", ["19780512200501100", "1978051220050110031",
                                 "1978 0512 2005 01 1 003", "19780512200501100X"])
def test_a_nip_that_is_not_18_digits_is_refused_with_how_to_fix_it(petugas_ppid, nip):
    petugas_ppid.nip = nip
    with pytest.raises(ValidationError) as error:
        petugas_ppid.full_clean()
    assert ("Masukkan NIP berupa 18 angka tanpa spasi, mis. 197805122005011003."
            in error.value.message_dict["nip"])


def test_an_18_digit_nip_is_accepted(petugas_ppid):
    petugas_ppid.nip = "197805122005011003"
    petugas_ppid.full_clean()
