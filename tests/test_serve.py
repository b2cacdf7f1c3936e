"""``kinerja serve``'s Voilà command, its server-side hook and sign-in rules (no server started).

The running server (login, landing page per role, 403 pages, Host check) is
tested in ``tests/e2e/test_accounts_browser.py``.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import nbformat
import pytest
from tornado.web import HTTPError

from kinerja import accounts as acc
from kinerja import cli, voila_app, web_auth
from kinerja.accounts import Account
from kinerja.errors import ServeError
from kinerja.labels.akun import ROLE_LABELS
from kinerja.serve import check_exposure, landing_page, voila_command
from kinerja.web_auth import (
    KinerjaUser,
    host_allowed,
    kernels_to_end,
    origin_matches,
    safe_next,
    session_user,
    session_value,
)
from tests.store_fixtures import small_store

GOOD = "Merapi-Sore-2026"
ALL_APPS = set(acc.ROLE_APPS["admin"])


class _Handler:
    """Stands in for Tornado's request handler: records reads of ``xsrf_token``."""

    def __init__(self) -> None:
        self.token_reads = 0

    @property
    def xsrf_token(self) -> bytes:
        self.token_reads += 1  # Tornado sets the _xsrf cookie on this first read
        return b"token"


def test_prelaunch_hook_sets_the_xsrf_cookie_and_keeps_the_notebook() -> None:
    handler, notebook = _Handler(), object()
    assert voila_app.prelaunch_hook(handler, notebook, "/tmp") is notebook
    assert handler.token_reads == 1


def test_serve_passes_the_office_settings_to_the_launcher() -> None:
    cmd = voila_command(
        8866,
        dev=False,
        preheat=False,
        cull_idle=300,
        host="0.0.0.0",
        allow_hosts=["kinerja.bkpsdm.local", "kinerja"],
        max_kernels=2,
        session_hours=8.5,
    )
    assert "--Voila.ip=0.0.0.0" in cmd
    assert "--allow-host=kinerja.bkpsdm.local" in cmd and "--allow-host=kinerja" in cmd
    assert "--max-kernels-per-user=2" in cmd and "--session-hours=8.5" in cmd


def test_serve_runs_voila_through_the_hooked_launcher() -> None:
    cmd = voila_command(8866, dev=False, preheat=False, cull_idle=300)
    assert cmd[1:3] == ["-m", "kinerja.voila_app"]
    assert voila_app.NO_HOOKS not in cmd


def test_preheated_kernels_run_without_the_hook_voila_refuses_with_them() -> None:
    cmd = voila_command(8866, dev=False, preheat=True, cull_idle=300)
    assert "--preheat_kernel=True" in cmd
    assert voila_app.NO_HOOKS in cmd


def test_launcher_installs_the_hook_unless_told_not_to(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[list[str], object]] = []

    class FakeVoila:
        @staticmethod
        def launch_instance(args, config):  # type: ignore[no-untyped-def]
            seen.append((args, config.VoilaConfiguration.get("prelaunch_hook")))

    import voila.app

    monkeypatch.setattr(voila.app, "Voila", FakeVoila)
    voila_app.main(["nb", "--port=1"])
    voila_app.main(["nb", voila_app.NO_HOOKS])
    assert seen[0] == (["nb", "--port=1"], voila_app.prelaunch_hook)
    assert seen[1] == (["nb"], None)


