from django.contrib.auth.models import User
from django.http import HttpRequest


def user_of(request: HttpRequest) -> User:
    """The signed-in user of a view behind `login_required`."""
    user = request.user
    assert isinstance(user, User), "the view must require a login"
    return user
