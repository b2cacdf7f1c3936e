"""``kinerja serve``'s Voilà command and its server-side hook (no server started)."""

from __future__ import annotations

from kinerja import voila_app
from kinerja.serve import voila_command


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