def test_launcher_installs_the_identity_provider_and_the_kernel_cap(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = []

    class FakeVoila:
        @staticmethod
        def launch_instance(args, config):  # type: ignore[no-untyped-def]
            seen.append((args, config))

    import voila.app

    monkeypatch.setattr(voila.app, "Voila", FakeVoila)
    voila_app.main(
        ["nb", "--allow-host=a.local", "--allow-host=b", "--max-kernels-per-user=5", "--port=1"]
    )
    args, config = seen[0]
    assert args == ["nb", "--port=1"]
    assert config.Voila.identity_provider_class is web_auth.KinerjaIdentityProvider
    assert config.VoilaConfiguration.multi_kernel_manager_class is web_auth.KinerjaKernelManager
    assert config.KinerjaIdentityProvider.allowed_hosts == ["a.local", "b"]
    assert config.KinerjaKernelManager.max_kernels_per_user == 5


# ------------------------------------------------------------------ the prelaunch hook


def _account(role: str, username: str = "budi") -> Account:
    return Account(username=username, role=role)  # type: ignore[arg-type]


class _PageRequest(_Handler):
    """A Voilà page request for ``notebook`` by ``user``."""

    def __init__(self, notebook: str, user: object) -> None:
        super().__init__()
        self.path_args = [notebook]
        self.current_user = user


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# App"), nbformat.v4.new_code_cell("x = 1")]
    return nb


def test_the_hook_signs_the_page_kernel_in_with_its_first_cell() -> None:
    user = KinerjaUser("budi", account=_account("pegawai"))
    original = _notebook()
    signed = voila_app.prelaunch_hook(_PageRequest(acc.PROFIL, user), original, "/tmp")
    first = signed.cells[0]
    assert first.cell_type == "code"
    assert first.source == "from kinerja.accounts import sign_in\nsign_in('budi')"
    assert [c.source for c in signed.cells[1:]] == ["# App", "x = 1"]
    assert len(original.cells) == 2  # Voilà's copy of the file is not changed
    nbformat.validate(signed)
    namespace: dict[str, object] = {}
    try:
        exec(first.source, namespace)  # what the kernel runs first
        assert acc.signed_in() == "budi"
    finally:
        acc.sign_in(None)


def test_the_first_cell_quotes_any_username_as_a_python_literal() -> None:
    tricky = "o'neil\")\nimport os"
    source = voila_app.sign_in_source(tricky)
    namespace: dict[str, object] = {}
    try:
        exec(source, namespace)
        assert acc.signed_in() == tricky
    finally:
        acc.sign_in(None)


@pytest.mark.parametrize(
    ("role", "notebook"),
    [
        ("pelatih", acc.KALIBRASI),
        ("pelatih", acc.FORMULIR),
        ("pegawai", acc.KALIBRASI),
        ("pegawai", acc.LOKAKARYA),
        ("petugas", acc.KALIBRASI),
        ("fasilitator", acc.FORMULIR),
        ("admin", "sub/" + acc.PROFIL),
    ],
)
def test_the_hook_refuses_an_app_the_role_may_not_open(role: str, notebook: str) -> None:
    request = _PageRequest(notebook, KinerjaUser("budi", account=_account(role)))
    with pytest.raises(HTTPError) as refused:
        voila_app.prelaunch_hook(request, _notebook(), "/tmp")
    assert refused.value.status_code == 403
    text = refused.value.log_message % refused.value.args  # as Voilà's error page shows it
    assert "tidak dapat membuka" in text and ROLE_LABELS[role] in text


def test_the_open_server_leaves_the_notebook_as_it_is() -> None:
    nb = _notebook()
    request = _PageRequest(acc.KALIBRASI, KinerjaUser(web_auth.OPEN_USER))
    assert voila_app.prelaunch_hook(request, nb, "/tmp") is nb
    assert request.token_reads == 1


# ------------------------------------------------------------------ host, origin, session


@pytest.mark.parametrize(
    ("host", "ip", "allowed", "ok"),
    [
        ("127.0.0.1:8866", "127.0.0.1", [], True),
        ("localhost:8866", "127.0.0.1", [], True),
        ("[::1]:8866", "127.0.0.1", [], True),
        ("127.0.0.1:9999", "127.0.0.1", [], False),
        ("127.0.0.1", "127.0.0.1", [], False),
        ("evil.example:8866", "127.0.0.1", [], False),
        ("evil.example", "127.0.0.1", [], False),
        ("", "127.0.0.1", [], False),
        ("192.168.1.10:8866", "192.168.1.10", [], True),
        ("192.168.1.11:8866", "192.168.1.10", [], False),
        ("192.168.1.10:8866", "0.0.0.0", [], True),
        ("server-bkpsdm:8866", "0.0.0.0", [], False),
        ("kinerja.bkpsdm.local", "0.0.0.0", ["kinerja.bkpsdm.local"], True),
        ("Kinerja.BKPSDM.local:443", "127.0.0.1", ["kinerja.bkpsdm.local"], True),
        ("kinerja.bkpsdm.local.evil.example", "0.0.0.0", ["kinerja.bkpsdm.local"], False),
    ],
)
def test_only_the_served_address_and_allowed_names_pass_the_host_check(host, ip, allowed, ok):
    assert host_allowed(host, ip=ip, port=8866, allowed=allowed) is ok


def test_a_websocket_origin_must_name_the_requested_host() -> None:
    assert origin_matches("http://127.0.0.1:8866", "127.0.0.1:8866")
    assert origin_matches(None, "127.0.0.1:8866")  # not a browser: the sign-in still applies
    assert not origin_matches("http://evil.example", "127.0.0.1:8866")
    assert not origin_matches("http://127.0.0.1:9999", "127.0.0.1:8866")


def test_after_sign_in_only_a_path_on_this_server_is_followed() -> None:
    assert (
        safe_next("/voila/render/kalibrasi.ipynb?x=1", "/") == "/voila/render/kalibrasi.ipynb?x=1"
    )
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example", "", None):
        assert safe_next(bad, "/") == "/"


def test_a_session_lasts_the_configured_hours_and_no_longer() -> None:
    issued = 1_000_000.0
    value = session_value("budi", issued, "abc")
    assert session_user(value, now=issued + 8.9 * 3600, max_age_hours=9) == ("budi", "abc")
    assert session_user(value, now=issued + 9.1 * 3600, max_age_hours=9) is None
    assert session_user(value, now=issued - 60, max_age_hours=9) is None  # from the future
    assert session_user(b"not json", now=issued, max_age_hours=9) is None
    assert session_user(json.dumps({"u": "budi", "t": issued}), now=issued, max_age_hours=9) is None
    assert session_user(None, now=issued, max_age_hours=9) is None


def test_the_password_stamp_changes_with_the_password(store) -> None:  # type: ignore[no-untyped-def]
    acc.add_account(store, "budi", "admin", password=GOOD, who="uji")
    before = acc.password_stamp(store, "budi")
    assert before and before == acc.password_stamp(store, "budi")
    acc.set_password(store, "budi", "Kaliurang-Pagi-77")
    assert acc.password_stamp(store, "budi") not in (None, before)
    assert acc.password_stamp(store, "siapa") is None


# ------------------------------------------------------------------ kernels per account


def test_one_kernel_more_than_the_cap_ends_the_oldest_idle_kernel_first() -> None:
    t0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    mine = [
        ("busy-old", False, t0),
        ("idle-new", True, t0 + timedelta(minutes=30)),
        ("idle-old", True, t0 + timedelta(minutes=10)),
    ]
    assert kernels_to_end(mine, 3) == ["idle-old"]
    assert kernels_to_end(mine, 2) == ["idle-old", "idle-new"]
    assert kernels_to_end(mine, 1) == ["idle-old", "idle-new", "busy-old"]
    assert kernels_to_end(mine[:2], 3) == []


def test_a_kernel_without_recorded_activity_counts_as_the_oldest() -> None:
    t0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    mine = [("idle-new", True, t0), ("idle-unknown", True, None)]
    assert kernels_to_end(mine, 2) == ["idle-unknown"]


def test_the_kernel_manager_ends_the_accounts_oldest_kernel_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jupyter_server.base.call_context import CallContext

    started: list[str] = []
    ended: list[str] = []

    async def fake_start(self, *, kernel_id=None, path=None, **kwargs):  # type: ignore[no-untyped-def]
        kid = f"k{len(started)}"
        started.append(kid)
        self._kernels[kid] = SimpleNamespace(
            execution_state="idle", last_activity=datetime(2026, 12, 7, 8, len(started), tzinfo=UTC)
        )
        return kid

    async def fake_shutdown(self, kernel_id, now=False, restart=False):  # type: ignore[no-untyped-def]
        ended.append(kernel_id)
        self._kernels.pop(kernel_id)

    base = web_auth.AsyncMappingKernelManager
    monkeypatch.setattr(base, "start_kernel", fake_start)
    monkeypatch.setattr(base, "shutdown_kernel", fake_shutdown)
    manager = web_auth.KinerjaKernelManager(max_kernels_per_user=2)

    async def open_page(username: str) -> str:
        request = SimpleNamespace(
            current_user=KinerjaUser(username, account=_account("pegawai", username))
        )
        CallContext.set(CallContext.JUPYTER_HANDLER, request)
        return await manager.start_kernel(path="/tmp")

    async def scenario() -> None:
        await open_page("budi")  # k0
        await open_page("sari")  # k1
        await open_page("budi")  # k2
        await open_page("budi")  # k3: budi's oldest (k0) ends first

    # its own thread: a browser test earlier in the run leaves Playwright's loop running here
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, scenario()).result()
    assert ended == ["k0"]
    assert manager.owners == {"k1": "sari", "k2": "budi", "k3": "budi"}


