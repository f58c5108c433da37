"""The page explorer opens for every role, at the root of the tree as below it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["admin_client", "editor", "approver", "translator"])
def test_the_page_explorer_opens_at_the_root(role, request):
    client = request.getfixturevalue(role)
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 200
    assert "Privacy and cookie policy" in response.content.decode()


def test_administrators_reach_settings_sites(admin_client):
    """Settings → Sites, which the explorer's root links to for administrators."""
    response = admin_client.get("/admin/sites/")
    assert response.status_code == 200
    # The default site, as seed_site made it from WAGTAILADMIN_BASE_URL.
    assert "testserver" in response.content.decode()
