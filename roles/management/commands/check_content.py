from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles.content.checks import errors, problems
from roles.content.loading import ContentError, load_content


class Command(BaseCommand):
    help = (
        "Check the content fixtures against the content-truth rules, changing nothing: each problem as file, "
        "record, field and rule. Errors exit non-zero; warnings (old figures, reviews due) do not."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None, help="Folder of fixture files (default: fixtures/).")
        parser.add_argument(
            "--loaded", action="store_true", help="Check the content in the database instead of the fixture files."
        )

    def handle(self, *args, fixtures=None, loaded=False, **options):
        found = problems() if loaded else self.check_files(fixtures or Path(settings.CONTENT_FIXTURES_DIR))
        for item in found:
            self.stdout.write(str(item))
        bad = errors(found)
        summary = f"{len(bad)} errors, {len(found) - len(bad)} warnings."
        if bad:
            raise CommandError(f"The content breaks {len(bad)} rules: fix the errors above. {summary}")
        self.stdout.write(f"The content keeps every rule. {summary}")

    def check_files(self, directory: Path):
        """Load the files in a transaction that is rolled back: the database is left as it was."""
        if not directory.is_dir():
            raise CommandError(f"No fixtures folder at {directory}.")
        try:
            with transaction.atomic():
                load_content(directory, check=False)
                found = problems()
                transaction.set_rollback(True)
        except ContentError as error:
            raise CommandError(f"Content not checked; the database is unchanged.\n{error}") from error
        return found
