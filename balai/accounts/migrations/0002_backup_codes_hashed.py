"""Backup codes issued before they were hashed: store their keyed hash instead.

Plain codes are 8 base32 characters; a stored digest is 16 hex digits, so each row is
converted once, and running this again changes nothing.
"""

from django.db import migrations
from django.utils.crypto import salted_hmac


def backup_codes_hash(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().iterator():
        if len(token.token) == 16:
            continue
        plain = "".join(ch for ch in token.token.lower() if ch.isalnum())
        token.token = salted_hmac("balai.accounts.backup_code", plain).hexdigest()[:16]
        token.save(update_fields=["token"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(backup_codes_hash, migrations.RunPython.noop),
    ]
