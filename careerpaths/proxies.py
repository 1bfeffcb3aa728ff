"""The visitor's own address when the site runs behind proxies that we trust.

django-axes throttles failed sign-ins by address. Behind a proxy every request comes from the proxy, so one
attacker could lock every editor out. Each proxy appends the address it heard from to X-Forwarded-For, so
behind N trusted proxies the visitor is the Nth address from the right; anything further left is whatever
the client sent, and cannot be trusted. (django-ipware counts proxies differently: it expects the proxies'
own addresses in the header too, which nginx and most load balancers do not add.)
"""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost one heard from."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
