"""The Voilà server that ``kinerja serve`` runs: Voilà with Kinerja's server-side hooks.

``python -m kinerja.voila_app ARGS`` takes Voilà's own command-line
arguments and starts Voilà with a *prelaunch hook*
(``VoilaConfiguration.prelaunch_hook``), which runs on the server for each
page request before its kernel starts.

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
for culling).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

NO_HOOKS = "--no-hooks"


def prelaunch_hook(req_handler: Any, notebook: Any, cwd: str) -> Any:
    """Run before a page's kernel starts: set the ``_xsrf`` cookie; the notebook is unchanged."""
    req_handler.xsrf_token  # noqa: B018 - Tornado sets the cookie when the token is first read
    return notebook


def main(argv: Sequence[str] | None = None) -> None:
    """Start Voilà with ``argv`` (Voilà's own arguments, plus ``--no-hooks``)."""
    from traitlets.config import Config
    from voila.app import Voila

    args = list(sys.argv[1:] if argv is None else argv)
    config = Config()
    if NO_HOOKS in args:
        args.remove(NO_HOOKS)
    else:
        config.VoilaConfiguration.prelaunch_hook = prelaunch_hook
    Voila.launch_instance(args, config=config)


if __name__ == "__main__":  # pragma: no cover - the process kinerja serve starts
    main()
