"""The house's rules that no single feature's test sees (issue 20): imports only go down (the
import contracts in pyproject.toml, checked by import-linter), every module of simulator/ is
placed in a layer, every package the code imports is declared, and ruff finds nothing. So the
README's test command fails on a violation, not only .ci/run."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = {c["id"]: c for c in PYPROJECT["tool"]["importlinter"]["contracts"]}

LAYERS = CONTRACTS["layers"]["layers"]


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("lint-imports"), "--no-cache"], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def modules() -> list[str]:
    """The project's modules: those git tracks in a checkout (a colleague's file not committed yet
    is not placed yet), else every file."""
    files: list[str]
    git = shutil.which("git")
    if (ROOT / ".git").exists() and git:
        listed = subprocess.run([git, "ls-files", "simulator", "scoring", "scenarios"], capture_output=True,
                                text=True, cwd=ROOT, timeout=60)
        files = [f for f in listed.stdout.splitlines() if f.endswith(".py") and (ROOT / f).exists()]
    else:
        files = [str(p.relative_to(ROOT)) for top in ("simulator", "scoring", "scenarios")
                 for p in (ROOT / top).rglob("*.py")]
    return sorted(f[:-3].replace("/", ".").removesuffix(".__init__") for f in files)


def test_the_import_contracts_hold():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "broken" not in run.stdout.lower().replace("0 broken", "")


def test_a_core_module_importing_textual_breaks_the_contract(tmp_path):
    """The contracts really bite: a copy of the code where the engine imports Textual, the store
    the TUI, the model the game's session and a screen the app fails lint-imports, naming all
    four (the store's twice: the core's contract and the TUI's own; the model's by the layers
    contract; the screen's as a cycle)."""
    for top in ("simulator", "scoring", "scenarios"):
        for src in (ROOT / top).rglob("*.py"):
            dest = tmp_path / src.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    (tmp_path / "simulator" / "play" / "engine.py").write_text((ROOT / "simulator" / "play" / "engine.py").read_text(encoding="utf-8")
                                                      + "\nimport textual  # noqa\n", encoding="utf-8")
    store = tmp_path / "simulator" / "results" / "store" / "__init__.py"
    store.write_text(store.read_text(encoding="utf-8") + "\nimport simulator.tui.widgets  # noqa\n", encoding="utf-8")
    play = tmp_path / "simulator" / "tui" / "screens" / "play.py"
    play.write_text(play.read_text(encoding="utf-8") + "\nimport simulator.tui.app  # noqa\n", encoding="utf-8")
    model = tmp_path / "simulator" / "format" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport simulator.game.session  # noqa\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    run = lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout[-3000:]
    assert "simulator.play is not allowed to import textual" in run.stdout, run.stdout[-3000:]
    assert "simulator.results is not allowed to import simulator.tui" in run.stdout, run.stdout[-3000:]
    assert "Illegal imports of protected package simulator.tui" in run.stdout, run.stdout[-3000:]
    assert "- simulator.results.store -> simulator.tui.widgets" in run.stdout, run.stdout[-3000:]
    assert "Each layer imports only the layers below it BROKEN" in run.stdout, run.stdout[-3000:]
    assert "simulator.format.model -> simulator.game.session" in run.stdout, run.stdout[-3000:]
    assert "No import cycles (but the exception listed, with its reason) BROKEN" in run.stdout, run.stdout[-3000:]
    assert "No cycles are allowed in simulator.tui." in run.stdout and "- .screens -> .app" in run.stdout, run.stdout[-3000:]


def test_every_module_is_placed_in_a_layer():
    """Every module of simulator/ lives in one of the layers' packages (the layers contract checks
    its imports), and the core contract names only modules that exist."""
    unplaced = [m for m in modules() if m.startswith("simulator.")
                and not any(m == layer or m.startswith(layer + ".") for layer in LAYERS)]
    assert not unplaced, f"move these into a layer's package (pyproject.toml's layers contract): {unplaced}"
    gone = sorted(m for m in CONTRACTS["core"]["source_modules"] + LAYERS if m not in modules())
    assert not gone, f"the contracts list modules that are no more: {gone}"


def _imported_tops(path: Path) -> set[str]:
    tops = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops.add(node.module.split(".")[0])
    return tops


def _dist_name(requirement: str) -> str:
    name = requirement
    for stop in "<>=!~;[ ":
        name = name.split(stop)[0]
    return name.strip().lower().replace("_", "-")


def test_every_package_the_code_imports_is_declared():
    """aiohttp and Rich were imported by the workshop and the TUI and never declared."""
    declared = {_dist_name(r) for r in PYPROJECT["project"]["dependencies"]}
    ours = {"simulator", "scoring", "scenarios"}
    dists = packages_distributions()
    missing = {}
    for f in modules():
        path = ROOT / (f.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / f.replace(".", "/") / "__init__.py"
        for top in _imported_tops(path) - ours - set(sys.stdlib_module_names) - {"msvcrt"}:
            names = {d.lower().replace("_", "-") for d in dists.get(top, [top])}
            if not names & declared:
                missing.setdefault(top, []).append(f)
    assert not missing, f"imported, not declared in [project].dependencies: {missing}"


def test_ruff_finds_nothing():
    run = subprocess.run([tool("ruff"), "check", "--no-cache", "simulator", "scoring", "scenarios", "tests", "bench"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


# Sizes a reader can hold in mind (issue 20): no module of the program over 400 lines, no function
# of the core over 60 (the TUI, the command line and the workshop's web half draw or parse: their
# handlers may run longer, their modules may not).
MAX_MODULE_LINES = 400
MAX_CORE_FUNCTION_LINES = 60
NOT_CORE = ("simulator/tui/", "simulator/cli/", "simulator/workshop/server", "simulator/workshop/seat",
            "simulator/workshop/pages", "simulator/workshop/plain.py", "simulator/workshop/plain_page")


def _program_files() -> list[Path]:
    return [ROOT / (m.replace(".", "/") + ".py") if (ROOT / (m.replace(".", "/") + ".py")).exists()
            else ROOT / m.replace(".", "/") / "__init__.py" for m in modules()] + sorted((ROOT / "bench").glob("*.py"))


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def long_modules(paths: list[Path]) -> dict[str, int]:
    return {_shown(p): n for p in paths if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}


def long_core_functions(paths: list[Path]) -> dict[str, int]:
    long = {}
    for path in paths:
        rel = _shown(path)
        if rel.startswith(("bench/", *NOT_CORE)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_CORE_FUNCTION_LINES:
                    long[f"{rel}:{node.lineno} {node.name}"] = length
    return long


def test_no_module_is_over_400_lines():
    long = long_modules(_program_files())
    assert not long, f"split these by meaning (lines): {long}"


def test_no_core_function_is_over_60_lines():
    long = long_core_functions(_program_files())
    assert not long, f"split these (lines): {long}"


def test_the_size_rules_bite(tmp_path):
    """The two rules see a long module and a long core function: a planted file of 401 lines whose
    one function is 61 lines long; 400 and 60 pass."""
    def planted(name: str, body_lines: int, blank: int) -> Path:
        path = tmp_path / name
        body = "\n".join(f"    x{i} = {i}" for i in range(body_lines - 1))
        path.write_text(f"def long():\n{body}\n" + "\n" * blank, encoding="utf-8")
        return path
    over, under = planted("over.py", 61, 400 - 61 + 1), planted("under.py", 60, 400 - 60)
    assert long_modules([over]) == {"over.py": 401} and long_modules([under]) == {}
    assert long_core_functions([over]) == {"over.py:1 long": 61} and long_core_functions([under]) == {}


def _readme_layout() -> set[str]:
    """The folders README's "How the code is laid out" draws: its tree's entries ending in "/",
    nested by their indent (two spaces a level)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    tree = next(block for block in section.split("```")[1::2] if block.lstrip().startswith("simulator/"))
    listed, stack = set(), []
    for line in tree.strip("\n").splitlines():
        name = line.strip().split()[0]
        if not name.endswith("/"):
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        stack = stack[:depth] + [name.rstrip("/")]
        listed.add("/".join(stack))
    return listed


def test_the_readme_layout_matches_the_tree():
    """Every package of the program is in README's tree, and the tree names no folder that is gone."""
    packages = {str(p.parent.relative_to(ROOT)) for top in ("simulator", "scoring", "scenarios")
                for p in (ROOT / top).rglob("__init__.py") if "__pycache__" not in p.parts}
    assert _readme_layout() == packages
