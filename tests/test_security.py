"""Hardening: deployment checks, security headers, log-in throttling, CSRF, no escalation."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SEARCH_URL"))
    }
    env.update({"NEWSROOM_VAR_DIR": str(tmp_path), **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_nothing_in_production_configuration(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={"DJANGO_SECRET_KEY": secrets.token_urlsafe(64)},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_site_refuses_to_start_without_a_secret_key(tmp_path):
    """Both gunicorn and runserver load newsroom.wsgi; neither serves without a key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["NEWSROOM_VAR_DIR"] = str(tmp_path)
    wsgi = subprocess.run(
        [sys.executable, "-c", "import newsroom.wsgi"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert wsgi.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in wsgi.stderr
    runserver = run_manage(
        "runserver", "--noreload", "127.0.0.1:0", env_overrides={}, tmp_path=tmp_path
    )
    assert runserver.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in runserver.stderr
    deploy_check = run_manage("check", "--deploy", env_overrides={}, tmp_path=tmp_path)
    assert "security.W009" in deploy_check.stderr + deploy_check.stdout


def test_commands_that_serve_nothing_run_without_a_secret_key(tmp_path):
    result = run_manage(
        "makemigrations", "--check", "--dry-run", env_overrides={}, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_pages_forbid_inline_script_and_framing(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="right-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_login(client, password):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "ed", "password": password}, follow=True
    )


def test_admin_login_is_throttled_after_repeated_failures(editor, client):
    for _ in range(5):
        response = admin_login(client, "wrong")
        assert "Please enter the correct username and password" in response.text
    response = admin_login(client, "right-password-1")
    assert "Too many failed log-in attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_still_works(editor, client):
    for _ in range(4):
        admin_login(client, "wrong")
    response = admin_login(client, "right-password-1")
    assert response.request["PATH_INFO"] == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_editor_cannot_escalate_their_own_permissions(editor, client):
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {"username": "ed", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert client.get("/admin/auth/group/1/change/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/add/",
        "/admin/articles/person/add/",
        "/admin/articles/organisation/add/",
        "/admin/articles/quote/add/",
    ],
)
def test_admin_forms_refuse_posts_without_csrf_token(editor, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(path).status_code == 200
    response = client.post(path, {"headline": "x", "name": "x", "text": "x"})
    assert response.status_code == 403
