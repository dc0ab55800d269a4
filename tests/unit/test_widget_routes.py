"""The widget's files and headers (the browser tests check its behaviour)."""

from __future__ import annotations

import gzip

from fastapi.testclient import TestClient

from api.routes.widget import WIDGET


def test_loader_is_small_and_embeddable_anywhere(client: TestClient) -> None:
    r = client.get("/widget.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    total = sum(
        len(gzip.compress((WIDGET / name).read_bytes()))
        for name in ("widget.js", "panel.js", "panel.css", "panel.html")
    )
    assert total < 20_000


def test_panel_is_framed_only_by_the_districts_origins(client: TestClient) -> None:
    csp = client.get("/widget/panel?district=testville").headers["content-security-policy"]
    assert "frame-ancestors 'self' https://www.testville.example;" in csp
    assert "'unsafe-inline'" not in csp
    unknown = client.get("/widget/panel?district=nowhere")
    assert "frame-ancestors 'self';" in unknown.headers["content-security-policy"]
    assert "x-frame-options" not in unknown.headers
    assert client.get("/widget/panel?district=").status_code == 200
    assert client.get("/widget/panel?district=../x").status_code == 422


def test_other_pages_cannot_be_framed(client: TestClient) -> None:
    for path in ("/", "/demo"):
        r = client.get(path)
        assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in client.get("/demo").headers["content-security-policy"]


def test_widget_config_in_the_families_language(client: TestClient) -> None:
    body = client.get("/api/v1/widget-config?language=ar&district=testville").json()
    assert (body["language"], body["direction"]) == ("ar", "rtl")
    assert body["district_name"] == "Testville Public Schools"
    assert body["strings"]["send"] == "إرسال"
    assert [lang["tag"] for lang in body["languages"]][:2] == ["en", "es"]
    assert all(host.count(".") >= 1 and "*" not in host for host in body["link_hosts"])
    assert client.get("/api/v1/widget-config?language=xx").json()["language"] == "en"


def test_only_known_widget_files_are_served(client: TestClient) -> None:
    assert client.get("/widget/panel.js").status_code == 200
    assert client.get("/widget/secrets.py").status_code == 404
    assert client.get("/favicon.ico").status_code == 204


def test_cors_only_for_the_districts_origins(client: TestClient) -> None:
    allowed = "https://www.testville.example"
    r = client.options("/api/v1/chat", headers={
        "Origin": allowed, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})  # fmt: skip
    assert r.headers["access-control-allow-origin"] == allowed
    other = client.options("/api/v1/chat", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})  # fmt: skip
    assert "access-control-allow-origin" not in other.headers
    assert client.post("/api/v1/chat", json={"conversation_id": "conv-cors-1", "text": "hi"},
                       headers={"Origin": "https://evil.example"}).headers.get(
        "access-control-allow-origin") is None  # fmt: skip
