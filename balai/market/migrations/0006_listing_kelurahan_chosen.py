"""A listing's kelurahan is now the seller's choice (their own by default). Existing rows
keep the kelurahan copied from their seller, which is what the new default gives: no data
to move, only the field's help text."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geo', '0001_initial'),
        ('market', '0005_seller_nik'),
    ]

    operations = [
        migrations.AlterField(
            model_name='listing',
            name='kelurahan',
            field=models.ForeignKey(help_text='Where the product is, or where buyers meet you.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.area', verbose_name='kelurahan'),
        ),
    ]
