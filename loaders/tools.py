"""Outside programs (OCR, Word converters): found on ``PATH`` or named by an environment variable, and run as
argument lists (never a shell) within a time limit that stops them with their children.

:mod:`loaders.ocr` (tesseract, pdftoppm) and :mod:`loaders.convert` (LibreOffice, antiword, catdoc) both go
through here; each turns a failure into its own message.

>>> find(("no-such-program-kg",), env="KG_NO_SUCH_PROGRAM") is None
True
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["find", "run_tool"]


def find(names: tuple[str, ...], env: str | None = None) -> str | None:
    """The program ``$env`` names (a path, or a name looked up on ``PATH``), else the first of ``names`` on
    ``PATH`` (Windows names included by the caller), else None."""
    named = os.environ.get(env) if env else None
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_tool(args: list[str], *, timeout: float | None = None, input: bytes | None = None,
             env: dict[str, str] | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run one program with its output captured. After ``timeout`` seconds it is stopped with its children
    (its own process group on POSIX: LibreOffice's soffice.bin too) and ``subprocess.TimeoutExpired`` is
    raised; a program that cannot start raises ``OSError``. The exit code is the caller's to judge."""
    popen: dict = {"cwd": cwd, "env": env, "stdin": subprocess.PIPE if input is not None else subprocess.DEVNULL,
                   "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if os.name == "posix":
        popen["start_new_session"] = True
    elif sys.platform == "win32":
        popen["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    proc = subprocess.Popen(args, **popen)
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        proc.kill()
        proc.communicate()
        raise
    return subprocess.CompletedProcess(args, proc.returncode, out, err)
