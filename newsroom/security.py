"""Site-wide protections that Django does not ship: a Content-Security-Policy header and a
throttle on admin log-in failures."""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that has none.

    The policy forbids inline script, so even markup that slipped past the sanitiser could
    not run in a reader's browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin log-in form, refusing further attempts after repeated failures.

    Failures are counted per user name and per client address in the cache (shared by all
    workers when CACHE_URL points at a shared cache), for LOGIN_FAILURE_WINDOW seconds.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": "Too many failed log-in attempts. Wait %(minutes)d minutes and try again.",
    }

    def _failure_keys(self):
        username = (self.data.get("username") or "").casefold()[:150]
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        return [f"admin-login-failures:user:{username}", f"admin-login-failures:ip:{address}"]

    def clean(self):
        user_key, address_key = self._failure_keys()
        if (
            cache.get(user_key, 0) >= settings.LOGIN_FAILURE_LIMIT
            or cache.get(address_key, 0) >= settings.LOGIN_FAILURE_LIMIT * 4
        ):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW // 60},
            )
        try:
            return super().clean()
        except ValidationError:
            for key in (user_key, address_key):
                cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW)
                cache.incr(key)
            raise
