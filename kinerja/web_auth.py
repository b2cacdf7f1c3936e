"""Who is asking: sign-in, sessions and the served address for ``kinerja serve`` (DESIGN §9).

:class:`KinerjaIdentityProvider` is Voilà's identity provider
(``Voila.identity_provider_class``, see :mod:`kinerja.voila_app`).  Every
request of every Jupyter handler (pages, kernels, the kernel websocket,
static files, the API) asks it who the user is, in the handler's
``prepare``, before anything runs:

1. The ``Host`` header must be the served address, ``localhost`` or a
   loopback address with the served port, any IP address when the server
   listens on every interface, or a name the administrator allowed
   (``--allow-host``, any port: the office's HTTPS proxy).  Anything else is
   refused with 403, so a web page elsewhere cannot drive the server through
   DNS rebinding (which always carries the attacker's host name).  A
   websocket's ``Origin`` must name the same host.
2. The session cookie (signed with the server's secret, holding the
   username and the time of sign-in) names an account; the account is read
   again from the store on every request, so a disabled account is signed
   out at once, and a session ends :attr:`session_hours` after sign-in.
3. Without a session: when the store holds no account, the server listens
   only on a loopback address and the request names a loopback host (not a
   name the office's proxy serves), the server is open, as on one person's
   PC (:data:`OPEN_USER`); otherwise a page request is sent to ``/login``
   and an API or websocket request is refused (403).
4. An account that must change its password is sent to ``/sandi`` first.

The provider adds the pages ``/login``, ``/logout`` and ``/sandi`` and
serves the landing page (``/``) itself, listing only the apps the account's
role may open.  Voilà registers these handlers without ``base_url``
(TECH.md §10), so they are prefixed here.

:class:`KinerjaKernelManager` caps the kernels of one account: starting
one more than :attr:`~KinerjaKernelManager.max_kernels_per_user` first ends
that account's oldest idle kernel.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import os
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from jupyter_server.auth import IdentityProvider, User
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.call_context import CallContext
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.httputil import HTTPServerRequest, split_host_and_port
from tornado.routing import Matcher
from traitlets import Float, Integer, List, Unicode, default

from kinerja import accounts
from kinerja.accounts import Account, AccountError, LoginRefused
from kinerja.labels import akun as txt
from kinerja.labels import messages as msg
from kinerja.store import ENV_DB, Store

#: Hosts that always mean this machine.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: Addresses that mean "every interface".
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::", "*"})


@dataclass
class KinerjaUser(User):
    """The user of a request: an account, or nobody in particular on the open server."""

    account: Account | None = None


#: The user of every request on an open server (no accounts, loopback only).
OPEN_USER = "anonim"


# ------------------------------------------------------------------ pure checks


def is_loopback(address: str) -> bool:
    """True when ``address`` (an IP address or ``localhost``) is this machine only."""
    if address.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def host_allowed(host_header: str, *, ip: str, port: int, allowed: Collection[str]) -> bool:
    """True when a request's ``Host`` header names this server.

    Parameters
    ----------
    host_header
        The ``Host`` header, with or without a port (``[::1]:8866``).
    ip
        The address the server listens on (``127.0.0.1``, ``0.0.0.0``, a LAN address).
    port
        The port it listens on.
    allowed
        Names the administrator allowed (``--allow-host``): accepted with any
        port, since the office's proxy serves them on its own port.

    Notes
    -----
    ``localhost``, loopback addresses and the listening address are accepted
    with the served port; when the server listens on every interface, any IP
    address with the served port is (a DNS-rebinding page always sends its
    own host name, never an address).
    """
    if not host_header:
        return False
    name, given_port = split_host_and_port(host_header.strip().lower())
    name = name.strip("[]").rstrip(".")
    if name in {a.strip().lower().rstrip(".") for a in allowed}:
        return True
    if given_port != port:
        return False
    if name in LOOPBACK_NAMES or name == ip.lower():
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or ip in WILDCARD_ADDRESSES


def origin_matches(origin: str | None, host_header: str) -> bool:
    """True when a websocket's ``Origin`` names the request's host (or is absent: no browser)."""
    if not origin:
        return True
    return urlparse(origin.lower()).netloc == host_header.strip().lower()


def safe_next(target: str | None, base_url: str) -> str:
    """A place to go after signing in: a path on this server, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return base_url
    return target


