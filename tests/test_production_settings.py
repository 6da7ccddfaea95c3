"""The settings in force in a served process are the production ones from .streamlit/config.toml:
no file watcher, no reload on save, no error details sent to browsers."""

from __future__ import annotations

from tests.serving import http_get, served_settings, uvicorn_app


def test_uvicorn_serves_with_production_settings(tmp_path):
    with uvicorn_app(tmp_path / "prod.db") as port:
        settings = served_settings(port)
        assert settings["server.fileWatcherType"] == "none"
        assert settings["server.runOnSave"] is False
        assert settings["client.showErrorDetails"] == "none"
        assert settings["runner.postScriptGC"] is False
        assert settings["server.enableXsrfProtection"] is True
        assert settings["global.developmentMode"] is False
        assert settings["server.websocketPingInterval"] == 30
        assert settings["server.disconnectedSessionTTL"] == 300
        assert settings["server.maxUploadSize"] == 20


def test_the_settings_route_answers_only_direct_local_requests(tmp_path):
    with uvicorn_app(tmp_path / "prod.db") as port:
        status, _, _ = http_get(port, "/_kelas/pengaturan", headers={"X-Forwarded-For": "203.0.113.9"})
        assert status == 404
