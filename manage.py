#!/usr/bin/env python
import os
import secrets
import sys

# Commands that only read the models' code never sign or serve anything, so they run without the production
# secret key (CI and hooks check migrations on machines that have none). Everything else still needs one.
KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
    if len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("DJANGO_SECRET_KEY", "unused-" + secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