def session_value(username: str, issued: float, stamp: str) -> str:
    """The session cookie's content (signed by Tornado with the server's secret).

    ``stamp`` is :func:`kinerja.accounts.password_stamp` at sign-in: a password
    change ends the sessions made before it.
    """
    return json.dumps({"u": username, "t": issued, "p": stamp})


def session_user(
    value: bytes | str | None, *, now: float, max_age_hours: float
) -> tuple[str, str] | None:
    """(username, password stamp) of a session cookie's content, or None when missing,
    malformed or expired."""
    if not value:
        return None
    try:
        data = json.loads(value)
        username, issued, stamp = str(data["u"]), float(data["t"]), str(data["p"])
    except (ValueError, KeyError, TypeError):
        return None
    if not 0 <= now - issued <= max_age_hours * 3600:
        return None
    return username, stamp


def kernels_to_end(mine: Sequence[tuple[str, bool, datetime | None]], cap: int) -> list[str]:
    """Which of one account's kernels to end before it starts another.

    ``mine`` holds (kernel id, idle, last activity); the kernels ended are
    the oldest idle ones first, then the oldest busy ones, until one more
    fits under ``cap``.
    """
    excess = len(mine) + 1 - max(cap, 1)
    if excess <= 0:
        return []
    # by timestamp: a kernel without recorded activity (None) first; aware and naive both work
    order = sorted(mine, key=lambda k: (not k[1], k[2].timestamp() if k[2] else float("-inf")))
    return [kid for kid, _, _ in order[:excess]]


def notebook_name(req_handler: Any) -> str:
    """The notebook a page request asks for, relative to the served folder."""
    path = getattr(req_handler, "notebook_path", None) or (req_handler.path_args or [""])[0]
    return os.path.normpath(str(path)).lstrip("/")


# ------------------------------------------------------------------ pages


