"""Load test: the production server (gunicorn, 2 workers) on loopback under concurrent readers
while an editor saves articles through the admin every second.

Prints requests/s, latency percentiles and error counts for the mixed reader load, the same
figures for a baseline (the same clients fetching a static file through WhiteNoise, the
cheapest thing the server can do), the number of admin saves that succeeded, and how many of
the saved articles the search page finds afterwards. Zero 5xx and zero lost saves expected.

    .venv/bin/python benchmarks/load.py [--clients 20] [--duration 60]
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEARCH_TERMS = ["council", "harbour", "minister", "budget", "election", "said", "port", "water"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare_site(var_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_VAR_DIR": str(var_dir),
    }
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "demo")
    manage(env, "rebuild_index", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "create_demo_editor", "--username", "loadtester", "--password", "load-test-pw-1")
    return env


def site_paths(env) -> dict:
    script = (
        "import json\n"
        "from articles.models import Article, Person\n"
        "print(json.dumps({\n"
        "    'articles': list(Article.objects.values_list('slug', flat=True)[:200]),\n"
        "    'people': list(Person.objects.values_list('slug', flat=True)[:100]),\n"
        "    'names': list(Person.objects.order_by('?').values_list('name', flat=True)[:5]),\n"
        "}))\n"
    )
    found = json.loads(manage(env, "shell", "-c", script).splitlines()[-1])
    return {
        "articles": [f"/articles/{slug}/" for slug in found["articles"]],
        "people": [f"/people/{slug}/" for slug in found["people"]],
        "people_names": found["names"],
    }


def reader_paths(paths: dict, rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        query = {"q": rng.choice(SEARCH_TERMS)}
        if paths["people_names"] and rng.random() < 0.5:
            query["selected_facets"] = [
                "content_type_exact:article",
                f"people_exact:{rng.choice(paths['people_names'])}",
            ]
        return "/search/?" + urllib.parse.urlencode(query, doseq=True)
    if kind < 0.75:
        return rng.choice(paths["articles"])
    return rng.choice(paths["people"])


def run_clients(port, clients, duration, choose_path) -> tuple[list[float], dict]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            path = choose_path(rng)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses


class Editor:
    """Logs in to the admin and adds one article a second, as an editor would."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.saved: list[str] = []
        self.failed = 0

    def _post(self, path, data):
        page = self.opener.open(self.base + path, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def login(self):
        url, _ = self._post(
            "/admin/login/?next=/admin/", {"username": "loadtester", "password": "load-test-pw-1"}
        )
        if not url.endswith("/admin/"):
            raise SystemExit("the load-test editor could not log in")

    def save_articles(self, duration):
        deadline = time.monotonic() + duration
        number = 0
        while time.monotonic() < deadline:
            number += 1
            token = f"loadsave{secrets.token_hex(4)}"
            data = {
                "headline": f"Load test article {number} {token}",
                "slug": f"load-test-{number}-{token}",
                "body": f"<p>Saved under load, marker {token}.</p>",
                "published_at_0": "2025-01-15",
                "published_at_1": "12:00:00",
                "language": "en",
            }
            for prefix in ["quotes", "person_mentions", "organisation_mentions"]:
                data.update(
                    {
                        f"{prefix}-TOTAL_FORMS": "0",
                        f"{prefix}-INITIAL_FORMS": "0",
                        f"{prefix}-MIN_NUM_FORMS": "0",
                        f"{prefix}-MAX_NUM_FORMS": "1000",
                    }
                )
            try:
                url, _ = self._post("/admin/articles/article/add/", data)
                if url.endswith("/admin/articles/article/"):
                    self.saved.append(token)
                else:
                    self.failed += 1
            except OSError:
                self.failed += 1
            time.sleep(1)


def findable(port, tokens, wait_seconds=10) -> int:
    """How many saved articles the search page finds (waiting for the index queue)."""
    deadline = time.monotonic() + wait_seconds
    missing = set(tokens)
    while missing and time.monotonic() < deadline:
        for token in list(missing):
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/search/?q={token}", timeout=30
            ) as response:
                if token in response.read().decode():
                    missing.discard(token)
        if missing:
            time.sleep(0.5)
    return len(tokens) - len(missing)


def summarise(name, latencies, statuses, duration):
    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    errors = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    print(
        f"{name:<10} {len(ordered):>7} req  {len(ordered) / duration:>7.1f} req/s  "
        f"p50 {pct(50):6.1f} ms  p95 {pct(95):6.1f} ms  p99 {pct(99):6.1f} ms  "
        f"median {statistics.median(ordered) * 1000:6.1f} ms  5xx/failed {errors}  "
        f"statuses {dict(sorted(statuses.items()))}"
    )
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--baseline-duration", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as tmp:
        env = prepare_site(Path(tmp))
        paths = site_paths(env)
        port = free_port()
        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "newsroom.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=PROJECT_ROOT, env=env,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            print(f"gunicorn, 2 workers, {args.clients} clients on 127.0.0.1:{port}")
            latencies, statuses = run_clients(
                port, args.clients, args.baseline_duration, lambda rng: "/static/css/site.css"
            )
            summarise("baseline", latencies, statuses, args.baseline_duration)

            editor = Editor(port)
            editor.login()
            editor_thread = threading.Thread(target=editor.save_articles, args=(args.duration,))
            editor_thread.start()
            latencies, statuses = run_clients(
                port, args.clients, args.duration, lambda rng: reader_paths(paths, rng)
            )
            editor_thread.join()
            errors = summarise("mixed", latencies, statuses, args.duration)
            found = findable(port, editor.saved)
            print(
                f"admin saves: {len(editor.saved)} ok, {editor.failed} failed; "
                f"findable by search afterwards: {found}/{len(editor.saved)}"
            )
            ok = errors == 0 and editor.failed == 0 and found == len(editor.saved)
            print("RESULT:", "ok" if ok else "PROBLEMS")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