# ------------------------------------------------------------------ landing page, exposure


@pytest.mark.parametrize("role", acc.ROLES)
def test_the_landing_page_lists_only_the_apps_of_the_role(role: str) -> None:
    page = landing_page(ALL_APPS, demo=False, account=_account(role), base_url="/")
    listed = {nb for nb in ALL_APPS if f'data-notebook="{nb}"' in page}
    assert listed == set(acc.ROLE_APPS[role])  # type: ignore[index]
    assert "<b>budi</b>" in page and f"({ROLE_LABELS[role]})" in page
    assert 'href="/logout"' in page and "Keluar" in page


def test_the_open_landing_page_lists_every_app_without_an_account() -> None:
    page = landing_page(ALL_APPS, demo=True)
    assert all(f'data-notebook="{nb}"' in page for nb in ALL_APPS)
    assert "logout" not in page and "127.0.0.1" in page and "DATA CONTOH" in page


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    yield s
    s.dispose()


def test_a_network_address_needs_accounts_and_preheat_refuses_them(store) -> None:  # type: ignore[no-untyped-def]
    assert check_exposure(store.url, host="127.0.0.1", preheat=True) is False
    with pytest.raises(ServeError, match="punya akun"):
        check_exposure(store.url, host="0.0.0.0", preheat=False)
    acc.add_account(store, "admin", "admin", password=GOOD, who="uji")
    assert check_exposure(store.url, host="0.0.0.0", preheat=False) is True
    with pytest.raises(ServeError, match="--preheat"):
        check_exposure(store.url, host="127.0.0.1", preheat=True)


