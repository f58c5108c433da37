"""The front door sends visitors to their language."""


def test_root_sends_french_browsers_to_french(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_sends_everyone_else_to_english(client, db):
    for accept in ("de-DE,de;q=0.9", "en-GB", ""):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 302
        assert response["Location"] == "/en/"


def test_root_redirect_varies_on_accept_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert "Accept-Language" in response["Vary"]
