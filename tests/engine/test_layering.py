import subprocess
import sys


def test_engine_does_not_import_flask() -> None:
    code = ("import sys, engine, engine.core, engine.tasks, engine.demo; "
            "print('flask' in sys.modules, 'webui' in sys.modules, 'werkzeug' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]


def test_passwords_are_scrypt_and_readable_by_werkzeug() -> None:
    from werkzeug.security import check_password_hash, generate_password_hash

    from engine.passwords import check_password, hash_password

    ours = hash_password("salasana-1")
    assert ours.startswith("scrypt:") and "salasana-1" not in ours
    assert check_password(ours, "salasana-1") and not check_password(ours, "salasana-2")
    assert check_password_hash(ours, "salasana-1")                         # same format both ways
    assert check_password(generate_password_hash("salasana-1", method="scrypt"), "salasana-1")
    assert not check_password("pbkdf2:sha256:1$x$y", "x") and not check_password("garbage", "x")
