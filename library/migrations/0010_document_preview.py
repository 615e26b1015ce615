from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0009_arabic_chunks_as_written"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="preview",
            field=models.FileField(
                blank=True, editable=False, max_length=200, upload_to="", verbose_name="preview"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="preview_width",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="document",
            name="preview_height",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
    ]
