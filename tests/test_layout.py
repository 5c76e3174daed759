"""The house rules of the layout, read from the code: stages import only earlier stages, no
import cycles, no private name used across modules, and an installed wheel holds every module."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "extractor"
# The pipeline's order (README, Layout). A module may import its own stage and earlier ones.
STAGES = ["foundation", "text", "model", "coding", "pipeline", "outputs", "runs", "evaluation", "cli", "testing"]
FOUNDATION = {"errors", "settings", "records"}
NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_make"}  # public despite the underscore


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package itself: the public API gathers every stage
    if parts[1] == "__main__":
        return "cli"  # `python -m extractor`: the command line
    return "foundation" if parts[1] in FOUNDATION else parts[1]


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import of this package's modules, lazy ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "extractor":
            names = [a.name for a in node.names]
            if node.module == "extractor":  # `from extractor import gazetteer` names a module
                out.extend((node.lineno, f"extractor.{n}", []) for n in names if f"extractor.{n}" in MODULES)
            else:
                out.append((node.lineno, node.module, names))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name, []) for a in node.names if a.name.split(".")[0] == "extractor")
    return out


def test_every_module_belongs_to_a_known_stage() -> None:
    assert {_stage(m) for m in MODULES} - {None} <= set(STAGES)


def test_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for module, path in MODULES.items():
        mine = _stage(module)
        if mine is None:
            continue
        for line, target, _ in _imports(path):
            theirs = _stage(target)
            if theirs is not None and STAGES.index(theirs) > STAGES.index(mine):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles_between_modules() -> None:
    graph = {m: {t for _, t, _ in _imports(p) if t in MODULES and t != m} for m, p in MODULES.items() if m != "extractor"}
    for node in graph:
        graph[node].discard("extractor")
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package and its own modules
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_no_private_name_is_used_across_modules() -> None:
    wrong = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, target, names in _imports(path):
            wrong.extend(f"{path.relative_to(ROOT)}:{line}: imports {target}.{n}" for n in names
                         if n.startswith("_") and not n.startswith("__"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and node.attr not in NAMEDTUPLE_API):
                owner = node.value
                if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not wrong, "\n".join(wrong)


def test_the_built_wheel_installs_and_imports_every_module(tmp_path: Path) -> None:
    """pyproject must find the subpackages: a wheel with only `extractor/` would import in the
    checkout and fail once installed."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("extractor-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # The dependencies come from this venv (no download); the package only from the wheel.
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site / "deps.pth").write_text("\n".join(deps) + "\n")
    # --ignore-installed: an egg-info on PYTHONPATH (the checkout, after the build) is not this venv's install.
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", "--prefix",
                    str(env_dir), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    names = sorted(m for m in MODULES if not m.endswith("__main__"))
    script = ("import importlib, extractor, pathlib\n"
              f"assert pathlib.Path(extractor.__file__).is_relative_to({str(env_dir)!r}), extractor.__file__\n"
              f"for name in {names!r}:\n    importlib.import_module(name)\n"
              "from extractor.model.prompts import load_prompts\nprint(load_prompts().version)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EXTRACTOR_PROMPTS_DIR")}
    done = subprocess.run([str(python), "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the installed package found no prompt templates"


@pytest.mark.parametrize("package", sorted({m.split(".")[1] for m in MODULES if m.count(".") >= 1 and
                                            MODULES[m].name == "__init__.py"}))
def test_each_stage_package_says_what_it_owns_and_may_import(package: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "import" in doc, f"extractor/{package}/__init__.py needs a docstring: what it owns, what it may import"
