"""Starting and killing real `palvelupolku` processes for the reliability figures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

CLI = str(Path(sys.executable).parent / "palvelupolku")


def environment(db_url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PALVELUPOLKU_DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1", **extra}
    env.pop("PALVELUPOLKU_RELIABILITY", None)
    return env


def spawn(args: list[str], db_url: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(args, env=environment(db_url, **extra), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def kill(process: subprocess.Popen[str]) -> None:
    """kill -9, the way a crash or an OOM killer ends a process: no clean-up runs."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    if process.stdout:
        process.stdout.close()


def stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill(process)
            return ""
    if process.stdout is None or process.stdout.closed:
        return ""
    with process.stdout:
        return process.stdout.read()


def wait_healthy(base: str, web: subprocess.Popen[str], seconds: float = 60) -> None:
    """Until the web server at `base` answers /health (or fails the test if it died or never answered)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(f"{base}/health", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline and web.poll() is None, "gunicorn did not start"
        time.sleep(0.2)
