"""Users in the site's roles, as created by `seed_site`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


def user_in(group_name, username=None):
    username = username or group_name.lower()
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user):
    """A browser session signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def refused(response):
    """Wagtail's answer to a forbidden admin request: back to the dashboard, with a reason."""
    from django.contrib.messages import get_messages

    return (
        response.status_code == 302
        and response["Location"] == "/admin/"
        and any(
            "do not have permission" in str(message)
            for message in get_messages(response.wsgi_request)
        )
    )
