"""``kinerja serve`` with accounts, in Chromium and over plain HTTP (DESIGN §9).

Sign-in per role and the landing page, a forbidden app (403, Indonesian, no
kernel), anonymous requests, the lockout, a forged ``Host``, the password
change a one-time password requires, the page's kernel signed in as its
account, and ``--host`` without accounts.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time

import pytest
from playwright.sync_api import Browser, expect

from kinerja.accounts import ROLE_APPS
from kinerja.labels.akun import ROLE_LABELS
from tests.e2e.conftest import (
    ACCOUNTS,
    LOCKED_USER,
    NEW_USER,
    NEW_USER_PASSWORD,
    PASSWORD,
    PEGAWAI_NIP,
    RESET_USER,
    ROOT,
    AccountsServer,
    SignedIn,
    make_offline_context,
)

pytestmark = pytest.mark.e2e


def _log_in(page, server: AccountsServer, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.base_url + "/", wait_until="load")
    expect(page).to_have_url(f"{server.base_url}/login?next=%2F")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("button.kinerja-masuk").click()


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_each_role_signs_in_and_sees_only_its_apps(
    browser: Browser, accounts_server: AccountsServer, username: str
) -> None:
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    _log_in(page, accounts_server, username, PASSWORD)
    expect(page).to_have_url(accounts_server.base_url + "/")
    role = ACCOUNTS[username]
    cards = page.locator(".kinerja-kartu")
    expect(cards).to_have_count(len(ROLE_APPS[role]))  # type: ignore[index]
    listed = {cards.nth(i).get_attribute("data-notebook") for i in range(cards.count())}
    assert listed == set(ROLE_APPS[role])  # type: ignore[index]
    expect(page.locator(".kinerja-akun")).to_contain_text(username)
    expect(page.locator(".kinerja-akun")).to_contain_text(ROLE_LABELS[role])
    page.locator(".kinerja-keluar").click()
    expect(page.locator("form.kinerja-login")).to_be_visible()
    page.goto(accounts_server.base_url + "/", wait_until="load")
    expect(page.locator("form.kinerja-login")).to_be_visible()  # signed out
    assert ctx.external_requests == []  # type: ignore[attr-defined]
    ctx.close()


def test_a_forbidden_app_answers_403_in_indonesian_and_starts_no_kernel(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    _log_in(page, accounts_server, "pelatih1", PASSWORD)
    expect(page.locator(".kinerja-kartu")).to_have_count(1)
    before = accounts_server.kernels()
    for notebook in ("kalibrasi.ipynb", "formulir_penilaian.ipynb", "profil_kompetensi.ipynb"):
        response = page.goto(f"{accounts_server.base_url}/voila/render/{notebook}")
        assert response is not None and response.status == 403
        expect(page.locator(".kinerja-galat")).to_contain_text("tidak dapat membuka")
        expect(page.locator(".kinerja-galat")).to_contain_text("Pelatih lokakarya")
    time.sleep(1)
    assert accounts_server.kernels() == before
    ctx.close()


def test_anonymous_pages_get_the_login_page_and_the_api_a_refusal(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    before = accounts_server.kernels()
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    page.goto(accounts_server.base_url + "/voila/render/lokakarya.ipynb", wait_until="load")
    expect(page).to_have_url(
        f"{accounts_server.base_url}/login?next=%2Fvoila%2Frender%2Flokakarya.ipynb"
    )
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    ctx.close()
    anonymous = SignedIn(accounts_server.base_url)
    status, _, body = anonymous.request("/api/kernels/00000000-0000-0000-0000-000000000000")
    assert status == 403 and "Perlu masuk" in body
    status, _, _ = anonymous.request("/voila/api/shutdown/x", {"a": "b"})
    assert status == 403
    time.sleep(1)
    assert accounts_server.kernels() == before


def test_five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(
    accounts_server: AccountsServer,
) -> None:
    client = SignedIn(accounts_server.base_url)
    for _ in range(5):
        status, _, body = client.login(LOCKED_USER, "salah-sandi-123")
        assert status == 403 and "salah" in body
    status, _, body = client.login(LOCKED_USER, PASSWORD)
    assert status == 403 and "dikunci" in body
    status, headers, _ = client.request("/")
    assert status == 302 and headers["Location"].startswith("/login")


def test_a_password_reset_or_a_disabled_account_ends_the_session(
    accounts_server: AccountsServer,
) -> None:
    from kinerja import accounts
    from kinerja.store import Store

    store = Store(f"sqlite:///{accounts_server.db_path}")
    try:
        client = SignedIn(accounts_server.base_url)
        assert client.login(RESET_USER, PASSWORD)[0] == 302
        assert client.request("/")[0] == 200
        accounts.set_password(store, RESET_USER, "Kaliurang-Pagi-77")  # the admin's reset
        status, headers, _ = client.request("/")
        assert status == 302 and headers["Location"].startswith("/login")
        assert client.login(RESET_USER, "Kaliurang-Pagi-77")[0] == 302
        assert client.request("/")[0] == 200
        accounts.disable_account(store, RESET_USER)
        status, headers, _ = client.request("/")
        assert status == 302 and headers["Location"].startswith("/login")
    finally:
        store.dispose()


def test_a_forged_host_header_is_refused(accounts_server: AccountsServer) -> None:
    for path in ("/", "/login", "/voila/render/lokakarya.ipynb", "/voila/static/voila.js"):
        conn = http.client.HTTPConnection("127.0.0.1", accounts_server.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": f"evil.example:{accounts_server.port}"})
            resp = conn.getresponse()
            assert resp.status == 403, path
            body = resp.read().decode()
            assert "tidak dikenal" in body, path
        finally:
            conn.close()


def test_a_one_time_password_must_be_changed_before_anything_else(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    _log_in(page, accounts_server, NEW_USER, NEW_USER_PASSWORD)
    expect(page.locator("form.kinerja-ganti-sandi")).to_be_visible()
    page.goto(accounts_server.base_url + "/", wait_until="load")  # anything else: back to /sandi
    expect(page.locator("form.kinerja-ganti-sandi")).to_be_visible()
    page.locator("input[name=password]").fill(NEW_USER_PASSWORD)
    page.locator("input[name=new_password]").fill("Kaliurang-Pagi-77")
    page.locator("input[name=new_password2]").fill("Kaliurang-Pagi-77")
    page.locator("button.kinerja-simpan-sandi").click()
    expect(page).to_have_url(accounts_server.base_url + "/")
    expect(page.locator(".kinerja-kartu")).to_have_count(1)
    ctx.close()


def test_the_page_kernel_is_signed_in_as_the_account(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    from jupyter_client import BlockingKernelClient

    before = set(accounts_server.kernels())
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    _log_in(page, accounts_server, PEGAWAI_NIP, PASSWORD)
    expect(page.locator(".kinerja-kartu")).to_have_count(2)
    # only the kernel matters here: do not wait for the whole page under load
    page.goto(
        f"{accounts_server.base_url}/voila/render/profil_kompetensi.ipynb", wait_until="commit"
    )
    deadline = time.monotonic() + 120
    while not (new := set(accounts_server.kernels()) - before) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert len(new) == 1, accounts_server.log_tail()
    client = BlockingKernelClient()
    client.load_connection_file(accounts_server.connection_file(new.pop()))
    client.start_channels()
    try:
        # no wait_for_ready: its heartbeat check gives up on a busy machine
        # Voilà runs the notebook's cells on this kernel meanwhile: ask until its first cell ran
        answer, deadline = "None", time.monotonic() + 120
        while answer == "None" and time.monotonic() < deadline:
            seen: list[str] = []
            reply = client.execute_interactive(
                "from kinerja.accounts import signed_in; print(signed_in())",
                timeout=120,
                output_hook=lambda m, seen=seen: seen.append(m["content"].get("text", "")),
            )
            assert reply["content"]["status"] == "ok"
            answer = "".join(seen).strip()
            time.sleep(0.5)
        assert answer == PEGAWAI_NIP
    finally:
        client.stop_channels()
    ctx.close()


def test_serving_on_the_network_without_accounts_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("KINERJA_DB", "KINERJA_DEMO")}
    db = f"sqlite:///{tmp_path / 'kosong.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "serve", "--db", db, "--host", "0.0.0.0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "punya akun" in done.stderr and "Traceback" not in done.stderr
