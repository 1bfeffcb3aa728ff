import pytest
from django.test import RequestFactory

from careerpaths.proxies import client_ip


def request(forwarded=None, remote="10.0.0.2"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.9")) == "10.0.0.2"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # whatever the client claimed is left of the proxy's entry
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (1, " 203.0.113.9 ,", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer hops than proxies: not through them, use the connection
        (1, "", "10.0.0.2"),
        (1, None, "10.0.0.2"),
    ],
)
def test_behind_trusted_proxies_the_visitor_is_counted_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded)) == expected
