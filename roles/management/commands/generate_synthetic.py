from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from roles.content import synthetic


class Command(BaseCommand):
    help = (
        "Add synthetic roles, standards with KSBs, qualifications and links, N times the real content, "
        "for benchmarks and scale tests. Never writes fixtures; load_content (or --remove) takes it out again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10, help="How many copies of the real content (default 10).")
        parser.add_argument("--yes", action="store_true", help="Confirm this database is a throwaway one.")
        parser.add_argument("--remove", action="store_true", help="Remove all synthetic records instead.")

    def handle(self, *args, scale, yes, remove, **options):
        if remove:
            self.stdout.write(f"Removed {synthetic.remove()} synthetic records.")
            return
        if not yes:
            raise CommandError(
                f"This adds synthetic content to the database '{connection.settings_dict['NAME']}'. Use it on a "
                "throwaway database (benchmarks, tests) and run again with --yes. export_content refuses to run "
                "while synthetic records are there; load_content or --remove takes them out again."
            )
        try:
            counts = synthetic.generate(scale=scale)
        except synthetic.SyntheticError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(f"Added synthetic content at {scale}x the real content: {summary}.")
