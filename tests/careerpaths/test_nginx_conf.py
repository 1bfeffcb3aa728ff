"""deploy/nginx/careerpaths.conf: nginx accepts it, and it keeps the limits and headers the app relies on.

scripts/topology_drill.sh runs this file in front of real app servers; these tests are the quick part.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
CONF = PROJECT / "deploy" / "nginx" / "careerpaths.conf"
DRILL = PROJECT / "scripts" / "topology_drill.sh"
SIZES = {"": 1, "k": 1024, "m": 1024 * 1024}


def server_blocks(text: str) -> list[str]:
    """The top-level `server { ... }` blocks, braces matched."""
    blocks = []
    for match in re.finditer(r"^server \{", text, flags=re.MULTILINE):
        depth, end = 0, match.start()
        for end in range(match.start(), len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0 and text[end] == "}":
                break
        blocks.append(text[match.start() : end + 1])
    return blocks


@pytest.fixture(scope="module")
def conf() -> str:
    return re.sub(r"#.*", "", CONF.read_text())  # directives only, without the comments


def test_nginx_accepts_the_shipped_config_as_the_drill_runs_it():
    missing = [tool for tool in ("nginx", "openssl") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install -y nginx openssl)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {message}")
        pytest.skip(message)
    result = subprocess.run([str(DRILL), "--check-config"], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "test is successful" in result.stderr


def test_request_bodies_are_limited_as_the_app_limits_them(conf):
    size, unit = re.search(r"client_max_body_size\s+(\d+)([kKmM]?);", conf).groups()
    assert int(size) * SIZES[unit.lower()] == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_two_or_more_app_servers_and_a_request_moves_on_when_one_fails(conf):
    upstream = re.search(r"upstream careerpaths_app \{(.*?)\}", conf, flags=re.DOTALL).group(1)
    assert len(re.findall(r"^\s*server\s+\S+", upstream, flags=re.MULTILINE)) >= 2
    assert re.search(r"proxy_next_upstream\s+error timeout", conf)
    assert "http_503" not in conf  # the app's own 503 (database down) is an answer, passed on


def test_every_proxied_server_sets_the_headers_the_app_trusts(conf):
    blocks = server_blocks(conf)
    assert len(blocks) == 2
    for block in blocks:
        assert "proxy_pass http://careerpaths_app;" in block
        assert re.search(r"proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;", block)
        assert re.search(r"proxy_set_header X-Forwarded-Proto \$scheme;", block)
        assert re.search(r"proxy_set_header Host \$host;", block)
        # A location with its own proxy_set_header would silently drop these for its requests.
        assert block.count("proxy_set_header") == len(re.findall(r"^    proxy_set_header", block, re.MULTILINE))


def test_http_redirects_to_https_except_healthz(conf):
    plain, tls = server_blocks(conf)
    assert re.search(r"listen 80;", plain) and re.search(r"listen 443 ssl", tls)
    assert re.search(r"location = /healthz \{\s*proxy_pass http://careerpaths_app;", plain)
    assert re.search(r"location / \{\s*return 301 https://\$host\$request_uri;", plain)


def test_admin_sign_in_is_rate_limited(conf):
    assert re.search(r"limit_req_zone \$careerpaths_sign_in_key zone=careerpaths_sign_in:\S+ rate=\d+r/m;", conf)
    sign_in = re.search(r"location = /admin/login/ \{(.*?)\}", conf, flags=re.DOTALL).group(1)
    assert "limit_req zone=careerpaths_sign_in" in sign_in
    assert "limit_req_status 429;" in sign_in


def test_static_files_come_from_staticfiles_with_a_cache_lifetime(conf):
    static = re.search(r"location /static/ \{(.*)", conf, flags=re.DOTALL).group(1)
    assert re.search(r"alias \S+/staticfiles/;", static)
    assert settings.STATIC_URL == "/static/" and Path(settings.STATIC_ROOT).name == "staticfiles"
    assert 'Cache-Control "public, max-age=86400"' in static
    assert 'Cache-Control "public, max-age=31536000, immutable"' in static
