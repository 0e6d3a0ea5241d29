# The BSrE NIK moves from the persuratan position to the user (accounts.User.signature_nik),
# where every service that has a named official sign (PPID notices too) finds it.

from django.db import migrations


def copy_nik_to_user(apps, schema_editor):
    Position = apps.get_model("correspondence", "Position")
    User = apps.get_model("accounts", "User")
    for user_id, nik in Position.objects.exclude(nik="").values_list("user_id", "nik"):
        User.objects.filter(pk=user_id, signature_nik="").update(signature_nik=nik)


def copy_nik_to_position(apps, schema_editor):
    Position = apps.get_model("correspondence", "Position")
    for position in Position.objects.exclude(user__signature_nik="").select_related("user"):
        Position.objects.filter(pk=position.pk).update(nik=position.user.signature_nik)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_signature_nik"),
        ("correspondence", "0002_outgoing_signing_and_retention"),
    ]

    operations = [
        migrations.RunPython(copy_nik_to_user, copy_nik_to_position),
        migrations.RemoveField(
            model_name="position",
            name="nik",
        ),
    ]
