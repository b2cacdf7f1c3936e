"""The Voilà server that ``kinerja serve`` runs: Voilà with Kinerja's server-side hooks.

``python -m kinerja.voila_app ARGS`` takes Voilà's own command-line
arguments, plus Kinerja's (:data:`ALLOW_HOST`, :data:`MAX_KERNELS`,
:data:`SESSION_HOURS`, :data:`NO_HOOKS`), and starts Voilà with

- :class:`kinerja.web_auth.KinerjaIdentityProvider` as its identity
  provider: sign-in with the store's accounts, the ``Host`` check, the
  landing page per role (see :mod:`kinerja.web_auth`);
- :class:`kinerja.web_auth.KinerjaKernelManager`: a cap on kernels per account;
- a *prelaunch hook* (``VoilaConfiguration.prelaunch_hook``), which runs on
  the server for each page request before its kernel starts.

The hook refuses (403, Indonesian page, no kernel) a notebook the account's
role may not open, and inserts as the notebook's first cell
``from kinerja.accounts import sign_in; sign_in("USERNAME")``, so that the
apps' kernel-side code knows, through :func:`kinerja.accounts.signed_in`,
whom the page was served to; the browser cannot change that cell.  On the
open server (no accounts, one PC) the notebook is left as it is.

Kernels end when their tab closes.  A Voilà page asks the server to shut its
kernel down on ``beforeunload`` with a POST that carries the ``_xsrf`` cookie's
value; standalone Voilà never sets that cookie, so every such request was
refused (403) and each closed tab left its kernel running until it was culled.
The hook reads the request handler's ``xsrf_token``, which makes Tornado set
the cookie on the page's response, so the shutdown is accepted.  Culling stays
the safety net for tabs that vanish without ``beforeunload`` (a crashed
browser, a lost network).

Voilà refuses a prelaunch hook together with ``--preheat_kernel``; with
``--no-hooks`` the server runs without it (kernels of closed tabs then wait
for culling); ``kinerja serve`` refuses ``--preheat`` on a store with accounts.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from typing import Any

NO_HOOKS = "--no-hooks"
ALLOW_HOST = "--allow-host="
MAX_KERNELS = "--max-kernels-per-user="
SESSION_HOURS = "--session-hours="


def sign_in_source(username: str) -> str:
    """The first cell of a page served to ``username`` (the name quoted as a Python literal)."""
    return f"from kinerja.accounts import sign_in\nsign_in({username!r})"


def prelaunch_hook(req_handler: Any, notebook: Any, cwd: str) -> Any:
    """Run before a page's kernel starts: set the ``_xsrf`` cookie, check the role, sign in.

    Raises
    ------
    tornado.web.HTTPError
        403 when the account's role may not open the notebook; Voilà then
        renders the template's ``403.html`` and starts no kernel.
    """
    import nbformat
    from tornado.web import HTTPError

    from kinerja.web_auth import forbidden_message, notebook_name, page_account

    req_handler.xsrf_token  # noqa: B018 - Tornado sets the cookie when the token is first read
    account = page_account(req_handler)
    if account is None:  # the open server: no accounts
        return notebook
    name = notebook_name(req_handler)
    if not account.may_open(name):
        raise HTTPError(403, forbidden_message(account, name).replace("%", "%%"))
    signed = copy.deepcopy(notebook)
    signed.cells.insert(0, nbformat.v4.new_code_cell(sign_in_source(account.username)))
    return signed


def _take(args: list[str], prefix: str) -> list[str]:
    """Remove every ``prefix``VALUE argument from ``args``; their values, in order."""
    values = [a[len(prefix) :] for a in args if a.startswith(prefix)]
    args[:] = [a for a in args if not a.startswith(prefix)]
    return values


def main(argv: Sequence[str] | None = None) -> None:
    """Start Voilà with ``argv`` (Voilà's own arguments, plus Kinerja's)."""
    from traitlets.config import Config
    from voila.app import Voila

    from kinerja.web_auth import KinerjaIdentityProvider, KinerjaKernelManager

    args = list(sys.argv[1:] if argv is None else argv)
    config = Config()
    if NO_HOOKS in args:
        args.remove(NO_HOOKS)
    else:
        config.VoilaConfiguration.prelaunch_hook = prelaunch_hook
    config.Voila.identity_provider_class = KinerjaIdentityProvider
    config.VoilaConfiguration.multi_kernel_manager_class = KinerjaKernelManager
    config.KinerjaIdentityProvider.allowed_hosts = _take(args, ALLOW_HOST)
    for value in _take(args, SESSION_HOURS)[-1:]:
        config.KinerjaIdentityProvider.session_hours = float(value)
    for value in _take(args, MAX_KERNELS)[-1:]:
        config.KinerjaKernelManager.max_kernels_per_user = int(value)
    _with_host_guard(Voila).launch_instance(args, config=config)


def _with_host_guard(voila_class: Any) -> Any:
    """Voilà whose first route refuses requests for other hosts (static files included)."""
    from kinerja.web_auth import KinerjaIdentityProvider, host_guard

    class KinerjaVoila(voila_class):  # type: ignore[misc, valid-type]
        def init_handlers(self) -> list[Any]:
            handlers = list(super().init_handlers())
            provider = getattr(self, "identity_provider", None)
            if isinstance(provider, KinerjaIdentityProvider):
                handlers.insert(0, host_guard(provider))
            return handlers

    return KinerjaVoila


if __name__ == "__main__":  # pragma: no cover - the process kinerja serve starts
    main()
