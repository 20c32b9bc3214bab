"""A server installs the package without its dev tools (`make install EXTRAS=`): every module of
the application must import with the runtime dependencies of pyproject.toml alone."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# Run in a fresh interpreter: refuse the blocked top-level modules, set Django up, import everything.
IMPORT_ALL = """
import importlib, importlib.abc, json, pkgutil, sys

blocked = set(json.loads(sys.argv[1]))

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r} (not a runtime dependency)", name=name)
        return None

sys.meta_path.insert(0, Refuse())
import django
django.setup()
import twinnings
for module in pkgutil.walk_packages(twinnings.__path__, "twinnings."):
    importlib.import_module(module.name)
from django.urls import get_resolver
get_resolver().url_patterns
"""


def runtime_distributions() -> set[str]:
    """The twinnings distribution and everything it requires, transitively, with no extra of ours
    (the extras a requirement names, as psycopg[binary], count)."""
    seen: set[str] = set()
    todo: list[tuple[str, frozenset[str]]] = [("twinnings", frozenset())]
    while todo:
        name, extras = todo.pop()
        key = canonicalize_name(name)
        if key in seen and not extras:
            continue
        seen.add(key)
        for line in metadata.distribution(name).requires or []:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(
                requirement.marker.evaluate({"extra": extra}) for extra in {"", *extras}
            )
            if wanted:
                todo.append((requirement.name, frozenset(requirement.extras)))
    return seen


def top_level_modules(distribution: metadata.Distribution) -> set[str]:
    names = (distribution.read_text("top_level.txt") or "").split()
    if not names:
        names = [
            file.parts[0].removesuffix(".py")
            for file in distribution.files or []
            if file.parts and not file.parts[0].endswith((".dist-info", ".data", ".pth")) and file.parts[0] != ".."
        ]
    return {name for name in names if name.isidentifier()}


def test_every_module_imports_with_the_runtime_dependencies_alone() -> None:
    runtime = runtime_distributions()
    allowed = set().union(
        *(top_level_modules(d) for d in metadata.distributions() if canonicalize_name(d.metadata["Name"]) in runtime)
    )
    blocked = (
        set().union(
            *(
                top_level_modules(d)
                for d in metadata.distributions()
                if canonicalize_name(d.metadata["Name"]) not in runtime
            )
        )
        - allowed
    )
    assert {"django_stubs_ext", "pytest", "playwright", "pypdf"} <= blocked  # the dev tools are there to refuse
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, json.dumps(sorted(blocked))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
