"""Build hooks for the package; the metadata is in pyproject.toml.

A wheel is the product a server installs, so it must carry what `make` otherwise makes in the
checkout (README, "Building the package"):

- the compiled UI catalogs: every webui/translations/<lang>/LC_MESSAGES/messages.po is compiled
  to messages.mo in the build (by glob: a new language needs no change here);
- the browser bundles of webui/static/dist/ (the diagram viewer and the editor), which Node.js
  builds before this runs (`make dist`). A build without them fails: a wheel without them would
  install a server whose diagrams and editor do not load.

Editable installs (`pip install -e '.[dev]'`, `make setup`) skip both: there `make` compiles the
catalogs and builds the bundles in the checkout.

The BPMN files of processes/ and the examples of deploy/ are installed as data files into
<prefix>/share/palvelupolku/, so a server without a checkout can `palvelupolku deploy` them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.errors import SetupError

HERE = Path(__file__).resolve().parent
CATALOGS = "webui/translations/*/LC_MESSAGES/*.po"
BUNDLES = ("viewer.js", "viewer.css", "modeler.js", "modeler.css")   # what the templates load
DIST = "webui/static/dist"


def require_bundles() -> None:
    missing = [name for name in BUNDLES if not (HERE / DIST / name).is_file()]
    if missing:
        raise SetupError(
            f"The browser bundles are missing from {DIST}/ ({', '.join(missing)}): build the package "
            "with `make dist`, which builds them with Node.js first. A package without them would serve "
            "pages whose diagram viewer and editor do not load.")


class BuildPyWithAssets(build_py):
    """build_py that also compiles the .po catalogs and refuses to build without the bundles."""

    def run(self) -> None:
        if not self.editable_mode:
            require_bundles()
        super().run()
        if not self.editable_mode:
            self.compile_catalogs()

    def compile_catalogs(self) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        sources = sorted(HERE.glob(CATALOGS))
        if not sources:
            raise SetupError(f"No translation catalogs found ({CATALOGS}); the package would be English only.")
        for po in sources:
            relative = po.relative_to(HERE).with_suffix(".mo")
            target = Path(self.build_lib) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as infile:
                catalog = read_po(infile, locale=po.parent.parent.name)
            with target.open("wb") as outfile:
                write_mo(outfile, catalog, use_fuzzy=False)
            self.announce(f"compiled {po.relative_to(HERE)} -> {relative}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(Path(self.build_lib) / p.relative_to(HERE).with_suffix(".mo"))
                        for p in sorted(HERE.glob(CATALOGS))]
        return outputs


class SdistWithBundles(sdist):
    """sdist that refuses to build without the bundles: a wheel built from it would lack them."""

    def run(self) -> None:
        require_bundles()
        super().run()


# The office's processes and the production examples, for a server without a checkout
# (<prefix>/share/palvelupolku/). Not for editable installs: there they are in the checkout, and data
# files would make setuptools put the whole checkout on sys.path instead of only the packages.
SHARED = {"processes": "processes/*.bpmn", "deploy": "deploy/*"}
DATA_FILES = [] if "editable_wheel" in sys.argv else [
    (f"share/palvelupolku/{folder}", sorted(str(p.relative_to(HERE)) for p in HERE.glob(pattern)))
    for folder, pattern in SHARED.items()
]

setup(cmdclass={"build_py": BuildPyWithAssets, "sdist": SdistWithBundles}, data_files=DATA_FILES)
