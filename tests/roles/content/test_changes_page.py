"""/admin/content/changes/: what an editor's admin edits would change in the fixtures, record by record."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from qualifications.models import KSB, Source
from tests.conftest import page_at
from tests.qualifications.test_list_pages import add_qualifications
from tests.roles.test_role_list_pages import add_roles

from .helpers import NEW_SUMMARY, edit_role_in_admin

pytestmark = pytest.mark.django_db

URL = "/admin/content/changes/"


def test_nothing_differs_right_after_loading_the_fixtures(editor_client):
    page = page_at(editor_client, URL)
    assert "<h1>Changes to publish</h1>" in page
    assert "Nothing differs" in page
    assert "Download changed fixtures" not in page


def test_an_admin_edit_shows_with_its_before_and_after(editor_client, deputy_manager):
    old_title = deputy_manager.title
    edit_role_in_admin(editor_client, deputy_manager, title="Deputy care home manager", summary=NEW_SUMMARY)

    page = editor_client.get(URL).content.decode()

    assert "Nothing differs" not in page
    assert "<code>roles.json</code> (changed)" in page
    assert f'<a href="/admin/roles/role/{deputy_manager.pk}/change/">Deputy care home manager</a>' in page
    # A short value as before and after; a long text as the words removed and added.
    row = f'<th scope="row">Title</th> <td>{escape(old_title)}</td> <td>Deputy care home manager</td>'
    assert row in " ".join(page.split())
    assert '<th scope="row">Summary</th>' in page
    assert '<ins><span class="visually-hidden">[added: </span>' in page and "every shift." in page


def test_records_added_and_removed_are_listed_by_kind(editor_client):
    source = Source.objects.create(key="new-pay-survey", title="A new pay survey", publisher="Skills for Care")
    ksb = KSB.objects.select_related("standard").filter(standard__reference="ST0008").first()
    ksb.delete()

    page = editor_client.get(URL).content.decode()

    assert '<h2 id="kind-1">Sources</h2>' in page
    assert f'<a href="/admin/qualifications/source/{source.pk}/change/">{escape(str(source))}</a>' in page
    assert "<h3>Removed</h3>" in page
    assert f"ST0008/{ksb.kind}/{ksb.number} (no longer in the admin)" in page


def test_a_standard_whose_ksbs_are_all_gone_deletes_its_file(editor_client):
    KSB.objects.filter(standard__reference="ST0510").delete()
    page = editor_client.get(URL).content.decode()
    assert "<code>ksbs-st0510.json</code> (deleted)" in page


def test_an_editor_without_the_publish_permission_sees_the_changes_but_no_buttons(editor_client, deputy_manager):
    edit_role_in_admin(editor_client, deputy_manager, summary=NEW_SUMMARY)
    page = editor_client.get(URL).content.decode()
    assert "<code>roles.json</code> (changed)" in page
    assert "Download changed fixtures" not in page and "Write to fixtures" not in page
    assert "Can publish content" in page


def test_a_publisher_sees_the_download_and_how_to_hand_it_over(publisher_client, deputy_manager):
    edit_role_in_admin(publisher_client, deputy_manager, summary=NEW_SUMMARY)
    page = publisher_client.get(URL).content.decode()
    assert 'href="/admin/content/changes/download/"' in page
    assert "git apply changes.patch" in page
    assert "Write to fixtures" not in page  # not without CONTENT_FIXTURES_WRITABLE


def test_the_write_button_shows_only_when_the_fixtures_are_writable(publisher_client, deputy_manager, writable):
    edit_role_in_admin(publisher_client, deputy_manager, summary=NEW_SUMMARY)
    assert 'href="/admin/content/changes/write/"' in publisher_client.get(URL).content.decode()


def test_the_admin_index_links_to_the_publishing_pages(editor_client):
    page = editor_client.get("/admin/").content.decode()
    assert 'href="/admin/content/changes/"' in page
    assert 'href="/admin/content/review/"' in page
    assert 'href="/admin/roles/role/"' in page  # the app list is still there


def test_staff_who_may_not_see_content_get_no_link_and_a_403(client, content):
    client.force_login(User.objects.create_user("visitor", is_staff=True))
    assert "/admin/content/" not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 403
    assert client.get("/admin/content/review/").status_code == 403


@pytest.mark.parametrize("path", [URL, URL + "download/", URL + "write/", "/admin/content/review/"])
def test_anonymous_visitors_are_sent_to_the_admin_sign_in(client, content, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_number_of_queries_whatever_the_content_size(editor_client, deputy_manager):
    edit_role_in_admin(editor_client, deputy_manager, summary=NEW_SUMMARY)
    before = queries_for(editor_client, URL)
    add_roles(60)
    add_qualifications(60)
    Source.objects.bulk_create(Source(key=f"extra-{n}", title=f"Extra {n}", publisher="Test") for n in range(60))
    page = editor_client.get(URL).content.decode()
    assert "Extra role 059" in page
    assert queries_for(editor_client, URL) == before


def test_the_sign_in_page_has_a_page_heading(client):
    page = client.get("/admin/login/").content.decode()
    assert "<h1>Log in</h1>" in page
    assert 'id="login-form"' in page
