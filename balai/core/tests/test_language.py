from django.urls import reverse


def test_an_english_phone_still_gets_bahasa_indonesia_first(client, db):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.content.decode().count('lang="id"') >= 1
    assert response.headers["Content-Language"] == "id"


def test_the_language_switch_chooses_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("core:home"))
    assert response.headers["Content-Language"] == "en"
