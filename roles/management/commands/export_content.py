from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.content import synthetic
from roles.content.exporting import export_content


class Command(BaseCommand):
    help = "Write the content in the database back as fixture files (natural keys, stable order and format)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="Folder to write (default: fixtures/).")

    def handle(self, *args, output=None, **options):
        directory = output or Path(settings.CONTENT_FIXTURES_DIR)
        if synthetic.present():
            raise CommandError(
                "The database holds synthetic content from generate_synthetic, which must never reach the "
                "fixtures. Nothing was written. Take it out with 'generate_synthetic --remove' (or load_content) "
                "and export again."
            )
        written = export_content(directory)
        self.stdout.write(f"Wrote {len(written)} fixture files to {directory}.")
