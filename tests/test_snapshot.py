"""The copy of the content that transactional tests get back after a flush is the content as loaded."""

from django.core.management.color import no_style
from django.db import connection

from roles.content.version import ContentVersion
from roles.models import Role
from tests import snapshot
from tests.conftest import make_role


def rows() -> dict[str, list[tuple]]:
    """Every content row, table by table."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        found = {}
        for table in snapshot.content_tables():
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")
            found[table] = cursor.fetchall()
        return found


def empty_content_tables(*, reset_sequences: bool = False) -> None:
    """What Django's flush does to the content tables after a transactional test."""
    sql = connection.ops.sql_flush(no_style(), snapshot.content_tables(), reset_sequences=reset_sequences)
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def test_a_flushed_database_gets_every_content_row_back(content):
    loaded = rows()
    version = ContentVersion.objects.current()
    empty_content_tables()
    assert not Role.objects.exists()

    snapshot.ensure_content()

    restored = rows()
    assert {t: len(r) for t, r in restored.items()} == {t: len(r) for t, r in loaded.items()}
    assert restored == loaded
    assert len(loaded[Role._meta.db_table]) == Role.objects.count() > 30
    # A new version, so no page cached before the flush can be served for it.
    assert ContentVersion.objects.current()[0] != version[0]


def test_new_rows_after_a_restore_take_fresh_keys(content):
    # First as the content fixture does for a test that runs after the browser tests, inside its transaction.
    empty_content_tables()
    snapshot.ensure_content()
    empty_content_tables(reset_sequences=True)
    snapshot.ensure_content()
    highest = Role.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert make_role(save=True, slug="after-restore").pk > highest


def test_content_that_is_there_is_left_alone(content):
    version = ContentVersion.objects.current()
    snapshot.ensure_content()
    assert ContentVersion.objects.current() == version
