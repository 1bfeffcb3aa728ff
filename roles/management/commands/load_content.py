from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.content.loading import ContentError, load_content


class Command(BaseCommand):
    help = "Load every content fixture in dependency order, in one transaction; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures", type=Path, default=None, help="Folder of fixture files (default: the project's fixtures/)."
        )

    def handle(self, *args, fixtures=None, **options):
        directory = fixtures or Path(settings.CONTENT_FIXTURES_DIR)
        if not directory.is_dir():
            raise CommandError(f"No fixtures folder at {directory}.")
        try:
            report = load_content(directory)
        except ContentError as error:
            raise CommandError(f"Content not loaded; the database is unchanged.\n{error}") from error
        self.stdout.write(report.summary())
