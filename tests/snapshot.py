"""A copy of the loaded content inside the test database, so a flushed database gets it back in SQL.

The browser tests are transactional: Django empties every table after each one. Loading the fixtures
again costs seconds (every record is validated and diffed); copying the rows back from tables that
`flush` does not know about costs milliseconds and gives the same rows, keys included.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from roles.content.registry import is_content

PREFIX = "snapshot_"


def content_models() -> list:
    """The content models of the registry and their many-to-many tables: what load_content writes."""
    return [model for model in apps.get_models(include_auto_created=True) if is_content(model)]


def content_tables() -> list[str]:
    return sorted({m._meta.db_table for m in content_models()})


def each_table(cursor, *statements: str) -> None:
    """Run the statements for every content table, `{table}` naming it and `{copy}` its snapshot."""
    quote = connection.ops.quote_name
    for table in content_tables():
        for statement in statements:
            cursor.execute(statement.format(table=quote(table), copy=quote(PREFIX + table)))


def take() -> None:
    """Copy every content table, as it is now, into a snapshot table beside it."""
    with transaction.atomic(), connection.cursor() as cursor:
        each_table(cursor, "DROP TABLE IF EXISTS {copy}", "CREATE TABLE {copy} AS SELECT * FROM {table}")


def restore() -> None:
    """Put the content tables back as they were when the snapshot was taken, with a new content version."""
    from roles.content.version import ContentVersion

    # Foreign keys are checked only once every table is back, so the order of the tables does not matter.
    with transaction.atomic(), connection.cursor() as cursor:
        each_table(cursor, "DELETE FROM {table}", "INSERT INTO {table} SELECT * FROM {copy}")
        for sql in connection.ops.sequence_reset_sql(no_style(), content_models()):
            cursor.execute(sql)
        ContentVersion.objects.bump()
    # Check the keys now, not at the commit: inside a test's own transaction (restoring for a test that runs
    # after the browser tests) PostgreSQL would otherwise hold the checks pending and refuse a later TRUNCATE.
    connection.check_constraints()


def ensure_content() -> None:
    """The real content, put back if a transactional test (the browser tests) flushed it."""
    from roles.models import Role

    if not Role.objects.exists():
        restore()
