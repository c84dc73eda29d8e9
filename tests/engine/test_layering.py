import subprocess
import sys


def test_engine_does_not_import_flask() -> None:
    code = ("import sys, engine, engine.core, engine.tasks, engine.demo; "
            "print('flask' in sys.modules, 'webui' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
