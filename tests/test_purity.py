"""The engine never imports a UI library."""

from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import ROOT

UI = {"textual", "rich", "plotext", "textual_plotext"}


def test_engine_source_has_no_ui_imports():
    for path in (ROOT / "engine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in UI, f"{path} imports {name}"


def test_importing_the_engine_loads_no_ui_module():
    code = (
        "import sys, scalescope.engine as engine, scalescope.engine.io, scalescope.engine.compare, scalescope.engine.passk, scalescope.engine.readers;"
        "engine.decompose(engine.load_bundled('math-level-5'));"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(UI)!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