def _page(title: str, body: str) -> str:
    """A small self-contained page (no script, no external resource) in the landing page's style."""
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="icon" href="data:;base64,=">
  <title>{html.escape(txt.PAGE_TITLE.format(judul=title))}</title>
  <style>
    body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
           margin: 0; background: #f4f6f8; color: #1d2630; }}
    header {{ background: #16425b; color: #fff; padding: 24px 40px; }}
    header h1 {{ margin: 0; font-size: 26px; }}
    main {{ max-width: 420px; margin: 32px auto; background: #fff; border-radius: 8px;
           padding: 24px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }}
    label {{ display: block; margin: 12px 0 4px 0; font-weight: 600; }}
    input[type=text], input[type=password] {{ width: 100%; box-sizing: border-box;
           padding: 8px; font-size: 16px; border: 1px solid #9aa5b1; border-radius: 4px; }}
    button {{ margin-top: 18px; width: 100%; background: #16425b; color: #fff; border: 0;
             padding: 10px 14px; border-radius: 4px; font-size: 16px; font-weight: 600; }}
    .galat {{ color: #8a1c1c; background: #fdecea; padding: 8px 12px; border-radius: 4px; }}
    .info {{ color: #1d2630; background: #e6f0f6; padding: 8px 12px; border-radius: 4px; }}
    a {{ color: #16425b; font-weight: 600; }}
  </style>
</head>
<body>
  <header><h1>Kinerja</h1></header>
  <main>
    <h2>{html.escape(title)}</h2>
{body}
  </main>
</body>
</html>
"""


def login_page(
    *, xsrf: str, next_url: str, username: str = "", error: str = "", info: str = ""
) -> str:
    """The sign-in form (fields ``username`` and ``password``)."""
    notes = ""
    if error:
        notes += f'    <p class="galat kinerja-galat">{html.escape(error)}</p>\n'
    if info:
        notes += f'    <p class="info kinerja-info">{html.escape(info)}</p>\n'
    body = f"""    <p>{html.escape(txt.LOGIN_INTRO)}</p>
{notes}    <form class="kinerja-login" method="post">
      {xsrf}
      <input type="hidden" name="next" value="{html.escape(next_url)}">
      <label for="username">{txt.LOGIN_USERNAME}</label>
      <input type="text" id="username" name="username" class="kinerja-username"
             value="{html.escape(username)}" autocomplete="username" autofocus required>
      <label for="password">{txt.LOGIN_PASSWORD}</label>
      <input type="password" id="password" name="password" class="kinerja-password"
             autocomplete="current-password" required>
      <button type="submit" class="kinerja-masuk">{txt.LOGIN_BUTTON}</button>
    </form>"""
    return _page(txt.LOGIN_TITLE, body)


def change_password_page(*, xsrf: str, next_url: str, username: str, error: str = "") -> str:
    """The password change form (``password``, ``new_password``, ``new_password2``)."""
    notes = f'    <p class="galat kinerja-galat">{html.escape(error)}</p>\n' if error else ""
    intro = txt.CHANGE_INTRO.format(username=username, n=accounts.MIN_PASSWORD_LENGTH)
    body = f"""    <p>{html.escape(intro)}</p>
{notes}    <form class="kinerja-ganti-sandi" method="post">
      {xsrf}
      <input type="hidden" name="next" value="{html.escape(next_url)}">
      <label for="password">{txt.CHANGE_OLD}</label>
      <input type="password" id="password" name="password" class="kinerja-password"
             autocomplete="current-password" required>
      <label for="new_password">{txt.CHANGE_NEW}</label>
      <input type="password" id="new_password" name="new_password" class="kinerja-sandi-baru"
             autocomplete="new-password" required>
      <label for="new_password2">{txt.CHANGE_AGAIN}</label>
      <input type="password" id="new_password2" name="new_password2"
             class="kinerja-sandi-ulang" autocomplete="new-password" required>
      <button type="submit" class="kinerja-simpan-sandi">{txt.CHANGE_BUTTON}</button>
    </form>"""
    return _page(txt.CHANGE_TITLE, body)


def refusal_page(message: str, base_url: str) -> str:
    """The 403 page of this module's handlers."""
    body = (
        f'    <p class="galat kinerja-galat">{html.escape(message)}</p>\n'
        f'    <p><a href="{html.escape(base_url)}">{txt.BACK_HOME}</a></p>'
    )
    return _page(txt.FORBIDDEN_TITLE, body)


# ------------------------------------------------------------------ identity provider


class KinerjaIdentityProvider(IdentityProvider):
    """Accounts from the store (``KINERJA_DB``) for Voilà; see the module docstring."""

    allowed_hosts = List(Unicode(), config=True, help="Host names accepted with any port.")
    session_hours = Float(9.0, config=True, help="Hours a sign-in lasts.")

    @default("token")
    def _token_default(self) -> str:
        return ""  # no shared token: accounts only

    def __init__(self, **kwargs: Any):
        kwargs.pop("token", None)
        super().__init__(**kwargs)
        self._store: Store | None = None

    # the server's own facts

    @property
    def served_ip(self) -> str:
        return str(getattr(self.parent, "ip", "127.0.0.1") or "")

    @property
    def served_port(self) -> int:
        return int(getattr(self.parent, "port", 8866))

    @property
    def base_url(self) -> str:
        return str(getattr(self.parent, "base_url", "/") or "/")

    @property
    def store(self) -> Store | None:
        """The store named by ``KINERJA_DB`` (opened on first use), or None."""
        if self._store is None and os.environ.get(ENV_DB):
            self._store = Store(os.environ[ENV_DB])
        return self._store

    def open_server(self, host_header: str) -> bool:
        """True when a request needs no sign-in: no account in the store, the server listens
        on loopback only and the request names this machine (not a name a proxy serves)."""
        name = split_host_and_port(host_header.strip().lower())[0].strip("[]")
        if not (is_loopback(self.served_ip) and is_loopback(name)):
            return False
        return self.store is None or not accounts.has_accounts(self.store)

    def cookie_name_for(self) -> str:
        return f"kinerja-sesi-{self.served_port}"

    # IdentityProvider

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    def get_handlers(self) -> list[tuple[str, object]]:
        base = self.base_url
        return [
            (url_path_join(base, "/login"), LoginHandler),
            (url_path_join(base, "/logout"), LogoutHandler),
            (url_path_join(base, "/sandi"), ChangePasswordHandler),
            (base, LandingHandler),
            (url_path_join(base, r"/voila/tree(?:/.*)?"), LandingHandler),
        ]

    def identity_model(self, user: User) -> dict[str, Any]:
        return {"username": user.username, "name": user.name, "display_name": user.display_name}

    def get_user(self, handler: web.RequestHandler) -> KinerjaUser | None:
        try:
            return self._get_user_checked(handler)
        except web.HTTPError:
            # the error page needs to know there is no user (as Jupyter's own check_host does)
            handler.current_user = handler._jupyter_current_user = None  # type: ignore[attr-defined]
            raise

    def _get_user_checked(self, handler: web.RequestHandler) -> KinerjaUser | None:
        request = handler.request
        host = request.headers.get("Host", "")
        if not host_allowed(
            host, ip=self.served_ip, port=self.served_port, allowed=self.allowed_hosts
        ):
            self.log.warning("Menolak Host %r dari %s", host, request.remote_ip)
            raise _refusal(txt.HOST_REFUSED.format(host=host))
        if request.headers.get("Upgrade", "").lower() == "websocket":
            origin = request.headers.get("Origin")
            if not origin_matches(origin, host):
                raise _refusal(txt.ORIGIN_REFUSED.format(origin=origin))
        user = self._session_user(handler)
        if user is None:
            if self.open_server(host):
                return KinerjaUser(OPEN_USER)
            if self._is_api(request.path) or request.method not in ("GET", "HEAD"):
                if not isinstance(handler, _PageHandler):
                    raise _refusal(txt.LOGIN_REQUIRED_API)
            return None
        account = user.account
        if account is not None and account.must_change_password:
            self._send_to_change_password(handler)
        return user

    def _session_user(self, handler: web.RequestHandler) -> KinerjaUser | None:
        store = self.store
        if store is None:
            return None
        raw = handler.get_secure_cookie(self.cookie_name_for(), max_age_days=self.session_days)
        session = session_user(raw, now=time.time(), max_age_hours=self.session_hours)
        if session is None:
            return None
        username, stamp = session
        account = accounts.get_account(store, username)
        if account is None or account.disabled:
            return None
        if accounts.password_stamp(store, username) != stamp:
            return None  # the password changed since this sign-in
        return KinerjaUser(account.username, account=account)

    @property
    def session_days(self) -> float:
        return self.session_hours / 24 + 1 / 24  # Tornado's own limit; ours is exact

    def _is_api(self, path: str) -> bool:
        rel = path[len(self.base_url) :] if path.startswith(self.base_url) else path
        return rel.startswith(("api/", "voila/api/", "voila/query/", "voila/execution/"))

    def _send_to_change_password(self, handler: web.RequestHandler) -> None:
        """Outside ``/sandi`` and ``/logout``: redirect a page request, refuse the rest."""
        if isinstance(handler, (ChangePasswordHandler, LogoutHandler, LoginHandler)):
            return
        if handler.request.method in ("GET", "HEAD") and not self._is_api(handler.request.path):
            target = url_path_join(self.base_url, "/sandi")
            handler.redirect(f"{target}?next={_quote(handler.request.uri or '')}")
            return
        raise _refusal(txt.CHANGE_REQUIRED)

    def sign_in_cookie(self, handler: web.RequestHandler, store: Store, username: str) -> None:
        """Start a session for ``username`` (HTTP-only, SameSite=Lax, Secure under HTTPS)."""
        secure = self.secure_cookie
        if secure is None:  # behind the office's HTTPS proxy Tornado itself sees http
            forwarded = handler.request.headers.get("X-Forwarded-Proto", "").lower()
            secure = handler.request.protocol == "https" or forwarded == "https"
        handler.set_secure_cookie(
            self.cookie_name_for(),
            session_value(username, time.time(), accounts.password_stamp(store, username) or ""),
            expires_days=None,
            httponly=True,
            samesite="Lax",
            secure=bool(secure),
            path=self.base_url,
        )

    def sign_out_cookie(self, handler: web.RequestHandler) -> None:
        handler.clear_cookie(self.cookie_name_for(), path=self.base_url)


def _refusal(message: str) -> web.HTTPError:
    """A 403 whose message people read (Jupyter formats it with ``%``)."""
    return web.HTTPError(403, message.replace("%", "%%"))


def _quote(uri: str) -> str:
    from urllib.parse import quote

    return quote(uri, safe="")


# ------------------------------------------------------------------ handlers


class _PageHandler(JupyterHandler):
    """A page of this module: Indonesian error pages, the provider at hand."""

    @property
    def provider(self) -> KinerjaIdentityProvider:
        provider = self.identity_provider
        assert isinstance(provider, KinerjaIdentityProvider)
        return provider

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = ""
        if isinstance(exc, web.HTTPError) and exc.log_message:
            message = exc.log_message % exc.args
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(refusal_page(message or str(status_code), self.base_url))

    def account(self) -> Account | None:
        user = self.current_user
        return user.account if isinstance(user, KinerjaUser) else None

    def next_url(self) -> str:
        return safe_next(self.get_argument("next", None), self.base_url)

    async def in_thread(self, func: Any, *args: Any) -> Any:
        """Run a blocking store call (argon2, a write) off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(None, func, *args)


class LoginHandler(_PageHandler):
    """``/login``: the form, and the sign-in check (with :mod:`kinerja.accounts`' lockout)."""

    @allow_unauthenticated
    def get(self) -> None:
        if self.account() is not None:
            self.redirect(self.next_url())
            return
        info = txt.LOGGED_OUT if self.get_argument("keluar", None) else ""
        self.finish(login_page(xsrf=self.xsrf_form_html(), next_url=self.next_url(), info=info))

    @allow_unauthenticated
    async def post(self) -> None:
        username = self.get_body_argument("username", "").strip().lower()
        password = self.get_body_argument("password", "")
        store = self.provider.store
        try:
            if store is None:
                raise LoginRefused("invalid", txt.LOGIN_INVALID)
            account: Account = await self.in_thread(
                accounts.authenticate, store, username, password
            )
        except LoginRefused as refused:
            self.set_status(403)
            self.finish(
                login_page(
                    xsrf=self.xsrf_form_html(),
                    next_url=self.next_url(),
                    username=username,
                    error=str(refused),
                )
            )
            return
        self.provider.sign_in_cookie(self, store, account.username)
        if account.must_change_password:
            target = url_path_join(self.base_url, "/sandi")
            self.redirect(f"{target}?next={_quote(self.next_url())}")
        else:
            self.redirect(self.next_url())


class LogoutHandler(_PageHandler):
    """``/logout``: ends the session and shows the sign-in form."""

    @allow_unauthenticated
    def get(self) -> None:
        self.provider.sign_out_cookie(self)
        self.redirect(url_path_join(self.base_url, "/login") + "?keluar=1")


class ChangePasswordHandler(_PageHandler):
    """``/sandi``: a signed-in account changes its password (required after a one-time one)."""

    def _form(self, error: str = "") -> None:
        account = self.account()
        assert account is not None  # web.authenticated
        self.finish(
            change_password_page(
                xsrf=self.xsrf_form_html(),
                next_url=self.next_url(),
                username=account.username,
                error=error,
            )
        )

    @web.authenticated
    def get(self) -> None:
        if self.account() is None:  # the open server has no passwords
            self.redirect(self.base_url)
            return
        self._form()

    @web.authenticated
    async def post(self) -> None:
        account = self.account()
        store = self.provider.store
        if account is None or store is None:
            raise web.HTTPError(403)
        new = self.get_body_argument("new_password", "")
        if new != self.get_body_argument("new_password2", ""):
            self.set_status(400)
            self._form(txt.PASSWORDS_DIFFER)
            return
        old = self.get_body_argument("password", "")
        try:
            await self.in_thread(accounts.change_password, store, account.username, old, new)
        except (AccountError, LoginRefused) as refused:
            self.set_status(400)
            self._form(str(refused))
            return
        self.provider.sign_in_cookie(self, store, account.username)  # sessions before end
        self.redirect(self.next_url())


class LandingHandler(_PageHandler):
    """``/``: the apps the signed-in role may open (all of them on the open server)."""

    @web.authenticated
    def get(self) -> None:
        from kinerja.serve import available_apps, landing_page

        demo = os.environ.get("KINERJA_DEMO") == "1"
        self.set_header("Cache-Control", "no-store")
        self.finish(
            landing_page(
                available_apps(), demo=demo, account=self.account(), base_url=self.base_url
            )
        )


class WrongHost(Matcher):
    """Matches every request whose ``Host`` the provider refuses (placed before every route)."""

    def __init__(self, provider: KinerjaIdentityProvider):
        self.provider = provider

    def match(self, request: HTTPServerRequest) -> dict[str, Any] | None:
        p = self.provider
        host = request.headers.get("Host", "")
        if host_allowed(host, ip=p.served_ip, port=p.served_port, allowed=p.allowed_hosts):
            return None
        return {}


class HostRefusedHandler(web.RequestHandler):
    """The answer to a request for another host (static files and websockets included): 403."""

    def prepare(self) -> None:
        host = self.request.headers.get("Host", "")
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(refusal_page(txt.HOST_REFUSED.format(host=host), "/"))

    def check_xsrf_cookie(self) -> None:
        """Nothing to protect: every request is refused."""


def host_guard(provider: KinerjaIdentityProvider) -> tuple[WrongHost, type[HostRefusedHandler]]:
    """The route that refuses other hosts, to put before every other route of the server."""
    return (WrongHost(provider), HostRefusedHandler)


# ------------------------------------------------------------------ the page's kernel


def page_account(req_handler: Any) -> Account | None:
    """The account a page request was made with (None on the open server)."""
    user = getattr(req_handler, "current_user", None)
    return user.account if isinstance(user, KinerjaUser) else None


def forbidden_message(account: Account, notebook: str) -> str:
    """Why ``account`` may not open ``notebook`` (Bahasa Indonesia, labels only)."""
    judul = msg.APP_CARDS.get(notebook, (notebook,))[0]
    return txt.APP_FORBIDDEN.format(peran=txt.ROLE_LABELS[account.role], judul=judul)


class KinerjaKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager, with a cap on the kernels of one account."""

    max_kernels_per_user = Integer(3, config=True, help="Kernels one account may hold at once.")

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.owners: dict[str, str] = {}

    async def start_kernel(  # type: ignore[override]
        self, *, kernel_id: str | None = None, path: Any = None, **kwargs: Any
    ) -> str:
        owner = _request_username()
        if owner is not None:
            await self._make_room(owner)
        kid: str = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        if owner is not None:
            self.owners[kid] = owner
        return kid

    async def _make_room(self, owner: str) -> None:
        mine = []
        for kid, who in list(self.owners.items()):
            if who != owner:
                continue
            if kid not in self:
                self.owners.pop(kid, None)
                continue
            kernel = self.get_kernel(kid)
            idle = getattr(kernel, "execution_state", "idle") in ("idle", "starting")
            mine.append((kid, idle, getattr(kernel, "last_activity", None)))
        for kid in kernels_to_end(mine, self.max_kernels_per_user):
            self.log.info("Kernel %s milik %s dihentikan (batas per akun)", kid, owner)
            await self.shutdown_kernel(kid)

    async def shutdown_kernel(  # type: ignore[override]
        self, kernel_id: str, now: bool = False, restart: bool = False
    ) -> None:
        try:
            await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        finally:
            if not restart:
                self.owners.pop(kernel_id, None)


def _request_username() -> str | None:
    """The account of the request being served (Jupyter's call context), if any."""
    handler = CallContext.get(CallContext.JUPYTER_HANDLER)
    account = page_account(handler) if handler is not None else None
    return account.username if account is not None else None