def test_serve_on_the_network_without_accounts_exits_2(store, capsys) -> None:  # type: ignore[no-untyped-def]
    status = cli.main(["serve", "--db", store.url, "--host", "0.0.0.0", "--port", "18999"])
    assert status == 2
    assert "punya akun" in capsys.readouterr().err


def test_the_server_is_open_only_without_accounts_on_loopback_for_loopback_names(
    store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KINERJA_DB", store.url)
    provider = web_auth.KinerjaIdentityProvider()
    monkeypatch.setattr(web_auth.KinerjaIdentityProvider, "served_ip", "127.0.0.1")
    assert provider.open_server("127.0.0.1:8866") and provider.open_server("localhost:8866")
    # the office's proxy serves a loopback server under its own name: never open
    assert not provider.open_server("kinerja.bkpsdm.local")
    monkeypatch.setattr(web_auth.KinerjaIdentityProvider, "served_ip", "0.0.0.0")
    assert not provider.open_server("127.0.0.1:8866")
    monkeypatch.setattr(web_auth.KinerjaIdentityProvider, "served_ip", "127.0.0.1")
    acc.add_account(store, "admin", "admin", password=GOOD, who="uji")
    assert not provider.open_server("127.0.0.1:8866")
    provider.store.dispose()  # type: ignore[union-attr]
